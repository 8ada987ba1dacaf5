package io.slxconnect.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ChangeRecord.Operation;
import io.slxconnect.api.Checkpoint;
import io.slxconnect.testdirectories.SambaDc;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.slxconnect.testkit.RecordingSink;

/**
 * Active Directory change capture against a real Samba domain controller, over LDAPS with its
 * certificate trusted explicitly: notifications trigger DirSync, whose cookie is the checkpoint.
 */
class AdChangeWatchTest {

  private static final Duration A_FEW_SECONDS = Duration.ofSeconds(10);
  private static final System.Logger LOGGER = System.getLogger(AdChangeWatchTest.class.getName());

  private static SambaDc dc;
  private static LDAPConnection admin;

  private final List<AdChangeWatch> watches = new ArrayList<>();
  private final List<Throwable> feedFailures = new CopyOnWriteArrayList<>();
  private final CountDownLatch feedFailed = new CountDownLatch(1);
  /** What the watches told the hub of their connection: "connected", or "lost: " and why. */
  private final List<String> connectionReports = new CopyOnWriteArrayList<>();
  private DN ou;
  private LdapSettings settings;

  @BeforeAll
  static void connect() throws Exception {
    dc = SambaDc.shared();
    admin = dc.connectAsAdmin();
  }

  @AfterAll
  static void disconnect() {
    admin.close();
  }

  @BeforeEach
  void ownOrganisationalUnit() throws Exception {
    ou = dc.newOu("AdChangeWatchTest");
    settings = LdapSettings.from(Directories.settings(dc, ou));
  }

  @AfterEach
  void closeWatches() {
    watches.forEach(AdChangeWatch::close);
  }

  @Test
  void userCreatedModifiedAndDisabledInActiveDirectoryArrivesAsUpsertsWithinSeconds()
      throws Exception {
    RecordingSink sink = new RecordingSink();
    watch(sink, null);

    DN dn = createUser("ada");
    String id = guid(dn);
    ChangeRecord created = sink.awaitRecord(upsertOf(id), A_FEW_SECONDS).record();
    assertTrue(created.user().userName().startsWith("ada-"), created.user().userName());
    assertTrue(created.user().active());

    modify(dn, new Modification(ModificationType.REPLACE, "givenName", "Augusta"));
    sink.awaitRecord(upsertOf(id).and(r -> "Augusta".equals(r.user().givenName())),
        A_FEW_SECONDS);

    modify(dn, new Modification(ModificationType.REPLACE, "userAccountControl", "514"));
    ChangeRecord disabled = sink.awaitRecord(upsertOf(id).and(r -> !r.user().active()),
        A_FEW_SECONDS).record();
    assertEquals("Augusta", disabled.user().givenName());
    assertTrue(feedFailures.isEmpty(), feedFailures::toString);
  }

  @Test
  void theUserFilterIsAppliedByTheServerWithItsMatchingRulesAndCategories() throws Exception {
    settings = LdapSettings.from(Directories.settings(dc, ou).put("userFilter",
        "(&(objectCategory=person)(objectClass=user)"
            + "(!(userAccountControl:1.2.840.113556.1.4.803:=2)))"));
    RecordingSink sink = new RecordingSink();
    watch(sink, null);

    DN computer = new DN(new RDN("CN", "ws-" + UUID.randomUUID().toString().substring(0, 6)),
        ou);
    admin.add(new Entry(computer, new Attribute("objectClass", "computer"),
        new Attribute("sAMAccountName", computer.getRDN().getAttributeValues()[0] + "$")));
    DN enabled = createUser("kim");
    sink.awaitRecord(upsertOf(guid(enabled)), A_FEW_SECONDS);
    modify(enabled, new Modification(ModificationType.REPLACE, "userAccountControl", "514"));
    DN witness = createUser("lee");
    sink.awaitRecord(upsertOf(guid(witness)), A_FEW_SECONDS);

    String computerId = guid(computer);
    assertTrue(sink.records().stream().noneMatch(r -> r.externalId().equals(computerId)),
        "a computer is no person, though it has the class");
    String enabledId = guid(enabled);
    assertTrue(sink.records().stream().noneMatch(r -> r.externalId().equals(enabledId)
        && !r.user().active()), "a disabled user leaves a filter of enabled users");
  }

