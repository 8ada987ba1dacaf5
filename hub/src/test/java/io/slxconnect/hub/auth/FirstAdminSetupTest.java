package io.slxconnect.hub.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.slxconnect.hub.support.TestHub;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FirstAdminSetupTest {

  @Test
  void withoutAnAdminPasswordTheHubPrintsAOneTimeSetupLink() {
    Logger logger = (Logger) LoggerFactory.getLogger(FirstAdminSetup.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    try (TestHub hub = TestHub.start(Map.of())) {
      String printed = log.list.stream().map(ILoggingEvent::getFormattedMessage)
          .filter(m -> m.contains("/setup#token=")).findFirst().orElseThrow();
      Matcher m = Pattern.compile("/setup#token=([A-Za-z0-9_-]+)").matcher(printed);
      assertTrue(m.find(), printed);
      String token = m.group(1);

      assertTrue(hub.client().get("/api/v1/setup").json().getBoolean("setupRequired"));
      assertEquals(401, hub.client().post("/api/v1/auth/login", new JsonObject()
          .put("username", "admin").put("password", "admin-admin-admin")).status(),
          "there is no default account");

      var wrongToken = hub.client().post("/api/v1/setup", new JsonObject().put("token", "nope")
          .put("username", "first").put("password", "first-admin-password"));
      assertEquals(403, wrongToken.status());

      var shortPassword = hub.client().post("/api/v1/setup", new JsonObject()
          .put("token", token).put("username", "first").put("password", "short"));
      assertEquals(400, shortPassword.status());

      var done = hub.client().post("/api/v1/setup", new JsonObject().put("token", token)
          .put("username", "first").put("password", "first-admin-password"));
      assertEquals(201, done.status(), done.body());
      assertEquals("admin", done.json().getString("role"));

      var again = hub.client().post("/api/v1/setup", new JsonObject().put("token", token)
          .put("username", "second").put("password", "second-admin-password"));
      assertEquals(409, again.status(), "the link works once");
      assertTrue(!hub.client().get("/api/v1/setup").json().getBoolean("setupRequired"));
      hub.client().login("first", "first-admin-password");
    } finally {
      logger.detachAppender(log);
    }
  }
}
