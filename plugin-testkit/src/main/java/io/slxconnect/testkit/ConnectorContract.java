package io.slxconnect.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.slxconnect.api.Capability;
import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ChangeRecord.Operation;
import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectionReport;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.api.ConnectorType;
import io.slxconnect.api.ExternalGroup;
import io.slxconnect.api.ExternalUser;
import io.slxconnect.api.Page;
import io.slxconnect.api.Password;
import io.slxconnect.testkit.ContractRun.Connector;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * The contract every connector keeps, as tests a connector's own build runs. Extend it in one
 * test class and give it a {@link ConnectorFixture}:
 *
 * <pre>{@code
 * class MyConnectorContractTest extends ConnectorContract {
 *   @Override
 *   protected ConnectorFixture fixture() {
 *     return new MyFixture();
 *   }
 * }
 * }</pre>
 *
 * <p>The suite generates tests only for the {@link Capability capabilities} the type declares,
 * as JUnit dynamic tests, so a green run has no skipped test. It calls the connector as the hub
 * does: on a Vert.x event loop, from a fresh instance per test, and checks what the hub relies
 * on:
 *
 * <ul>
 *   <li><b>Streamed paging</b> ({@code IMPORT_USERS}, {@code IMPORT_GROUPS}): every item once,
 *       pages no larger than the fixture's bound, the last page with {@code next == null}.
 *   <li><b>Idempotent writes</b> (write capabilities; they read accounts back with
 *       {@code readUsers}/{@code readGroups} when the type declares those): the same update,
 *       disable, delete or membership change twice succeeds and gives the same result.
 *   <li><b>Error reporting</b>: failures are failed futures carrying a
 *       {@link ConnectorException} (never thrown, never {@code null}, never slow), "Test
 *       connection" explains a problem as a failed step, operations on missing accounts fail
 *       with {@link Reason#NOT_FOUND}, {@code stop()} is safe twice and without a start, and
 *       no message shows a secret.
 *   <li><b>Watch and checkpoints</b> ({@code WATCH}): live changes arrive in order, followed by
 *       a committed checkpoint; {@code watch(null)} starts from now; a batch the hub could not
 *       store arrives again from the last committed checkpoint; changes made while the
 *       connector was stopped arrive after a restart.
 * </ul>
 *
 * <p>Every test makes calls on the test thread and waits for changes with bounds from the
 * fixture, never for a fixed time.
 */
public abstract class ConnectorContract {

  private Vertx vertx;
  private ConnectorFixture fixture;

  /** For subclasses. */
  protected ConnectorContract() {
  }

  /**
   * The connector under test and how to reach and change its system. Called before each group
   * of contract tests.
   *
   * @return the fixture
   * @throws Exception when it cannot be prepared
   */
  protected abstract ConnectorFixture fixture() throws Exception;

  /**
   * Opens a Vert.x instance and the fixture for one group of contract tests.
   *
   * @throws Exception when the fixture cannot be prepared
   */
  @BeforeEach
  final void openContract() throws Exception {
    vertx = Vertx.vertx();
    fixture = fixture();
  }

  /**
   * Closes the Vert.x instance of the group.
   *
   * @throws Exception when it does not close
   */
  @AfterEach
  final void closeContract() throws Exception {
    TestConnectorContext.await(vertx.close());
  }

  // ------------------------------------------------------------------ the type itself

  /**
   * What the hub checks when it loads the plugin: the type is in PF4J's extension index, its id
   * is valid, it declares capabilities, and its schema keeps secrets at the top level.
   *
   * @return the tests
   */
  @TestFactory
  public Stream<DynamicTest> connectorType() {
    ConnectorType type = fixture.type();
    return Stream.of(
        dynamicTest("the type is listed in META-INF/extensions.idx",
            () -> ConnectorTypeChecks.assertIndexed(type)),
        dynamicTest("the id, capabilities and settings schema are what the hub accepts",
            () -> ConnectorTypeChecks.assertAcceptable(type)));
  }

  // ------------------------------------------------------------------ streamed paging

  /**
   * Streamed paging of users and groups, for the import capabilities the type declares.
   *
   * @return the tests
   */
  @TestFactory
  public Stream<DynamicTest> streamedPaging() {
    int bound = fixture.pageSizeBound();
    int count = 2 * bound + 1;
    List<DynamicTest> tests = new ArrayList<>();
    if (declares(Capability.IMPORT_USERS)) {
      tests.add(pagingTest("readUsers", "users", count,
          system -> system.seedUsers(names("page-u", count)),
          instance -> instance::readUsers, ExternalUser::externalId));
    }
    if (declares(Capability.IMPORT_GROUPS)) {
      tests.add(pagingTest("readGroups", "groups", count,
          system -> system.seedGroups(names("page-g", count)),
          instance -> instance::readGroups, ExternalGroup::externalId));
    }
    return tests.stream();
  }

  /** Seeds more items than fit a page, reads them all, and checks each came once. */
  private <T> DynamicTest pagingTest(String operation, String items, int count,
      Seeder seed, Function<ConnectorInstance, Function<String, Future<Page<T>>>> reader,
      Function<T, String> stableId) {
    return test(operation + " streams " + count + " " + items + " in pages of at most "
        + fixture.pageSizeBound() + ", each exactly once, until next == null", run -> {
          BackingSystem system = run.system();
          List<String> ids = seed.seed(system);
          Connector connector = run.started(system.settings(), null);
          List<T> read = readAll(run, operation, reader.apply(connector.instance()), count);
          assertEachOnce(operation, ids, read.stream().map(stableId).toList());
        });
  }

  @FunctionalInterface
  private interface Seeder {
    List<String> seed(BackingSystem system) throws Exception;
  }

  private <T> List<T> readAll(ContractRun run, String operation,
      Function<String, Future<Page<T>>> read, int seeded) {
    int bound = fixture.pageSizeBound();
    List<T> items = new ArrayList<>();
    List<String> pages = new ArrayList<>();
    String cursor = null;
    for (int number = 1; ; number++) {
      String current = cursor;
      String call = operation + "(" + (current == null ? "null" : "\"" + current + "\"") + ")";
      Page<T> page = run.succeed(call, () -> read.apply(current));
      assertNotNull(page, call + " completed with a null page: return an empty Page instead");
      assertTrue(page.items().size() <= bound, call + " returned " + page.items().size()
          + " items, more than the page size bound " + bound + " the fixture states: pages "
          + "must stay bounded, however large the system, so that the hub's memory does");
      items.addAll(page.items());
      pages.add(page.items().size() + " items, next " + page.next());
      if (page.next() == null) {
        return items;
      }
      assertNotEquals(current, page.next(), call + " returned its own cursor as next: the "
          + "read would never end");
      if (number > seeded + 2) {
        fail(operation + " still returned a next cursor after " + number + " pages for "
            + seeded + " seeded items: the last page must have next == null; pages: " + pages);
      }
      cursor = page.next();
    }
  }

  private static void assertEachOnce(String operation, List<String> seeded, List<String> read) {
    Map<String, Integer> times = new HashMap<>();
    read.forEach(id -> times.merge(String.valueOf(id), 1, Integer::sum));
    List<String> missing = seeded.stream().filter(id -> !times.containsKey(id)).toList();
    List<String> repeated = times.entrySet().stream().filter(e -> e.getValue() > 1)
        .map(Map.Entry::getKey).toList();
    assertTrue(missing.isEmpty(), operation + " never returned " + missing.size() + " of the "
        + seeded.size() + " seeded items (stable ids " + missing + "): following next must "
        + "reach every item");
    assertTrue(repeated.isEmpty(), operation + " returned these stable ids more than once: "
        + repeated + ": each item must appear on exactly one page");
  }

  // ------------------------------------------------------------------ idempotent writes

  /**
   * Idempotent writes, for the write capabilities the type declares.
   *
   * @return the tests
   */
  @TestFactory
  public Stream<DynamicTest> idempotentWrites() {
    List<DynamicTest> tests = new ArrayList<>();
    boolean reads = declares(Capability.IMPORT_USERS);
    if (declares(Capability.CREATE_USER)) {
      tests.add(test("createUser returns the account with a stable id, and a second create "
          + "of it fails with ALREADY_EXISTS", run -> {
        Connector connector = run.started(run.system().settings(), null);
        ExternalUser wanted = newUser("contract-created");
        ExternalUser created = run.succeed("createUser(contract-created)",
            () -> connector.instance().createUser(wanted, null));
        assertNotNull(created, "createUser completed with null: return the account created");
        assertNotNull(created.externalId(), "createUser returned the account without a stable "
            + "id: the hub links the user by it, and sends the create again when it is missing");
        ConnectorException again = run.fails("createUser(contract-created) a second time",
            () -> connector.instance().createUser(wanted, null),
            TestConnectorContext.DEFAULT_AWAIT);
        assertEquals(Reason.ALREADY_EXISTS, again.reason(), "a create of an existing account "
            + "must fail with ALREADY_EXISTS; it failed with: " + again.getMessage());
      }));
    }
    if (declares(Capability.UPDATE_USER) && reads) {
      tests.add(test("updateUser with the same state twice succeeds and gives the same "
          + "account", run -> {
        OneUser user = oneUser(run, "contract-updated");
        String id = user.id();
        Connector connector = user.connector();
        ExternalUser wanted = withFamilyName(readUser(run, connector, id), "Updated");
        ExternalUser first = run.succeed("updateUser (first time)",
            () -> connector.instance().updateUser(wanted));
        ExternalUser second = run.succeed("updateUser (same state again)",
            () -> connector.instance().updateUser(wanted));
        assertNotNull(first, "updateUser completed with null: return the account as it now is");
        assertEquals(view(first), view(second), "updateUser with the same state twice must "
            + "give the same account");
        assertEquals("Updated", readUser(run, connector, id).familyName(),
            "after updateUser, readUsers must show the new family name");
      }));
    }
    if (declares(Capability.DISABLE_USER)) {
      tests.add(test("setEnabled twice to the same state succeeds, disabling and enabling",
          run -> {
            OneUser user = oneUser(run, "contract-disabled");
            String id = user.id();
            Connector connector = user.connector();
            for (boolean enabled : new boolean[] {false, true}) {
              for (int time = 1; time <= 2; time++) {
                run.succeed("setEnabled(" + id + ", " + enabled + ") #" + time,
                    () -> connector.instance().setEnabled(id, enabled));
              }
              if (reads) {
                assertEquals(enabled, readUser(run, connector, id).active(), "after "
                    + "setEnabled(" + enabled + "), readUsers must show active == " + enabled);
              }
            }
          }));
    }
    if (declares(Capability.DELETE_USER)) {
      tests.add(test("deleteUser succeeds twice, and on an account that never existed",
          run -> {
            OneUser user = oneUser(run, "contract-deleted");
            String id = user.id();
            Connector connector = user.connector();
            String missing = fixture.missingUserId();
            run.succeed("deleteUser(" + missing + ") of a missing account",
                () -> connector.instance().deleteUser(missing));
            run.succeed("deleteUser(" + id + ")", () -> connector.instance().deleteUser(id));
            run.succeed("deleteUser(" + id + ") again",
                () -> connector.instance().deleteUser(id));
            if (reads) {
              assertTrue(readUsers(run, connector).stream()
                  .noneMatch(u -> id.equals(u.externalId())), "after deleteUser, readUsers "
                  + "still returns the account " + id);
            }
          }));
    }
    if (declares(Capability.GROUP_MEMBERSHIP)) {
      tests.add(test("addMember twice and removeMember twice succeed, also for a non-member",
          this::membershipIsIdempotent));
    }
    return tests.stream();
  }

  private void membershipIsIdempotent(ContractRun run) throws Exception {
    BackingSystem system = run.system();
    List<String> users = system.seedUsers(List.of("contract-member", "contract-outsider"));
    String group = system.seedGroups(List.of("contract-group")).get(0);
    Connector connector = run.started(system.settings(), null);
    ConnectorInstance instance = connector.instance();
    String member = users.get(0);
    for (int time = 1; time <= 2; time++) {
      run.succeed("addMember(" + group + ", " + member + ") #" + time,
          () -> instance.addMember(group, member));
    }
    assertMembers(run, connector, group, member, true);
    for (int time = 1; time <= 2; time++) {
      run.succeed("removeMember(" + group + ", " + member + ") #" + time,
          () -> instance.removeMember(group, member));
    }
    assertMembers(run, connector, group, member, false);
    run.succeed("removeMember of a user who never was a member",
        () -> instance.removeMember(group, users.get(1)));
  }

  private void assertMembers(ContractRun run, Connector connector, String group, String user,
      boolean member) {
    if (!declares(Capability.IMPORT_GROUPS)) {
      return;
    }
    ExternalGroup read = readAll(run, "readGroups", connector.instance()::readGroups, 1)
        .stream().filter(g -> group.equals(g.externalId())).findFirst()
        .orElseThrow(() -> new AssertionError("readGroups does not return the group " + group));
    assertEquals(member, read.memberUserExternalIds().contains(user), "readGroups lists the "
        + "members " + read.memberUserExternalIds() + " after " + (member ? "addMember"
        : "removeMember") + " of " + user);
  }

  // ------------------------------------------------------------------ error reporting

  /**
   * Error reporting: failed futures with reasons, "Test connection" reports, NOT_FOUND, and a
   * {@code stop()} that is always safe.
   *
   * @return the tests
   */
  @TestFactory
  public Stream<DynamicTest> errorReporting() {
    Duration bound = fixture.failureBound();
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(test("start() with unreachable settings fails its future with a "
        + "ConnectorException within " + bound.toSeconds() + " s", run -> {
      JsonObject settings = fixture.unreachableSettings();
      ConnectorException e = run.fails("start() with unreachable settings",
          run.connector(settings, null).instance()::start, bound);
      run.assertNoSecret("The failure of start()", e.getMessage(), settings);
    }));
    tests.add(test("start() with bad settings fails its future with a ConnectorException",
        run -> {
          JsonObject settings = fixture.badSettings();
          ConnectorException e = run.fails("start() with bad settings",
              run.connector(settings, null).instance()::start, bound);
          run.assertNoSecret("The failure of start()", e.getMessage(), settings);
        }));
    tests.add(test("test() with working settings reports success, on an instance never "
        + "started", run -> {
      ConnectionReport report = run.succeed("test()",
          run.connector(run.system().settings(), null).instance()::test);
      assertNotNull(report, "test() completed with a null report");
      assertTrue(report.success(), "test() with working settings reported " + report.steps()
          + ": every step must succeed (and there must be at least one)");
    }));
    tests.add(test("test() with unreachable settings reports a failed step, not a failed "
        + "future", run -> assertFailedReport(run, fixture.unreachableSettings(), bound)));
    tests.add(test("test() with bad settings reports a failed step, not a failed future",
        run -> assertFailedReport(run, fixture.badSettings(), bound)));
    tests.add(test("stop() succeeds twice on an instance never started", run -> {
      ConnectorInstance instance = run.connector(fixture.unreachableSettings(), null).instance();
      run.succeed("stop() without start()", instance::stop);
      run.succeed("stop() a second time", instance::stop);
    }));
    tests.add(test("stop() succeeds twice after start()", run -> {
      ConnectorInstance instance = run.started(run.system().settings(), null).instance();
      run.succeed("stop()", instance::stop);
      run.succeed("stop() a second time", instance::stop);
    }));
    missingAccountCalls().forEach(call -> tests.add(test(call.name()
        + " on a missing account fails with NOT_FOUND", run -> {
      ConnectorInstance instance = run.started(run.system().settings(), null).instance();
      String missing = fixture.missingUserId();
      ConnectorException e = run.fails(call.name() + "(" + missing + ")",
          () -> call.operation().apply(instance, missing), TestConnectorContext.DEFAULT_AWAIT);
      assertEquals(Reason.NOT_FOUND, e.reason(), call.name() + " on a missing account must "
          + "fail with NOT_FOUND (the hub then knows the account is gone); it failed with "
          + e.reason() + ": " + e.getMessage());
    })));
    return tests.stream();
  }

  private record MissingAccountCall(String name,
      BiFunction<ConnectorInstance, String, Future<Void>> operation) {
  }

  private List<MissingAccountCall> missingAccountCalls() {
    List<MissingAccountCall> calls = new ArrayList<>();
    if (declares(Capability.UPDATE_USER)) {
      calls.add(new MissingAccountCall("updateUser",
          (instance, id) -> instance.updateUser(withId(newUser("contract-missing"), id))
              .mapEmpty()));
    }
    if (declares(Capability.DISABLE_USER)) {
      calls.add(new MissingAccountCall("setEnabled",
          (instance, id) -> instance.setEnabled(id, false)));
    }
    if (declares(Capability.SET_PASSWORD)) {
      calls.add(new MissingAccountCall("setPassword",
          (instance, id) -> instance.setPassword(id,
              new Password("Contract-Passw0rd-1!".toCharArray()))));
    }
    return calls;
  }

  private static void assertFailedReport(ContractRun run, JsonObject settings, Duration bound) {
    ConnectionReport report = run.succeed("test()", run.connector(settings, null).instance()::test,
        bound);
    assertNotNull(report, "test() completed with a null report");
    assertFalse(report.success(), "test() reported success with settings that cannot work: "
        + report.steps());
    assertTrue(report.steps().stream().anyMatch(s -> !s.success() && !s.detail().isBlank()),
        "test() must name the failed step and say what to check: " + report.steps());
    run.assertNoSecret("The report of test()", report.steps().toString(), settings);
  }

  // ------------------------------------------------------------------ watch and checkpoints

  /**
   * Watch and checkpoint semantics, when the type declares {@code WATCH}.
   *
   * @return the tests
   */
  @TestFactory
  public Stream<DynamicTest> watchAndCheckpoints() {
    if (!declares(Capability.WATCH)) {
      return Stream.empty();
    }
    return Stream.of(
        test("changes made after watch() arrive in order, followed by a committed checkpoint",
            this::liveChangesArriveInOrder),
        test("watch(null) starts from now: users that exist and do not change are not "
            + "reported", this::watchFromNullStartsFromNow),
        test("a batch the hub could not store arrives again when a new instance resumes from "
            + "the last committed checkpoint", this::refusedBatchArrivesAgain),
        test("changes made while the connector was stopped arrive after a restart from the "
            + "last committed checkpoint", this::changesWhileStoppedArrive));
  }

  private void liveChangesArriveInOrder(ContractRun run) throws Exception {
    BackingSystem system = run.system();
    List<String> ids = system.seedUsers(List.of("watch-a", "watch-b"));
    RecordingSink sink = watching(run, system.settings(), null).sink();
    Duration latency = fixture.changeLatency();
    system.changeFamilyName("watch-a", "First");
    sink.awaitRecord(upsert(ids.get(0), "First"), latency);
    system.changeFamilyName("watch-b", "Second");
    sink.awaitRecord(upsert(ids.get(1), "Second"), latency);
    system.changeFamilyName("watch-a", "Third");
    sink.awaitCheckpointAfter(upsert(ids.get(0), "Third"), latency);

    List<ChangeRecord> records = sink.records();
    assertEquals("Third", lastUpsert(records, ids.get(0)).user().familyName(), "the last "
        + "record of watch-a must carry its last change (Third): the hub applies batches in "
        + "order, so a stale record after a newer one undoes the change; records: " + records);
    assertEquals("Second", lastUpsert(records, ids.get(1)).user().familyName(),
        "the last record of watch-b must carry its change (Second); records: " + records);
  }

  private void watchFromNullStartsFromNow(ContractRun run) throws Exception {
    BackingSystem system = run.system();
    List<String> ids = system.seedUsers(List.of("now-a", "now-b", "now-c"));
    RecordingSink sink = watching(run, system.settings(), null).sink();
    system.changeFamilyName("now-a", "Changed");
    sink.awaitCheckpointAfter(upsert(ids.get(0), "Changed"), fixture.changeLatency());
    List<String> replayed = sink.records().stream().map(ChangeRecord::externalId)
        .filter(id -> id.equals(ids.get(1)) || id.equals(ids.get(2))).distinct().toList();
    assertTrue(replayed.isEmpty(), "watch(null) reported users that existed before and did not "
        + "change (" + replayed + "): with no checkpoint the watch starts from now; existing "
        + "accounts reach the hub through an import");
  }

  private void refusedBatchArrivesAgain(ContractRun run) throws Exception {
    BackingSystem system = run.system();
    String id = system.seedUsers(List.of("refused-a")).get(0);
    Duration latency = fixture.changeLatency();
    Watching watch = watching(run, system.settings(), null);
    RecordingSink first = watch.sink();
    system.changeFamilyName("refused-a", "Stored");
    Checkpoint stored = first.awaitCheckpointAfter(upsert(id, "Stored"), latency);

    first.failNext();
    system.changeFamilyName("refused-a", "Refused");
    first.awaitBatch(batch -> !batch.committed()
        && batch.changes().stream().anyMatch(upsert(id, "Refused")), latency);
    assertEquals(stored, first.committedCheckpoint().orElseThrow(), "a refused batch must "
        + "not move the committed checkpoint");

    // The hub stops the instance whose batch it could not store and starts a new one.
    run.succeed("stop()", watch.connector().instance()::stop);
    RecordingSink second = watching(run, system.settings(), stored).sink();
    second.awaitRecord(upsert(id, "Refused"), latency);
  }

  private void changesWhileStoppedArrive(ContractRun run) throws Exception {
    BackingSystem system = run.system();
    List<String> ids = system.seedUsers(List.of("away-a", "away-b"));
    Duration latency = fixture.changeLatency();
    Watching first = watching(run, system.settings(), null);
    Checkpoint start;
    try {
      start = first.sink().awaitBatch(batch -> batch.committed() && batch.after() != null,
          latency).after();
    } catch (AssertionError e) {
      throw new AssertionError("watch(null) committed no checkpoint within " + latency
          + ": a hub restart before the first change would then start from now again and lose "
          + "every change made while it was away. Once the watch is established, deliver its "
          + "starting position: sink.accept(List.of(), checkpoint)", e);
    }
    run.succeed("stop()", first.connector().instance()::stop);

    system.changeFamilyName("away-a", "Away");
    system.removeUser("away-b");
    String hired = system.seedUsers(List.of("away-c")).get(0);

    RecordingSink resumed = watching(run, system.settings(), start).sink();
    resumed.awaitRecord(upsert(ids.get(0), "Away"), latency);
    resumed.awaitRecord(left(ids.get(1)), latency);
    resumed.awaitRecord(r -> r.operation() == Operation.UPSERT && hired.equals(r.externalId())
        && r.user() != null && r.user().active(), latency);
  }

  /**
   * Starts an instance and its watch as the hub does: start(), then watch() from the given
   * checkpoint, with a sink that commits into the instance's context.
   */
  private static Watching watching(ContractRun run, JsonObject settings,
      Checkpoint resumeFrom) {
    Connector connector = run.started(settings, resumeFrom);
    RecordingSink sink = new RecordingSink(connector.context());
    run.succeed("watch(" + (resumeFrom == null ? "null" : "last committed checkpoint")
        + ", sink)", () -> connector.instance().watch(resumeFrom, sink));
    return new Watching(connector, sink);
  }

  /** A started instance whose watch delivers into the sink. */
  private record Watching(Connector connector, RecordingSink sink) {
  }

  private static ChangeRecord lastUpsert(List<ChangeRecord> records, String id) {
    return records.stream().filter(r -> r.operation() == Operation.UPSERT
        && id.equals(r.externalId()) && r.user() != null).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("No upsert of " + id + " in " + records));
  }

  private static Predicate<ChangeRecord> upsert(String id, String familyName) {
    return r -> r.operation() == Operation.UPSERT && id.equals(r.externalId())
        && r.user() != null && familyName.equals(r.user().familyName());
  }

  /** A leaver: deleted, or still there but disabled. */
  private static Predicate<ChangeRecord> left(String id) {
    return r -> id.equals(r.externalId()) && (r.operation() == Operation.DELETE
        || r.user() != null && !r.user().active());
  }

  // ------------------------------------------------------------------ helpers

  private boolean declares(Capability capability) {
    Set<Capability> capabilities = fixture.type().capabilities();
    return capabilities.contains(capability);
  }

  /** A contract test: its own run, closed (instances stopped, systems released) afterwards. */
  private DynamicTest test(String name, ContractStep step) {
    Executable executable = () -> {
      try (ContractRun run = new ContractRun(vertx, fixture)) {
        step.run(run);
      }
    };
    return dynamicTest(name, executable);
  }

  @FunctionalInterface
  private interface ContractStep {
    void run(ContractRun run) throws Exception;
  }

  /**
   * A system with one user, and an instance started on it.
   *
   * @param id the user's stable id
   * @param connector the started instance
   */
  private record OneUser(String id, Connector connector) {
  }

  private static OneUser oneUser(ContractRun run, String userName) throws Exception {
    BackingSystem system = run.system();
    String id = system.seedUsers(List.of(userName)).get(0);
    return new OneUser(id, run.started(system.settings(), null));
  }

  private static List<String> names(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
  }

  private List<ExternalUser> readUsers(ContractRun run, Connector connector) {
    return readAll(run, "readUsers", connector.instance()::readUsers, 1);
  }

  private ExternalUser readUser(ContractRun run, Connector connector, String id) {
    return readUsers(run, connector).stream().filter(u -> id.equals(u.externalId())).findFirst()
        .orElseThrow(() -> new AssertionError("readUsers does not return the account " + id));
  }

  private static ExternalUser newUser(String userName) {
    return new ExternalUser(null, userName, "Contract " + userName, "Contract", userName,
        List.of(userName + "@example.com"), true, null, null, null, List.of(), Map.of());
  }

  private static ExternalUser withId(ExternalUser user, String id) {
    return new ExternalUser(id, user.userName(), user.displayName(), user.givenName(),
        user.familyName(), user.emails(), user.active(), user.employeeNumber(),
        user.department(), user.managerExternalId(), user.groupExternalIds(), user.attributes());
  }

  private static ExternalUser withFamilyName(ExternalUser user, String familyName) {
    return new ExternalUser(user.externalId(), user.userName(), user.displayName(),
        user.givenName(), familyName, user.emails(), user.active(), user.employeeNumber(),
        user.department(), user.managerExternalId(), user.groupExternalIds(), user.attributes());
  }

  /** What an update must give the same way twice; free attributes may hold timestamps. */
  private static List<Object> view(ExternalUser user) {
    return List.of(String.valueOf(user.externalId()), user.userName(),
        String.valueOf(user.displayName()), String.valueOf(user.givenName()),
        String.valueOf(user.familyName()), user.emails(), user.active());
  }
}