  @Test
  void userDeletedInActiveDirectoryArrivesAsDeleteWithTheStableIdOfItsUpserts()
      throws Exception {
    RecordingSink sink = new RecordingSink();
    watch(sink, null);
    DN dn = createUser("grace");
    String id = guid(dn);
    ChangeRecord upsert = sink.awaitRecord(upsertOf(id), A_FEW_SECONDS).record();

    admin.delete(dn.toString());

    ChangeRecord delete = sink.awaitRecord(deleteOf(id), A_FEW_SECONDS).record();
    assertEquals(upsert.externalId(), delete.externalId());
    assertEquals(null, delete.user());
  }

  @Test
  void changesArriveWithinMillisecondsMedianOverTwentyWrites() throws Exception {
    RecordingSink sink = new RecordingSink();
    watch(sink, null);
    DN dn = createUser("latency");
    String id = guid(dn);
    sink.awaitRecord(upsertOf(id), A_FEW_SECONDS);

    List<Long> latenciesMicros = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      String department = "Department " + i;
      long written = System.nanoTime();
      modify(dn, new Modification(ModificationType.REPLACE, "department", department));
      long arrived = sink.awaitRecord(upsertOf(id)
          .and(r -> department.equals(r.user().department())), A_FEW_SECONDS).arrivedNanos();
      latenciesMicros.add((arrived - written) / 1_000);
    }

