package io.slxconnect.ldap;

import static io.slxconnect.ldap.WatchHarness.deleteOf;
import static io.slxconnect.ldap.WatchHarness.upsertOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldif.LDIFException;
import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ChangeRecord.Operation;
import io.slxconnect.api.Checkpoint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The changelog watch against the UnboundID in-memory server's cn=changelog. */
class ChangelogWatchTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration INTERVAL = Duration.ofMillis(100);

  private TestDirectory directory;

  @BeforeEach
  void startServer() throws Exception {
    directory = TestDirectory.plain(3);
  }

  @AfterEach
  void stopServer() {
    directory.close();
  }

  @Test
  void addModifyRenameAndDeleteArriveInOrderWithTheDeletedEntrysStableId() throws Exception {
    WatchHarness h = new WatchHarness(directory.settings("none"));
    String user03Id = entryUuid("uid=user03," + TestDirectory.PEOPLE);
    try (DirectoryWatch watch = watch(h, null)) {
      watch.start();
      h.sink.awaitBatch(batch -> batch.after() != null, WAIT);
      assertEquals(List.of(), h.sink.records(), "existing entries are not replayed");

      directory.server().add(person("p1", "One"));
      directory.server().modify("uid=user01," + TestDirectory.PEOPLE,
          new Modification(ModificationType.REPLACE, "sn", "Changed"));
      directory.server().modifyDN("uid=user02," + TestDirectory.PEOPLE, "uid=user20", true);
      directory.server().delete("uid=user03," + TestDirectory.PEOPLE);

      h.sink.awaitRecord(deleteOf(user03Id), WAIT);
      List<ChangeRecord> changes = h.sink.records();
      assertEquals(4, changes.size(), changes::toString);
      assertTrue(upsertOf("p1", "One").test(changes.get(0)), changes::toString);
      assertTrue(upsertOf("user01", "Changed").test(changes.get(1)), changes::toString);
      assertTrue(upsertOf("user20").test(changes.get(2)), changes::toString);
      assertEquals(List.of("uid=user20," + TestDirectory.PEOPLE),
          changes.get(2).user().attributes().get("dn"));
      assertEquals(new ChangeRecord(Operation.DELETE, user03Id, null, null), changes.get(3));
      assertEquals(new Checkpoint("changeNumber:" + lastChangeNumber()), h.sink.committedCheckpoint().orElse(null));
    }
  }

  @Test
  void resumesFromTheSavedChangeNumberWithTheChangesMadeWhileStopped() throws Exception {
    WatchHarness first = new WatchHarness(directory.settings("none"));
    Checkpoint saved;
    try (DirectoryWatch watch = watch(first, null)) {
      watch.start();
      first.sink.awaitBatch(batch -> batch.after() != null, WAIT);
      directory.server().add(person("p1", "One"));
      first.sink.awaitRecord(upsertOf("p1"), WAIT);
      saved = first.sink.committedCheckpoint().orElse(null);
    }
    String user01Id = entryUuid("uid=user01," + TestDirectory.PEOPLE);
    directory.server().delete("uid=user01," + TestDirectory.PEOPLE);
    directory.server().add(person("p2", "Two"));

    WatchHarness second = new WatchHarness(directory.settings("none"));
    try (DirectoryWatch watch = watch(second, saved)) {
      watch.start();
      second.sink.awaitRecord(upsertOf("p2", "Two"), WAIT);
      List<ChangeRecord> changes = second.sink.records();
      assertEquals(2, changes.size(), changes::toString);
      assertTrue(deleteOf(user01Id).test(changes.get(0)), changes::toString);
    }
  }

  @Test
  void aBatchTheSinkRefusesStopsTheFeedAndTheWatch() throws Exception {
    WatchHarness h = new WatchHarness(directory.settings("none"));
    h.sink.refuseWhen(changes -> !changes.isEmpty());
    try (DirectoryWatch watch = watch(h, null)) {
      watch.start();
      h.sink.awaitBatch(batch -> batch.after() != null, WAIT);
      directory.server().add(person("p1", "One"));
      h.sink.awaitRecord(upsertOf("p1"), WAIT);
      WatchHarness.awaitStopped("changelog-" + directory.url(), WAIT);

      directory.server().add(person("p2", "Two"));
      assertEquals(1, h.failures.size());
      assertTrue(h.feed.failed());
      assertTrue(h.sink.records().stream().noneMatch(upsertOf("p2")),
          "nothing is delivered after a failed batch");
    }
  }

  private DirectoryWatch watch(WatchHarness h, Checkpoint checkpoint) {
    return PollingWatches.changelog(h.connections, h.settings, checkpoint, h.mapper, h.feed,
        h.logger, INTERVAL);
  }

  private String entryUuid(String dn) throws Exception {
    return directory.server().getEntry(dn, "entryUUID").getAttributeValue("entryUUID");
  }

  private long lastChangeNumber() throws Exception {
    return directory.server().getRootDSE().getAttributeValueAsLong("lastChangeNumber");
  }

  static Entry person(String uid, String familyName) throws LDIFException {
    return new Entry("dn: uid=" + uid + "," + TestDirectory.PEOPLE, "objectClass: top",
        "objectClass: person", "objectClass: organizationalPerson",
        "objectClass: inetOrgPerson", "uid: " + uid, "cn: Person " + uid, "sn: " + familyName);
  }
}
