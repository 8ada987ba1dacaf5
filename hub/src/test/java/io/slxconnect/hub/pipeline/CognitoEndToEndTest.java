package io.slxconnect.hub.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.Connectors;
import io.slxconnect.hub.support.HubPerClass;
import io.slxconnect.testdirectories.CognitoLocalServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Cognito connector plugin, as the build ships it (the shaded jar in target/plugins, on the
 * hub's Netty), through the whole hub against cognito-local: a user created in the hub appears in
 * the user pool, linked by its sub, and a user disabled in Cognito behind the hub's back is
 * disabled in the hub by the polling watch.
 */
class CognitoEndToEndTest {

  @RegisterExtension
  static final HubPerClass HUB = new HubPerClass();
  private static ApiClient admin;
  private static CognitoLocalServer cognito;
  private static String pool;
  private static String connectorId;

  @BeforeAll
  static void connectThePool() throws Exception {
    admin = HUB.get().admin();
    cognito = CognitoLocalServer.start();
    pool = new JsonObject(cognito.call("CreateUserPool", "{\"PoolName\":\"hub\"}"))
        .getJsonObject("UserPool").getString("Id");
    cognito.call("AdminCreateUser", new JsonObject().put("UserPoolId", pool)
        .put("Username", "erin").put("MessageAction", "SUPPRESS")
        .put("UserAttributes", new JsonArray().add(attribute("email", "erin@example.test"))
            .add(attribute("name", "Erin Example"))).encode());
    connectorId = Connectors.connectAndImport(admin, new JsonObject().put("name", "User pool")
        .put("type", "cognito").put("settings", new JsonObject()
            .put("region", "us-east-1").put("userPoolId", pool)
            .put("accessKeyId", "test-key-id").put("secretAccessKey", "test-secret")
            .put("endpoint", cognito.endpoint().toString()).put("pollIntervalSeconds", 1))
        .put("provisioning", new JsonObject().put("direction", "both")
            .put("operations", new JsonArray().add("create").add("update").add("disable"))));
  }

  @AfterAll
  static void disconnect() {
    if (connectorId != null) {
      admin.delete("/api/v1/connectors/" + connectorId);
    }
    if (cognito != null) {
      cognito.close();
    }
  }

  @Test
  void aUserCreatedInTheHubAppearsInTheUserPoolLinkedBySub() throws Exception {
    var created = admin.post("/api/v1/users", new JsonObject().put("userName", "newhire")
        .put("displayName", "New Hire").put("givenName", "New").put("familyName", "Hire")
        .put("emails", new JsonArray().add("newhire@example.test")));
    assertEquals(201, created.status(), created.body());
    String userId = created.json().getString("id");
    await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/api/v1/users/" + userId)
        .json().getJsonArray("accounts").size() == 1);

    JsonObject user = new JsonObject(cognito.call("AdminGetUser", new JsonObject()
        .put("UserPoolId", pool).put("Username", "newhire").encode()));
    JsonObject attributes = new JsonObject();
    user.getJsonArray("UserAttributes").stream().map(JsonObject.class::cast)
        .forEach(a -> attributes.put(a.getString("Name"), a.getString("Value")));
    assertEquals("New Hire", attributes.getString("name"));
    assertEquals("newhire@example.test", attributes.getString("email"));
    String account = admin.get("/api/v1/users/" + userId).json().getJsonArray("accounts")
        .getJsonObject(0).getString("externalId");
    assertEquals(attributes.getString("sub"), account, "linked by sub");
  }

  @Test
  void aUserDisabledInCognitoBehindTheHubsBackIsDisabledInTheHub() throws Exception {
    assertTrue(user("erin").getBoolean("active"));

    long start = System.nanoTime();
    cognito.call("AdminDisableUser", new JsonObject().put("UserPoolId", pool)
        .put("Username", "erin").encode());

    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
        .until(() -> !user("erin").getBoolean("active"));
    System.out.printf("Disabled in Cognito, disabled in the hub after %.0f ms%n",
        (System.nanoTime() - start) / 1e6);
  }

  private static JsonObject user(String userName) {
    return admin.get("/api/v1/users?q=" + userName + "&source=" + connectorId).json()
        .getJsonArray("items").stream().map(u -> (JsonObject) u)
        .filter(u -> u.getString("userName").equals(userName)).findFirst().orElseThrow();
  }

  private static JsonObject attribute(String name, String value) {
    return new JsonObject().put("Name", name).put("Value", value);
  }
}