    List<Long> sorted = latenciesMicros.stream().sorted().toList();
    double medianMillis = (sorted.get(9) + sorted.get(10)) / 2 / 1000.0;
    System.out.printf("AD change latency, write to ChangeFeed offer, 20 changes: median %.1f ms,"
        + " min %.1f ms, max %.1f ms%n", medianMillis, sorted.get(0) / 1000.0,
        sorted.get(19) / 1000.0);
    assertTrue(medianMillis < 1000, "median " + medianMillis + " ms");
  }

  @Test
  void restartedWatchCatchesUpWithExactlyTheChangesMadeWhileItWasStopped() throws Exception {
    RecordingSink before = new RecordingSink();
    AdChangeWatch first = watch(before, null);
    DN kept = createUser("kept");
    DN removed = createUser("removed");
    String keptId = guid(kept);
    String removedId = guid(removed);
    before.awaitRecord(upsertOf(keptId), A_FEW_SECONDS);
    before.awaitRecord(upsertOf(removedId), A_FEW_SECONDS);
    first.close();
    Checkpoint committed = before.committedCheckpoint().orElseThrow();

    DN added = createUser("added");
    String addedId = guid(added);
    modify(kept, new Modification(ModificationType.REPLACE, "mail", "kept@example.test"));
    admin.delete(removed.toString());

    RecordingSink after = new RecordingSink();
    watch(after, committed);
    after.awaitRecord(upsertOf(addedId), A_FEW_SECONDS);
    after.awaitRecord(upsertOf(keptId).and(r -> r.user().emails()
        .equals(List.of("kept@example.test"))), A_FEW_SECONDS);
    after.awaitRecord(deleteOf(removedId), A_FEW_SECONDS);
    // A change after the catch-up marks its end: whatever came before it is all that came.
    String markerId = guid(createUser("marker"));
    after.awaitRecord(upsertOf(markerId), A_FEW_SECONDS);

    List<ChangeRecord> caughtUp = after.records().stream()
        .takeWhile(r -> !r.externalId().equals(markerId)).toList();
    assertEquals(Set.of(Operation.UPSERT + " " + addedId, Operation.UPSERT + " " + keptId,
        Operation.DELETE + " " + removedId), caughtUp.stream()
        .map(r -> r.operation() + " " + r.externalId()).collect(Collectors.toSet()));
    assertEquals(3, caughtUp.size(), caughtUp::toString);
  }

  @Test
  void watchReconnectsAfterTheServerRestartsAndDeliversChangesMadeMeanwhile() throws Exception {
    RecordingSink sink = new RecordingSink();
    watch(sink, null);
    DN dn = createUser("steady");
    String id = guid(dn);
    sink.awaitRecord(upsertOf(id), A_FEW_SECONDS);

    dc.restart();
    admin.close();
    admin = dc.connectAsAdmin();
    modify(dn, new Modification(ModificationType.REPLACE, "department", "After the outage"));

    // The first reconnection comes after a backoff of one second or a little more.
    sink.awaitRecord(upsertOf(id).and(r -> "After the outage".equals(r.user().department())),
        A_FEW_SECONDS);
    assertTrue(feedFailures.isEmpty(), feedFailures::toString);
    WatchHarness.assertLostThenBack(connectionReports);
  }

  @Test
  void failedSinkBatchStopsTheFeed() throws Exception {
    RecordingSink failing = new RecordingSink();
    watch(failing, null);
    failing.failNext();

    DN first = createUser("refused");
    failing.awaitRecord(upsertOf(guid(first)), A_FEW_SECONDS);
    assertTrue(feedFailed.await(A_FEW_SECONDS.toMillis(), TimeUnit.MILLISECONDS));
    assertEquals(1, feedFailures.size(), feedFailures::toString);
    int batchesAtFailure = failing.batches().size();

    // A healthy watch on the same directory sees the next change; the failed one must not.
    RecordingSink witness = new RecordingSink();
    watch(witness, null);
    DN second = createUser("unseen");
    witness.awaitRecord(upsertOf(guid(second)), A_FEW_SECONDS);

    assertEquals(batchesAtFailure, failing.batches().size());
    assertFalse(failing.batches().get(batchesAtFailure - 1).committed());
    assertEquals(1, feedFailures.size(), "the failure is reported once");
  }

  /**
   * Starts a watch. Without a checkpoint it follows from "now", which is when it commits its
   * first checkpoint: this waits for that, so that the test's changes come after it.
   */
  private AdChangeWatch watch(RecordingSink sink, Checkpoint resumeFrom)
      throws InterruptedException {
    LdapConnections connections =
        new LdapConnections(settings, LdapTls.create(settings.trustedCertificates()));
    AdChangeWatch watch = new AdChangeWatch(connections, settings, resumeFrom,
        new UserEntries(settings), new ChangeFeed(sink, this::feedFailed,
            WatchHarness.recorder(connectionReports)), LOGGER);
    watches.add(watch);
    watch.start();
    if (resumeFrom == null) {
      sink.awaitBatches(1, A_FEW_SECONDS);
    }
    return watch;
  }

  private void feedFailed(Throwable cause) {
    feedFailures.add(cause);
    feedFailed.countDown();
  }

  /** Creates an enabled user with a password in the test's own unit; cn is the name given. */
  private DN createUser(String name) throws Exception {
    DN dn = new DN(new RDN("CN", name), ou);
    String password = "\"Pw-" + UUID.randomUUID() + "\"";
    admin.add(new Entry(dn,
        new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
        // Unique in the whole domain, at most 20 characters.
        new Attribute("sAMAccountName", name + "-" + UUID.randomUUID().toString().substring(0, 6)),
        new Attribute("givenName", name),
        new Attribute("sn", "Test"),
        new Attribute("unicodePwd", password.getBytes(StandardCharsets.UTF_16LE)),
        new Attribute("userAccountControl", "512")));
    return dn;
  }

  private void modify(DN dn, Modification modification) throws Exception {
    admin.modify(dn.toString(), modification);
  }

  private static String guid(DN dn) throws Exception {
    return UserMapper.guidToString(
        admin.getEntry(dn.toString(), "objectGUID").getAttributeValueBytes("objectGUID"));
  }

  private static Predicate<ChangeRecord> upsertOf(String id) {
    return r -> r.operation() == Operation.UPSERT && r.externalId().equals(id);
  }

  private static Predicate<ChangeRecord> deleteOf(String id) {
    return r -> r.operation() == Operation.DELETE && r.externalId().equals(id);
  }
}
