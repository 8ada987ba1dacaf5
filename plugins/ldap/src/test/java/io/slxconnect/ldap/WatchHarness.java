package io.slxconnect.ldap;

import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ChangeRecord.Operation;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import io.slxconnect.testkit.RecordingSink;

/** What a watch needs in a test: settings, connections, the user mapper, and a recorded feed. */
final class WatchHarness {

  final LdapSettings settings;
  final LdapConnections connections;
  final EntryMapper mapper;
  final RecordingSink sink = new RecordingSink();
  final List<Throwable> failures = new CopyOnWriteArrayList<>();
  /** What the watch told the hub of its connection: "connected", or "lost: " and why. */
  final List<String> connectionReports = new CopyOnWriteArrayList<>();
  final ChangeFeed feed;
  final Logger logger = System.getLogger("io.slxconnect.ldap.test.watch");

  /**
   * Creates the harness.
   *
   * @param json plaintext settings of a test server
   */
  WatchHarness(JsonObject json) {
    settings = LdapSettings.from(json);
    connections = new LdapConnections(settings, null);
    mapper = new UserEntries(settings);
    feed = new ChangeFeed(sink, failures::add, recorder(connectionReports));
  }

  /**
   * Records what a watch tells the hub of its connection.
   *
   * @param reports where: "connected", or "lost: " and why
   * @return the report callback a {@link ChangeFeed} takes
   */
  static java.util.function.BiConsumer<Boolean, String> recorder(List<String> reports) {
    return (up, why) -> reports.add(up ? "connected" : "lost: " + why);
  }

  /**
   * Checks that a watch told the hub it lost its connection, and then that it is back.
   *
   * @param reports what {@link #recorder} recorded
   */
  static void assertLostThenBack(List<String> reports) {
    org.junit.jupiter.api.Assertions.assertTrue(
        reports.stream().anyMatch(r -> r.startsWith("lost: ")), reports::toString);
    // The report that it is back may follow the first changes it delivers.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> "connected".equals(reports.get(reports.size() - 1)));
  }

  /**
   * Waits until no thread of a watch is alive: the watch has stopped.
   *
   * @param name the watch's name, as in its thread's name {@code slx-ldap-<name>}
   * @param timeout how long at most
   */
  static void awaitStopped(String name, java.time.Duration timeout) {
    org.awaitility.Awaitility.await("watch " + name + " stopped").atMost(timeout)
        .until(() -> Thread.getAllStackTraces().keySet().stream()
            .noneMatch(t -> t.isAlive() && t.getName().equals("slx-ldap-" + name)));
  }


  /** {@return a matcher for an upsert of the user with this uid} */
  static Predicate<ChangeRecord> upsertOf(String uid) {
    return r -> r.operation() == Operation.UPSERT && r.user().userName().equals(uid);
  }

  /** {@return a matcher for an upsert of the user with this uid and surname} */
  static Predicate<ChangeRecord> upsertOf(String uid, String familyName) {
    return upsertOf(uid).and(r -> familyName.equals(r.user().familyName()));
  }

  /** {@return a matcher for the deletion of this stable id} */
  static Predicate<ChangeRecord> deleteOf(String id) {
    return r -> r.operation() == Operation.DELETE && r.externalId().equals(id);
  }
}
