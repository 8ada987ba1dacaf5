package io.slxconnect.cognito;

import static io.slxconnect.testkit.TestConnectorContext.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.Checkpoint;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import io.slxconnect.testkit.RecordingSink;

/** Changes made in Cognito behind the hub's back, found by the polling watch (cognito-local). */
class CognitoWatchTest {

  private static final Duration WITHIN = Duration.ofSeconds(10);
  @RegisterExtension
  static final CognitoLocalPerClass LOCAL = new CognitoLocalPerClass();
  private String pool;
  private String alice;
  private String bob;
  private CognitoConnectorInstance connector;
  private RecordingSink sink;

  @BeforeEach
  void createPool() {
    pool = LOCAL.cognito().createPool("watch-" + UUID.randomUUID());
    alice = sub(LOCAL.cognito().createUser(pool, "alice", "alice@example.com"));
    bob = sub(LOCAL.cognito().createUser(pool, "bob", "bob@example.com"));
  }

  @AfterEach
  void stopConnector() throws Exception {
    await(connector.stop());
  }

  private void watch(Checkpoint resumeFrom) throws Exception {
    connector = new CognitoConnectorInstance(CognitoContexts.of(LOCAL.vertx(),
        LOCAL.cognito().settings(pool).put("pollIntervalSeconds", 1)
            .put("deletionCheckIntervalSeconds", 1)));
    await(connector.start());
    sink = new RecordingSink(LOCAL.vertx());
    await(connector.watch(resumeFrom, sink));
  }

  private static String sub(UserType user) {
    return UserMapper.sub(user.attributes());
  }

  @Test
  void userDisabledBehindTheHubsBackIsReportedAndNobodyElse() throws Exception {
    watch(null);
    await().atMost(WITHIN).until(() -> sink.committedCheckpoint().isPresent());
    assertEquals(List.of(), sink.records());

    LOCAL.cognito().admin().adminDisableUser(r -> r.userPoolId(pool).username("bob")).join();

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
    await().atMost(WITHIN).until(() -> sink.committedCheckpoint().isPresent());

    LOCAL.cognito().admin().adminDeleteUser(r -> r.userPoolId(pool).username("alice")).join();

    await().atMost(WITHIN).until(() -> sink.records().contains(ChangeRecord.deleted(alice)));
    assertEquals(List.of(ChangeRecord.deleted(alice)), sink.records());
  }

  @Test
  void aRestartedWatchReportsWhatChangedSinceItsCheckpoint() throws Exception {
    watch(null);
    Checkpoint checkpoint = await().atMost(WITHIN)
        .until(() -> sink.committedCheckpoint(), c -> c.isPresent()).get();
    await(connector.stop());

    LOCAL.cognito().admin().adminUpdateUserAttributes(r -> r.userPoolId(pool).username("bob")
        .userAttributes(AttributeType.builder().name("name").value("Robert").build())).join();
    watch(checkpoint);

    ChangeRecord record = await().atMost(WITHIN).until(() -> sink.records(),
        records -> records.stream().anyMatch(r -> r.externalId().equals(bob))).stream()
        .filter(r -> r.externalId().equals(bob)).findFirst().orElseThrow();
    assertEquals("Robert", record.user().displayName());
  }
}
