package io.slxconnect.cognito;

import static io.slxconnect.cognito.TestContext.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.Checkpoint;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/** Changes made in Cognito behind the hub's back, found by the polling watch (cognito-local). */
class CognitoWatchTest {

  private static final Duration WITHIN = Duration.ofSeconds(10);
  private static Vertx vertx;
  private static CognitoLocal cognito;
  private String pool;
  private String alice;
  private String bob;
  private CognitoConnectorInstance connector;
  private RecordingSink sink;

  @BeforeAll
  static void startCognito() throws Exception {
    vertx = Vertx.vertx();
    cognito = CognitoLocal.start();
  }

  @AfterAll
  static void stopCognito() throws Exception {
    cognito.close();
    await(vertx.close());
  }

  @BeforeEach
  void createPool() {
    pool = cognito.createPool("watch-" + UUID.randomUUID());
    alice = sub(cognito.createUser(pool, "alice", "alice@example.com"));
    bob = sub(cognito.createUser(pool, "bob", "bob@example.com"));
  }

  @AfterEach
  void stopConnector() throws Exception {
    await(connector.stop());
  }

  private void watch(Checkpoint resumeFrom) throws Exception {
    connector = new CognitoConnectorInstance(new TestContext(vertx, cognito.settings(pool)
        .put("pollIntervalSeconds", 1).put("deletionCheckIntervalSeconds", 1)));
    await(connector.start());
    sink = new RecordingSink(vertx);
    await(connector.watch(resumeFrom, sink));
  }

  private static String sub(UserType user) {
    return UserMapper.sub(user.attributes());
  }

  @Test
  void userDisabledBehindTheHubsBackIsReportedAndNobodyElse() throws Exception {
    watch(null);
    await().atMost(WITHIN).until(() -> sink.lastCheckpoint().isPresent());
    assertEquals(List.of(), sink.records());

    cognito.admin().adminDisableUser(r -> r.userPoolId(pool).username("bob")).join();

    ChangeRecord record = await().atMost(WITHIN)
        .until(() -> sink.records(), records -> !records.isEmpty()).get(0);
    assertEquals(bob, record.externalId());
    assertEquals("bob", record.user().userName());
    assertFalse(record.user().active());
    assertTrue(sink.records().stream().noneMatch(r -> r.externalId().equals(alice)));
  }

  @Test
  void userDeletedBehindTheHubsBackIsReportedDeleted() throws Exception {
    watch(null);
    await().atMost(WITHIN).until(() -> sink.lastCheckpoint().isPresent());

    cognito.admin().adminDeleteUser(r -> r.userPoolId(pool).username("alice")).join();

    await().atMost(WITHIN).until(() -> sink.records().contains(ChangeRecord.deleted(alice)));
    assertEquals(List.of(ChangeRecord.deleted(alice)), sink.records());
  }

  @Test
  void aRestartedWatchReportsWhatChangedSinceItsCheckpoint() throws Exception {
    watch(null);
    Checkpoint checkpoint = await().atMost(WITHIN)
        .until(() -> sink.lastCheckpoint(), c -> c.isPresent()).get();
    await(connector.stop());

    cognito.admin().adminUpdateUserAttributes(r -> r.userPoolId(pool).username("bob")
        .userAttributes(a -> a.name("name").value("Robert"))).join();
    watch(checkpoint);

    ChangeRecord record = await().atMost(WITHIN).until(() -> sink.records(),
        records -> records.stream().anyMatch(r -> r.externalId().equals(bob))).stream()
        .filter(r -> r.externalId().equals(bob)).findFirst().orElseThrow();
    assertEquals("Robert", record.user().displayName());
  }
}
