package io.slxconnect.google;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ChangeRecord.Operation;
import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectorInstance;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.slxconnect.testkit.TestConnectorContext;
import io.slxconnect.testkit.RecordingSink;

/**
 * User changes pushed by Google through users.watch channels, against the stand-in, which posts
 * notifications to the hook URL with Google's headers as Google does.
 */
class PushWatchTest {

  @RegisterExtension
  final StandInFixture fixture = new StandInFixture();
  private TestConnectorContext context;
  private final RecordingSink sink = new RecordingSink();

  @BeforeEach
  void setUp() throws Exception {
    context = fixture.context(fixture.settings().put("pushNotifications", true),
        "google-push", null);
  }

  private ConnectorInstance watching(Checkpoint resumeFrom) throws Exception {
    ConnectorInstance instance = fixture.started(context);
    TestConnectorContext.await(instance.watch(resumeFrom, sink));
    return instance;
  }

  private static Predicate<ChangeRecord> upsertOf(String id, boolean active) {
    return r -> r.operation() == Operation.UPSERT && r.externalId().equals(id)
        && r.user().active() == active;
  }

  private Set<String> channelIds() {
    return fixture.google.push.channels().stream().map(StandInPush.Channel::id)
        .collect(Collectors.toSet());
  }

  @Test
  void watchOpensOneChannelPerUserEventAndStoresItInTheCheckpoint() throws Exception {
    watching(null);

    List<StandInPush.Channel> channels = fixture.google.push.channels();
    assertEquals(Set.copyOf(UserChannels.EVENTS), channels.stream()
        .map(StandInPush.Channel::event).collect(Collectors.toSet()));
    assertEquals(Set.of(context.hookUrl() + "/users"), channels.stream()
        .map(StandInPush.Channel::address).collect(Collectors.toSet()));
    assertEquals(5, channels.stream().map(StandInPush.Channel::token).distinct().count(),
        "a random token per channel");
    List<PushChannel> stored = WatchCheckpoint.channels(sink.committedCheckpoint().orElseThrow());
    assertEquals(channelIds(), stored.stream().map(PushChannel::id).collect(Collectors.toSet()));
    await().atMost(Duration.ofSeconds(5)).until(() -> fixture.google.push.deliveries.stream()
        .filter(d -> d.state().equals("sync") && d.status() == 200).count() == 5);
    assertTrue(sink.records().isEmpty(), "sync messages carry no change");
  }

  @Test
  void suspendedInGoogleIsDisabledInTheHubWithinASecond() throws Exception {
    watching(null);
    String id = fixture.google.addUser("alice", "Alice", "Adams").getString("id");
    await().atMost(Duration.ofSeconds(5)).until(() -> sink.find(upsertOf(id, true)).isPresent());

    long suspendedAt = System.nanoTime();
    fixture.google.changeUser(id, new JsonObject().put("suspended", true));

    await().atMost(Duration.ofSeconds(1)).until(() -> sink.find(upsertOf(id, false)).isPresent());
    long millis = (sink.awaitRecord(upsertOf(id, false), Duration.ofSeconds(1)).arrivedNanos()
        - suspendedAt) / 1_000_000;
    assertTrue(millis < 1000, millis + " ms");
    ChangeRecord disabled = sink.find(upsertOf(id, false)).orElseThrow();
    assertEquals("alice@example.com", disabled.user().userName());
    assertEquals("Adams", disabled.user().familyName(), "the user was re-read in full");
  }

  @Test
  void deletedInGoogleIsDeletedInTheHub() throws Exception {
    watching(null);
    String id = fixture.google.addUser("bob", "Bob", "Brown").getString("id");

    fixture.google.removeUser(id);

    await().atMost(Duration.ofSeconds(5)).until(() -> sink.find(r ->
        r.operation() == Operation.DELETE && r.externalId().equals(id)).isPresent());
  }

  @Test
  void aUserGoneWhenReReadIsDeletedInTheHub() throws Exception {
    watching(null);
    StandInPush.Channel update = fixture.google.push.channels().stream()
        .filter(c -> c.event().equals("update")).findFirst().orElseThrow();

    int status = TestConnectorContext.await(fixture.google.push.send(update, "update",
        new JsonObject().put("kind", "admin#directory#user").put("id", "123456789")));

    assertEquals(200, status);
    assertTrue(sink.find(r -> r.operation() == Operation.DELETE
        && r.externalId().equals("123456789")).isPresent(), sink.records().toString());
  }

