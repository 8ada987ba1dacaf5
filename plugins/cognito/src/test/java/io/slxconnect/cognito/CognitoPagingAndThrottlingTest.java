package io.slxconnect.cognito;

import static io.slxconnect.testkit.TestConnectorContext.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.slxconnect.api.ExternalGroup;
import io.slxconnect.api.ExternalUser;
import io.slxconnect.api.Page;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.slxconnect.testkit.TestConnectorContext;
import io.slxconnect.testkit.RecordingSink;

/**
 * What cognito-local cannot show: paging with Cognito's limits and tokens (the import and the
 * watch), throttling and server errors with backoff, groups created when missing, and a watch
 * over several pages, against {@link CognitoStandIn}.
 */
class CognitoPagingAndThrottlingTest {

  private Vertx vertx;
  private CognitoStandIn cognito;
  private TestConnectorContext context;
  private CognitoConnectorInstance connector;

  @BeforeEach
  void startStandIn() throws Exception {
    vertx = Vertx.vertx();
    cognito = CognitoStandIn.start(vertx);
  }

  @AfterEach
  void stopAll() throws Exception {
    if (connector != null) {
      await(connector.stop());
    }
    cognito.close();
    await(vertx.close());
  }

  private CognitoConnectorInstance connector(JsonObject extra) throws Exception {
    context = CognitoContexts.of(vertx, cognito.settings().mergeIn(extra));
    connector = new CognitoConnectorInstance(context);
    await(connector.start());
    return connector;
  }

  @Test
  void importPagesThroughUsersWithCognitosLimitAndTokens() throws Exception {
    cognito.addUsers("user", 130);
    connector(new JsonObject());

    List<Integer> sizes = new ArrayList<>();
    Set<String> names = new HashSet<>();
    String cursor = null;
    do {
      Page<ExternalUser> page = await(connector.readUsers(cursor));
      sizes.add(page.items().size());
      page.items().forEach(u -> names.add(u.userName()));
      cursor = page.next();
    } while (cursor != null);

    assertEquals(List.of(60, 60, 10), sizes);
    assertEquals(130, names.size());
    List<CognitoStandIn.Call> calls = cognito.calls("ListUsers");
    assertEquals(3, calls.size());
    calls.forEach(c -> assertEquals(60, c.request().getInteger("Limit")));
    assertNull(calls.get(0).request().getString("PaginationToken"));
    assertTrue(calls.get(1).request().getString("PaginationToken") != null);
  }

  @Test
  void groupsAreReadPageByPageWithEveryMemberAcrossMemberPages() throws Exception {
    cognito.addUsers("user", 5);
    Map<String, String> subs = cognito.subs();
    cognito.addGroup("all", List.copyOf(subs.keySet()));
    cognito.addGroup("none", List.of());
    cognito.addGroup("one", List.of("user-003"));
    connector(new JsonObject().put("pageSize", 2));

    Page<ExternalGroup> first = await(connector.readGroups(null));
    Page<ExternalGroup> second = await(connector.readGroups(first.next()));

    assertEquals(List.of("all", "none"), first.items().stream().map(ExternalGroup::name).toList());
    assertEquals(Set.copyOf(subs.values()), Set.copyOf(first.items().get(0)
        .memberUserExternalIds()));
    assertEquals(List.of(), first.items().get(1).memberUserExternalIds());
    assertEquals(List.of(subs.get("user-003")), second.items().get(0).memberUserExternalIds());
    assertNull(second.next());
    // Five members two at a time: three ListUsersInGroup pages for group "all".
    assertEquals(3, cognito.calls("ListUsersInGroup").stream()
        .filter(c -> c.request().getString("GroupName").equals("all")).count());
  }

  @Test
  void throttledCallsAreRetriedAfterGrowingJitteredDelays() throws Exception {
    cognito.addUsers("user", 3);
    connector(new JsonObject());
    cognito.throttle("ListUsers", 3);

    Page<ExternalUser> page = await(connector.readUsers(null));

    assertEquals(3, page.items().size());
    List<CognitoStandIn.Call> calls = cognito.calls("ListUsers");
    assertEquals(4, calls.size());
    // Retry n waits between half and all of 200 ms * 2^(n-1).
    for (int retry = 1; retry <= 3; retry++) {
      long gap = TimeUnit.NANOSECONDS.toMillis(
          calls.get(retry).nanos() - calls.get(retry - 1).nanos());
      long full = 200L << (retry - 1);
      assertTrue(gap >= full / 2, "retry " + retry + " after " + gap + " ms");
    }
  }

  @Test
  void throttlingThatDoesNotPassIsReportedAsRateLimited() throws Exception {
    cognito.addUsers("user", 3);
    connector(new JsonObject());
    cognito.throttle("ListUsers", 100);

    ConnectorException e = assertThrows(ConnectorException.class,
        () -> await(connector.readUsers(null)));

    assertEquals(Reason.RATE_LIMITED, e.reason());
    assertTrue(e.getMessage().contains("Cognito is throttling requests"), e.getMessage());
    assertEquals(RetryDelays.CALLS.attempts(), cognito.calls("ListUsers").size());
  }

