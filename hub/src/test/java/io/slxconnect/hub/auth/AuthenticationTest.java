package io.slxconnect.hub.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.HubPerClass;
import io.slxconnect.hub.support.TestHub;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthenticationTest {

  @RegisterExtension
  static final HubPerClass HUB = new HubPerClass();

  @Test
  void loginGivesAShortLivedTokenThatOpensTheApi() {
    var r = HUB.get().client().post("/api/v1/auth/login", new JsonObject()
        .put("username", TestHub.ADMIN).put("password", TestHub.ADMIN_PASSWORD));
    assertEquals(200, r.status(), r.body());
    assertEquals("Bearer", r.json().getString("tokenType"));
    assertEquals(900, r.json().getInteger("expiresIn"));
    assertEquals("admin", r.json().getJsonObject("admin").getString("role"));
    String cookie = r.headers().firstValue("set-cookie").orElseThrow();
    assertTrue(cookie.toLowerCase().contains("httponly") && cookie.contains("SameSite=Strict")
        && cookie.contains("Path=/api/v1/auth"), cookie);

    var me = HUB.get().client().withToken(r.json().getString("accessToken")).get("/api/v1/auth/me");
    assertEquals(200, me.status());
    assertEquals(TestHub.ADMIN, me.json().getString("username"));
    assertFalse(me.body().contains("password"), me.body());
  }

  @Test
  void wrongPasswordIsRefusedAndAudited() {
    var r = HUB.get().client().post("/api/v1/auth/login", new JsonObject()
        .put("username", TestHub.ADMIN).put("password", "not the password"));
    assertEquals(401, r.status());
    assertEquals("Wrong username or password", r.json().getString("detail"));
    var audit = HUB.get().admin().get("/api/v1/audit?action=auth.login").json()
        .getJsonArray("items");
    assertTrue(audit.stream().map(JsonObject.class::cast).anyMatch(e ->
        "failure".equals(e.getString("outcome")) && TestHub.ADMIN.equals(e.getString("actor"))
            && "127.0.0.1".equals(e.getString("remoteAddress"))), audit.encodePrettily());
  }

  @Test
  void repeatedFailedLoginsAreThrottledPerAccount() {
    var admin = HUB.get().admin();
    assertEquals(201, admin.post("/api/v1/admins", new JsonObject().put("username", "victim")
        .put("password", "victims-password").put("role", "auditor")).status());
    int lastStatus = 0;
    for (int i = 0; i < 6; i++) {
      lastStatus = HUB.get().client().post("/api/v1/auth/login", new JsonObject()
          .put("username", "victim").put("password", "guess-" + i)).status();
    }
    assertEquals(429, lastStatus);
    var blocked = HUB.get().client().post("/api/v1/auth/login", new JsonObject()
        .put("username", "victim").put("password", "victims-password"));
    assertEquals(429, blocked.status(), "even the right password waits out the lock");
    assertTrue(blocked.headers().firstValue("retry-after").isPresent());
  }

  @Test
  void logoutEndsTheSessionAtOnce() {
    ApiClient client = HUB.get().admin();
    assertEquals(204, client.post("/api/v1/auth/logout", null).status());
    var after = client.get("/api/v1/auth/me");
    assertEquals(401, after.status());
    var refresh = client.send("POST", "/api/v1/auth/refresh", null, null,
        client.refreshCookie());
    assertEquals(401, refresh.status());
  }

  @Test
  void refreshRotatesTheRefreshToken() {
    ApiClient client = HUB.get().admin();
    String first = client.refreshCookie();
    var refreshed = client.send("POST", "/api/v1/auth/refresh", null, null, first);
    assertEquals(200, refreshed.status(), refreshed.body());
    String second = refreshed.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
    assertNotEquals(first, second);
    assertEquals(200, HUB.get().client().withToken(refreshed.json().getString("accessToken"))
        .get("/api/v1/auth/me").status());
    var third = client.send("POST", "/api/v1/auth/refresh", null, null, second);
    assertEquals(200, third.status(), "the new refresh token works");
  }

  @Test
  void aReplayedRefreshTokenEndsTheSession() {
    ApiClient client = HUB.get().admin();
    String stolen = client.refreshCookie();
    var legitimate = client.send("POST", "/api/v1/auth/refresh", null, null, stolen);
    assertEquals(200, legitimate.status());
    assertEquals(401, client.send("POST", "/api/v1/auth/refresh", null, null, stolen).status(),
        "a used refresh token does not work twice");
    String access = legitimate.json().getString("accessToken");
    assertEquals(401, HUB.get().client().withToken(access).get("/api/v1/auth/me").status(),
        "the replay ended the whole session");
    String latest = legitimate.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
    assertEquals(401, client.send("POST", "/api/v1/auth/refresh", null, null, latest).status());
  }

  @Test
  void forgedOrAlteredTokensAreRefused() {
    String token = HUB.get().admin().token();
    String[] parts = token.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
        payload.replace("\"slx-connect\"", "\"someone-else\"").getBytes(StandardCharsets.UTF_8));
    String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    for (String bad : new String[] {parts[0] + "." + forgedPayload + "." + parts[2],
        unsigned + "." + parts[1] + ".", token + "x", "garbage"}) {
      assertEquals(401, HUB.get().client().withToken(bad).get("/api/v1/auth/me").status(), bad);
    }
  }

  @Test
  void disablingAnAccountEndsItsSessions() {
    var admin = HUB.get().admin();
    admin.post("/api/v1/admins", new JsonObject().put("username", "leaver")
        .put("password", "leavers-password").put("role", "operator"));
    ApiClient leaver = HUB.get().client().login("leaver", "leavers-password");
    assertEquals(200, leaver.get("/api/v1/connectors").status());
    assertEquals(200, admin.patch("/api/v1/admins/leaver",
        new JsonObject().put("enabled", false)).status());
    assertEquals(401, leaver.get("/api/v1/connectors").status());
  }

  @Test
  void theLastAdminCannotBeRemoved() {
    var r = HUB.get().admin().delete("/api/v1/admins/" + TestHub.ADMIN);
    assertEquals(409, r.status(), r.body());
  }
}
