package io.slxconnect.hrfile;

import static io.slxconnect.testkit.TestConnectorContext.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ChangeRecord.Operation;
import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.api.ExternalUser;
import io.slxconnect.testkit.RecordingSink;
import io.slxconnect.testkit.TestConnectorContext;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What HR does to the file, and what the hub receives: hires, transfers, leavers. */
class HrFileWatchTest {

  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final Clock JUNE_FIRST =
      Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path folder;
  private Vertx vertx;
  private HrTable table;
  private TestConnectorContext context;
  private ConnectorInstance instance;

  @BeforeEach
  void hireTwo() throws Exception {
    vertx = Vertx.vertx();
    table = new HrTable(folder.resolve("employees.csv"));
    table.hireAll(List.of("ada", "bob"));
  }

  @AfterEach
  void stop() throws Exception {
    if (instance != null) {
      await(instance.stop());
      context.close();
    }
    await(vertx.close());
  }

  private RecordingSink watch(Clock clock, Checkpoint from) throws Exception {
    context = TestConnectorContext.builder(vertx).defaultsFrom(new HrFileConnectorType())
        .settings(new JsonObject().put("path", table.file().toString())
            .put("pollIntervalMillis", 100))
        .lastCheckpoint(from).build();
    instance = new HrFileConnector(context, clock);
    await(instance.start());
    RecordingSink sink = new RecordingSink(context);
    await(instance.watch(from, sink));
    sink.awaitBatch(b -> b.after() != null, PATIENCE);
    return sink;
  }

  private static Predicate<ChangeRecord> user(String userName, Predicate<ExternalUser> state) {
    return r -> r.operation() == Operation.UPSERT && r.user().userName().equals(userName)
        && state.test(r.user());
  }

  @Test
  void aNewRowIsAHireAndArrivesAsAnActiveUserWithItsManager() throws Exception {
    RecordingSink sink = watch(Clock.systemUTC(), null);
    String ada = "E1001";
    table.hire("cem");
    table.set("cem", "manager", ada);

    ExternalUser cem = sink.awaitRecord(user("cem", u -> ada.equals(u.managerExternalId())),
        PATIENCE).record().user();
    assertTrue(cem.active());
    assertEquals(List.of("cem@example.com"), cem.emails());
    assertEquals("Engineering", cem.department());
  }

  @Test
  void aChangedDepartmentOrTitleIsATransferAndArrivesAsAnUpdate() throws Exception {
    RecordingSink sink = watch(Clock.systemUTC(), null);
    table.set("bob", "department", "Sales, EMEA");
    sink.awaitRecord(user("bob", u -> "Sales, EMEA".equals(u.department())), PATIENCE);
    table.set("bob", "title", "Account \"Key\" Manager");
    sink.awaitRecord(user("bob", u -> u.attributes().get("title")
        .equals(List.of("Account \"Key\" Manager"))), PATIENCE);
    assertTrue(sink.records().stream().noneMatch(r -> r.user().userName().equals("ada")),
        "an unchanged row is not reported");
  }

  @Test
  void aLeaverAndARowThatDisappearsAreDisabledNeverDeleted() throws Exception {
    RecordingSink sink = watch(Clock.systemUTC(), null);
    table.set("ada", "status", "leaver");
    sink.awaitRecord(user("ada", u -> !u.active()), PATIENCE);
    table.delete("bob");
    sink.awaitRecord(user("bob", u -> !u.active()), PATIENCE);
    assertTrue(sink.records().stream().noneMatch(r -> r.operation() == Operation.DELETE));
  }

  @Test
  void anEndDateThatPassedWhileTheHubWasAwayDisablesTheLeaverOnRestart() throws Exception {
    table.set("ada", "endDate", "2026-06-01");
    Checkpoint lastDay = watch(JUNE_FIRST, null).committedCheckpoint().orElseThrow();
    assertTrue(lastDay.value().length() < 200, "the checkpoint does not grow with the file");
    stop();
    vertx = Vertx.vertx();

    RecordingSink sink = watch(Clock.offset(JUNE_FIRST, Duration.ofDays(1)), lastDay);
    sink.awaitRecord(user("ada", u -> !u.active()), PATIENCE);
    assertFalse(sink.find(user("bob", u -> true)).isPresent(),
        "an unchanged file replays only what the dates changed");
  }

  @Test
  void aFutureStartDateIsAPreHireWhoseAccountIsDisabledUntilThen() throws Exception {
    table.hire("dan");
    table.set("dan", "startDate", "2026-06-02");
    Checkpoint before = watch(JUNE_FIRST, null).committedCheckpoint().orElseThrow();
    stop();
    vertx = Vertx.vertx();
    RecordingSink sink = watch(Clock.offset(JUNE_FIRST, Duration.ofDays(1)), before);
    sink.awaitRecord(user("dan", ExternalUser::active), PATIENCE);
  }

  @Test
  void aHalfWrittenFileIsReportedWithItsLineAndTheLastGoodSnapshotKept() throws Exception {
    RecordingSink sink = watch(Clock.systemUTC(), null);
    String good = Files.readString(table.file());
    Files.writeString(table.file(), good + "E1003,cem,Cem");

    String reason = context.awaitConnectionEvent(e -> !e.connected(), PATIENCE).reason();
    assertTrue(reason.contains("line 4"), reason);
    assertTrue(sink.records().isEmpty(), "nothing is delivered from a broken file");

    table.hire("cem");
    sink.awaitRecord(user("cem", ExternalUser::active), PATIENCE);
    assertTrue(sink.records().stream().noneMatch(r -> !r.user().active()),
        "the broken read disabled nobody");
    context.awaitConnectionEvent(TestConnectorContext.ConnectionEvent::connected, PATIENCE);
  }
}
