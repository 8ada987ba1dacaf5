package io.slxconnect.ldap;

import static io.slxconnect.ldap.ChangelogWatchTest.person;
import static io.slxconnect.ldap.WatchHarness.upsertOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.Checkpoint;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The modifyTimestamp polling watch against the UnboundID in-memory server. */
class PollWatchTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration INTERVAL = Duration.ofMillis(100);

  private TestDirectory directory;

  @BeforeEach
  void startServer() throws Exception {
    directory = TestDirectory.plain(5);
  }

  @AfterEach
  void stopServer() {
    directory.close();
  }

  @Test
  void firstStartDoesNotReplayExistingEntriesAndChangesSinceTheCheckpointArrive()
      throws Exception {
    WatchHarness first = new WatchHarness(directory.settings("none"));
    Checkpoint saved;
    try (DirectoryWatch watch = watch(first, null)) {
      watch.start();
      first.sink.awaitBatch(batch -> batch.after() != null, WAIT);
      directory.server().modify("uid=user01," + TestDirectory.PEOPLE,
          new Modification(ModificationType.REPLACE, "sn", "Changed"));
      directory.server().add(person("p1", "One"));
      first.sink.awaitRecord(upsertOf("user01", "Changed"), WAIT);
      first.sink.awaitRecord(upsertOf("p1", "One"), WAIT);
      assertEquals(Set.of("user01", "p1"), userNames(first.sink.records()),
          "only the changed entries arrive, and each once");
      assertEquals(2, first.sink.records().size(), first.sink.records()::toString);
      saved = first.sink.committedCheckpoint().orElse(null);
      assertTrue(saved.value().startsWith("modifyTimestamp:"), saved.value());
    }

    directory.server().modify("uid=user02," + TestDirectory.PEOPLE,
        new Modification(ModificationType.REPLACE, "sn", "Offline"));
    WatchHarness second = new WatchHarness(directory.settings("none"));
    try (DirectoryWatch watch = watch(second, saved)) {
      watch.start();
      second.sink.awaitRecord(upsertOf("user02", "Offline"), WAIT);
      // Entries at exactly the checkpoint's time are read again: harmless repeated upserts.
      assertTrue(Set.of("user02", "user01", "p1").containsAll(userNames(second.sink.records())),
          second.sink.records()::toString);
    }
  }

  private DirectoryWatch watch(WatchHarness h, Checkpoint checkpoint) {
    return PollingWatches.modifiedEntries(h.connections, h.settings, checkpoint, h.mapper, h.feed,
        h.logger, INTERVAL);
  }

  private static Set<String> userNames(List<ChangeRecord> changes) {
    return changes.stream().map(r -> r.user().userName()).collect(Collectors.toSet());
  }
}
