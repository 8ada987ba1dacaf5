package io.slxconnect.ldap;

import static io.slxconnect.ldap.ChangelogWatchTest.person;
import static io.slxconnect.ldap.WatchHarness.deleteOf;
import static io.slxconnect.ldap.WatchHarness.upsertOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.slxconnect.api.ChangeRecord.Operation;
import io.slxconnect.api.Checkpoint;
import io.slxconnect.testdirectories.ApacheDsServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The persistent search watch against an embedded ApacheDS. */
class PersistentSearchWatchTest {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final int LATENCY_SAMPLES = 50;

  private static ApacheDsServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = ApacheDsServer.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Test
  void addModifyRenameAndDeleteArriveAsTheyHappen() throws Exception {
    WatchHarness h = new WatchHarness(Directories.settings(server));
    try (PersistentSearchWatch watch = watch(h, null);
        LDAPConnection admin = server.connect()) {
      watch.start();
      h.sink.awaitBatch(batch -> batch.after() != null, WAIT);
      assertEquals(List.of(), h.sink.records(), "existing entries are not replayed");

      admin.add(person("live1", "One"));
      String id = h.sink.awaitRecord(upsertOf("live1", "One"), WAIT).record().externalId();
      admin.modify(dn("live1"), new Modification(ModificationType.REPLACE, "sn", "Changed"));
      h.sink.awaitRecord(upsertOf("live1", "Changed"), WAIT);
      admin.modifyDN(dn("live1"), "uid=live2", true);
      h.sink.awaitRecord(upsertOf("live2").and(r -> r.externalId().equals(id)
          && r.user().attributes().get("dn").equals(List.of(dn("live2")))), WAIT);
      admin.delete(dn("live2"));
      h.sink.awaitRecord(deleteOf(id), WAIT);

      admin.add(person("latency", "Zero"));
      h.sink.awaitRecord(upsertOf("latency"), WAIT);
      List<Long> micros = new ArrayList<>();
      for (int i = 1; i <= LATENCY_SAMPLES; i++) {
        String familyName = "Sample" + i;
        long written = System.nanoTime();
        admin.modify(dn("latency"), new Modification(ModificationType.REPLACE, "sn", familyName));
        long arrived = h.sink.awaitRecord(upsertOf("latency", familyName), WAIT).arrivedNanos();
        micros.add((arrived - written) / 1000);
      }
      Collections.sort(micros);
      System.out.printf("psearch latency write -> sink over %d changes (ApacheDS): median %.2f ms, "
          + "p99 %.2f ms, max %.2f ms%n", micros.size(), micros.get(micros.size() / 2) / 1000.0,
          micros.get((int) Math.ceil(micros.size() * 0.99) - 1) / 1000.0,
          micros.get(micros.size() - 1) / 1000.0);
      assertTrue(h.failures.isEmpty(), h.failures::toString);
    }
  }

  @Test
  void reconnectsAfterTheServerRestartsAndCatchesUpWhatChangedMeanwhile() throws Exception {
    WatchHarness h = new WatchHarness(Directories.settings(server));
    try (PersistentSearchWatch watch = watch(h, null);
        LDAPConnection admin = server.connect()) {
      watch.start();
      h.sink.awaitBatch(batch -> batch.after() != null, WAIT);
      admin.add(person("restart1", "One"));
      h.sink.awaitRecord(upsertOf("restart1", "One"), WAIT);

      server.stopListening();
      admin.modify(dn("restart1"), new Modification(ModificationType.REPLACE, "sn", "Offline"));
      admin.add(person("restart2", "Two"));
      server.startListening();

      h.sink.awaitRecord(upsertOf("restart1", "Offline"), WAIT);
      h.sink.awaitRecord(upsertOf("restart2", "Two"), WAIT);
      admin.modify(dn("restart2"), new Modification(ModificationType.REPLACE, "sn", "Live"));
      h.sink.awaitRecord(upsertOf("restart2", "Live"), WAIT);
      assertTrue(h.sink.committedCheckpoint().orElse(null).value().startsWith("modifyTimestamp:"));
      WatchHarness.assertLostThenBack(h.connectionReports);
    }
  }

  @Test
  void startsFromACheckpointByCatchingUpWhatChangedWhileStopped() throws Exception {
    WatchHarness first = new WatchHarness(Directories.settings(server));
    Checkpoint saved;
    try (PersistentSearchWatch watch = watch(first, null);
        LDAPConnection admin = server.connect()) {
      watch.start();
      first.sink.awaitBatch(batch -> batch.after() != null, WAIT);
      admin.add(person("resume1", "One"));
      first.sink.awaitRecord(upsertOf("resume1"), WAIT);
      saved = first.sink.committedCheckpoint().orElse(null);
    }
    try (LDAPConnection admin = server.connect()) {
      admin.add(person("resume2", "Two"));
    }
    WatchHarness second = new WatchHarness(Directories.settings(server));
    try (PersistentSearchWatch watch = watch(second, saved)) {
      watch.start();
      second.sink.awaitRecord(upsertOf("resume2", "Two"), WAIT);
      assertTrue(second.sink.records().stream().allMatch(r -> r.operation() == Operation.UPSERT
          && List.of("resume1", "resume2").contains(r.user().userName())),
          second.sink.records()::toString);
    }
  }

  private PersistentSearchWatch watch(WatchHarness h, Checkpoint checkpoint) {
    return new PersistentSearchWatch(h.connections, h.settings, checkpoint, h.mapper, h.feed,
        h.logger);
  }

  private static String dn(String uid) {
    return "uid=" + uid + "," + TestDirectory.PEOPLE;
  }
}