  @Test
  void serverErrorsAreRetried() throws Exception {
    cognito.addUsers("user", 3);
    connector(new JsonObject());
    cognito.fail("ListUsers", 2);

    assertEquals(3, await(connector.readUsers(null)).items().size());
    assertEquals(3, cognito.calls("ListUsers").size());
  }

  @Test
  void aMissingGroupIsCreatedWhenAMemberIsAdded() throws Exception {
    cognito.addUsers("user", 2);
    String sub = cognito.subs().get("user-001");
    connector(new JsonObject());

    await(connector.addMember("new-group", sub));
    await(connector.removeMember("no-such-group", sub));

    assertEquals(Set.of("user-001"), cognito.groups().get("new-group"));
    assertEquals(1, cognito.calls("CreateGroup").size());
  }

  @Test
  void aMissingGroupFailsTheAdditionWhenGroupsAreNotCreated() throws Exception {
    cognito.addUsers("user", 2);
    String sub = cognito.subs().get("user-001");
    connector(new JsonObject().put("createMissingGroups", false));

    ConnectorException e = assertThrows(ConnectorException.class,
        () -> await(connector.addMember("new-group", sub)));

    assertEquals(Reason.NOT_FOUND, e.reason());
    assertTrue(e.getMessage().contains("group new-group"), e.getMessage());
    assertEquals(List.of(), cognito.calls("CreateGroup"));
  }

  @Test
  void watchPagesThroughThePoolAndReportsOnlyTheUserThatChanged() throws Exception {
    cognito.addUsers("user", 130);
    connector(new JsonObject().put("pollIntervalSeconds", 1).put("pollRequestsPerSecond", 100));
    RecordingSink sink = new RecordingSink(vertx);
    await(connector.watch(null, sink));
    await().atMost(Duration.ofSeconds(10)).until(() -> sink.committedCheckpoint().isPresent());
    assertEquals(List.of(), sink.records());

    cognito.disable("user-077");

    ChangeRecord record = await().atMost(Duration.ofSeconds(10))
        .until(() -> sink.records(), records -> !records.isEmpty()).get(0);
    assertEquals(cognito.subs().get("user-077"), record.externalId());
    assertFalse(record.user().active());
    int passes = cognito.calls("ListUsers").size();
    // Two more full passes (three pages each) report nothing new.
    await().atMost(Duration.ofSeconds(10))
        .until(() -> cognito.calls("ListUsers").size() >= passes + 6);
    assertEquals(1, sink.records().size());
  }

  @Test
  void aThrottledWatchBacksOffAndCarriesOnWithoutLosingTheChange() throws Exception {
    cognito.addUsers("user", 3);
    connector(new JsonObject().put("pollIntervalSeconds", 1));
    RecordingSink sink = new RecordingSink(vertx);
    await(connector.watch(null, sink));
    await().atMost(Duration.ofSeconds(10)).until(() -> sink.committedCheckpoint().isPresent());

    cognito.throttle("ListUsers", 3);
    cognito.disable("user-002");

    ChangeRecord record = await().atMost(Duration.ofSeconds(15))
        .until(() -> sink.records(), records -> !records.isEmpty()).get(0);
    assertEquals(cognito.subs().get("user-002"), record.externalId());
    assertFalse(record.user().active());
    assertEquals(List.of(), context.connectionEvents(), "throttling within the retries is no outage");
  }

  @Test
  void watchConfirmsAbsentUsersBeforeReportingThemDeleted() throws Exception {
    cognito.addUsers("user", 70);
    connector(new JsonObject().put("pollIntervalSeconds", 1)
        .put("deletionCheckIntervalSeconds", 1).put("pollRequestsPerSecond", 100));
    RecordingSink sink = new RecordingSink(vertx);
    await(connector.watch(null, sink));
    await().atMost(Duration.ofSeconds(10)).until(() -> sink.committedCheckpoint().isPresent());
    String sub = cognito.subs().get("user-065");

    cognito.delete("user-065");

    await().atMost(Duration.ofSeconds(10))
        .until(() -> sink.records().contains(ChangeRecord.deleted(sub)));
    assertEquals(List.of(ChangeRecord.deleted(sub)), sink.records());
    assertTrue(cognito.calls("AdminGetUser").stream()
        .anyMatch(c -> c.request().getString("Username").equals("user-065")));
  }

  @Test
  void aWatchThatCannotListReportsItselfDegradedUntilItCanAgain() throws Exception {
    cognito.addUsers("user", 3);
    connector(new JsonObject().put("pollIntervalSeconds", 1));
    RecordingSink sink = new RecordingSink(vertx);
    await(connector.watch(null, sink));
    await().atMost(Duration.ofSeconds(10)).until(() -> sink.committedCheckpoint().isPresent());

    cognito.deny("ListUsers");
    TestConnectorContext.ConnectionEvent lost = await().atMost(Duration.ofSeconds(10))
        .until(() -> context.connectionEvents(), r -> !r.isEmpty()).get(0);
    cognito.allow("ListUsers");

    assertFalse(lost.connected());
    assertTrue(lost.reason().contains("IAM policy"), lost.reason());
    await().atMost(Duration.ofSeconds(10))
        .until(() -> context.connectionEvents().stream().anyMatch(TestConnectorContext.ConnectionEvent::connected));
  }
}
