package io.slxconnect.google;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ChangeRecord.Operation;
import io.slxconnect.api.ConnectorInstance;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.slxconnect.testkit.TestConnectorContext;
import io.slxconnect.testkit.RecordingSink;

/**
 * What Google does not push: groups and members are polled, and users too when push
 * notifications are off; only what changed since the last poll is delivered.
 */
class PollWatchTest {

  @RegisterExtension
  final StandInFixture fixture = new StandInFixture();
  private final RecordingSink sink = new RecordingSink();

  private ConnectorInstance watching(JsonObject settings) throws Exception {
    ConnectorInstance instance = fixture.started(settings.put("pollIntervalSeconds", 1));
    TestConnectorContext.await(instance.watch(null, sink));
    return instance;
  }

  @Test
  void aMemberAddedInGoogleReachesTheHubWithinThePollInterval() throws Exception {
    String ann = fixture.google.addUser("ann", "Ann", "Able").getString("id");
    String team = fixture.google.addGroup("team", "The team").getString("id");
    fixture.google.addGroup("other", null);
    watching(fixture.settings());
    await().atMost(Duration.ofSeconds(5)).until(() -> sink.records().size() == 3);
    int firstListing = sink.batches().size();

    fixture.google.addMember(team, ann);

    await().atMost(Duration.ofSeconds(5)).until(() -> sink.find(r -> r.group() != null
        && r.group().memberUserExternalIds().contains(ann)).isPresent());
    List<ChangeRecord> later = sink.batches().subList(firstListing, sink.batches().size()).stream()
        .flatMap(b -> b.changes().stream()).toList();
    assertEquals(1, later.size(), "only the changed group: " + later);
    assertEquals(team, later.get(0).externalId());
  }

  @Test
  void withoutPushASuspendedUserIsFoundByPolling() throws Exception {
    String bea = fixture.google.addUser("bea", "Bea", "Bell").getString("id");
    fixture.google.addUser("cy", "Cy", "Cole");
    watching(fixture.settings());
    await().atMost(Duration.ofSeconds(5)).until(() -> sink.records().size() == 2);
    int firstListing = sink.batches().size();

    fixture.google.changeUser(bea, new JsonObject().put("suspended", true));

    await().atMost(Duration.ofSeconds(5)).until(() -> sink.find(r -> r.user() != null
        && r.externalId().equals(bea) && !r.user().active()).isPresent());
    assertEquals(Set.of(bea), sink.batches().subList(firstListing, sink.batches().size()).stream()
        .flatMap(b -> b.changes().stream()).map(ChangeRecord::externalId)
        .collect(java.util.stream.Collectors.toSet()), "only the changed user");
    assertTrue(fixture.google.push.channels().isEmpty(), "no channel without push");
  }

  @Test
  void aStoreFailureStopsTheWatch() throws Exception {
    String dee = fixture.google.addUser("dee", "Dee", "Dunn").getString("id");
    watching(fixture.settings());
    await().atMost(Duration.ofSeconds(5)).until(() -> sink.records().size() == 1);
    sink.failNext();

    fixture.google.changeUser(dee, new JsonObject().put("suspended", true));
    await().atMost(Duration.ofSeconds(5)).until(() -> sink.refusedBatches() == 1);
    long lists = userLists();

    await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
        .until(() -> userLists() == lists && sink.refusedBatches() == 1);
    assertTrue(sink.committedRecords().stream().noneMatch(r -> r.operation() == Operation.UPSERT
        && !r.user().active()), "nothing stored after the failure");
  }

  private long userLists() {
    return fixture.google.requests.stream()
        .filter(r -> r.path().equals("/admin/directory/v1/users")).count();
  }
}
