package io.slxconnect.hub.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.google.DirectoryStandIn;
import io.slxconnect.google.ServiceAccountKey;
import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.Connectors;
import io.slxconnect.hub.support.HubPerClass;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Google Workspace through the whole hub, against the Directory API stand-in that the real
 * Google client library talks to: connect with a service account key, import, and see a user
 * suspended in Google disabled in the hub within a second, by a push notification that Google
 * (the stand-in) posts to the hub's {@code /hooks/} route.
 */
class GoogleWorkspaceEndToEndTest {

  @RegisterExtension
  static final HubPerClass HUB = new HubPerClass();
  private static final String ADMIN = "admin@" + DirectoryStandIn.DOMAIN;
  private static ApiClient admin;
  private static Vertx vertx;
  private static DirectoryStandIn google;
  private static String connectorId;

  @BeforeAll
  static void connectGoogleWorkspace() throws Exception {
    admin = HUB.get().admin();
    vertx = Vertx.vertx();
    google = new DirectoryStandIn(vertx);
    ServiceAccountKey key = new ServiceAccountKey(google.rootUrl() + "token");
    google.tokens.serviceAccount(ServiceAccountKey.CLIENT_EMAIL, ServiceAccountKey.CLIENT_ID,
        key.pair.getPublic());
    google.tokens.delegate(ServiceAccountKey.CLIENT_ID, Set.of(DirectoryStandIn.USER_SCOPE,
        DirectoryStandIn.GROUP_SCOPE, DirectoryStandIn.MEMBER_SCOPE));
    google.tokens.admin(ADMIN);
    google.addUser("grace", "Grace", "Hopper");

    connectorId = Connectors.connectAndImport(admin, new JsonObject().put("name", "Workspace")
        .put("type", "google").put("settings", new JsonObject()
            .put("serviceAccountKey", key.json).put("adminEmail", ADMIN)
            .put("apiRootUrl", google.rootUrl()).put("pushNotifications", true)
            .put("publicBaseUrl", HUB.get().baseUrl()))
        .put("provisioning", new JsonObject().put("direction", "source")));
  }

  @AfterAll
  static void disconnect() throws Exception {
    admin.delete("/api/v1/connectors/" + connectorId);
    google.close();
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  @Test
  void changedAndThenSuspendedInGoogleIsChangedAndDisabledInTheHubWithinASecondThroughPush() {
    JsonObject grace = user("grace@example.com");
    assertTrue(grace.getBoolean("active"));
    await().atMost(Duration.ofSeconds(10)).until(() -> google.push.channels().size() == 5);

    String googleId = googleId(grace.getString("id"));
    google.changeUser(googleId, new JsonObject().put("name",
        new JsonObject().put("familyName", "Murray Hopper")));
    await().atMost(Duration.ofSeconds(5)).until(() -> "Murray Hopper".equals(
        admin.get("/api/v1/users/" + grace.getString("id")).json().getString("familyName")));

    long start = System.nanoTime();
    google.changeUser(googleId, new JsonObject().put("suspended", true));

    await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
        .until(() -> !user("grace@example.com").getBoolean("active"));
    System.out.printf("Suspended in Google Workspace, disabled in the hub after %.0f ms%n",
        (System.nanoTime() - start) / 1e6);
  }

  private static String googleId(String hubUserId) {
    return admin.get("/api/v1/users/" + hubUserId).json().getJsonArray("accounts").getJsonObject(0)
        .getString("externalId");
  }

  private static JsonObject user(String userName) {
    return admin.get("/api/v1/users?q=" + userName).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(u -> userName.equals(u.getString("userName")))
        .findFirst().orElseThrow();
  }
}