  @Test
  void forgedNotificationsAreRefusedAndChangeNothing() throws Exception {
    watching(null);
    String id = fixture.google.addUser("carl", "Carl", "Cole").getString("id");
    await().atMost(Duration.ofSeconds(5)).until(() -> sink.find(upsertOf(id, true)).isPresent());
    int recordsBefore = sink.records().size();
    StandInPush.Channel real = fixture.google.push.channels().stream()
        .filter(c -> c.event().equals("update")).findFirst().orElseThrow();
    JsonObject body = new JsonObject().put("kind", "admin#directory#user").put("id", id);

    int wrongToken = TestConnectorContext.await(fixture.google.push.send(new StandInPush.Channel(
        real.id(), "update", real.address(), "forged-token", real.resourceId(),
        real.expiration(), new AtomicLong()), "update", body));
    int unknownChannel = TestConnectorContext.await(fixture.google.push.send(new StandInPush.Channel(
        "no-such-channel", "update", real.address(), real.token(), real.resourceId(),
        real.expiration(), new AtomicLong()), "update", body));
    int genuine = TestConnectorContext.await(fixture.google.push.send(real, "update", body));

    assertEquals(403, wrongToken);
    assertEquals(403, unknownChannel);
    assertEquals(200, genuine);
    assertEquals(recordsBefore + 1, sink.records().size(), "only the genuine one counted");
  }

  @Test
  void channelsAreRenewedBeforeTheyExpireAndTheOldOnesStopped() throws Exception {
    fixture.google.push.maxLifetime = Duration.ofSeconds(2);
    watching(null);
    Set<String> first = channelIds();

    await().atMost(Duration.ofSeconds(10)).until(() ->
        fixture.google.push.stopped().containsAll(first));

    Set<String> renewed = channelIds();
    assertEquals(5, renewed.size());
    assertTrue(renewed.stream().noneMatch(first::contains));
    await().atMost(Duration.ofSeconds(5)).until(() -> {
      Set<String> stored = WatchCheckpoint.channels(sink.committedCheckpoint().orElseThrow())
          .stream().map(PushChannel::id).collect(Collectors.toSet());
      return stored.stream().noneMatch(first::contains) && stored.size() == 5;
    });
    String id = fixture.google.addUser("dora", "Dora", "Dean").getString("id");
    await().atMost(Duration.ofSeconds(5)).until(() -> sink.find(upsertOf(id, true)).isPresent());
  }

  @Test
  void channelsSurviveARestartAndChangesMadeMeanwhileAreCaughtUp() throws Exception {
    String bob = fixture.google.addUser("bob", "Bob", "Brown").getString("id");
    String cat = fixture.google.addUser("cat", "Cat", "Crane").getString("id");
    ConnectorInstance first = watching(null);
    Checkpoint committed = sink.committedCheckpoint().orElseThrow();
    Set<String> channels = channelIds();
    TestConnectorContext.await(first.stop());

    fixture.google.changeUser(bob, new JsonObject().put("suspended", true));
    fixture.google.removeUser(cat);
    long watchCalls = watchCalls();
    watching(committed);

    await().atMost(Duration.ofSeconds(5)).until(() -> sink.find(upsertOf(bob, false))
        .isPresent() && sink.find(r -> r.operation() == Operation.DELETE
        && r.externalId().equals(cat)).isPresent());
    assertEquals(watchCalls, watchCalls(), "the stored channels were kept, none opened");
    assertEquals(channels, channelIds());
    String dora = fixture.google.addUser("dora", "Dora", "Dean").getString("id");
    await().atMost(Duration.ofSeconds(5)).until(() -> sink.find(upsertOf(dora, true))
        .isPresent());
  }

  @Test
  void expiredStoredChannelsAreReplacedOnRestart() throws Exception {
    PushChannel lapsed = new PushChannel("update", "old-channel", "old-token", "res-old",
        Instant.now().minusSeconds(60));

    watching(WatchCheckpoint.of(List.of(lapsed)));

    assertEquals(5, fixture.google.push.channels().size());
    assertFalse(channelIds().contains("old-channel"));
  }

  private long watchCalls() {
    return fixture.google.requests.stream()
        .filter(r -> r.path().equals("/admin/directory/v1/users/watch")).count();
  }
}
