package io.slxconnect.hub.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.hub.support.HubPerClass;
import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console, health and metrics as a browser, a load balancer and Prometheus see them. */
class ConsoleAndOperationsTest {

  @RegisterExtension
  static final HubPerClass HUB = new HubPerClass();

  @Test
  void theConsoleIsServedWithSecurityHeaders() {
    var index = HUB.get().get("/");
    assertEquals(200, index.statusCode());
    assertTrue(index.body().contains("<div id=\"root\""), index.body());
    assertEquals("no-cache", index.headers().firstValue("cache-control").orElse(""));
    assertTrue(index.headers().firstValue("content-security-policy").orElse("")
        .contains("frame-ancestors 'none'"));
    assertEquals("nosniff", index.headers().firstValue("x-content-type-options").orElse(""));
    assertEquals("DENY", index.headers().firstValue("x-frame-options").orElse(""));
  }

  @Test
  void headRequestsAnswerLikeGetWithoutABody() throws Exception {
    var head = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
            .newBuilder(java.net.URI.create(HUB.get().baseUrl() + "/connectors"))
            .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, head.statusCode());
    assertEquals("", head.body());
  }

  @Test
  void consoleRoutesSurviveAReload() {
    var deepLink = HUB.get().get("/connectors/new");
    assertEquals(200, deepLink.statusCode());
    assertEquals(HUB.get().get("/").body(), deepLink.body());
  }

  @Test
  void hashedAssetsAreCachedForAYear() {
    Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(HUB.get().get("/")
        .body());
    assertTrue(script.find(), "index.html references a hashed script");
    var asset = HUB.get().get(script.group(1));
    assertEquals(200, asset.statusCode());
    assertTrue(asset.headers().firstValue("cache-control").orElse("").contains("max-age=31536000"),
        asset.headers().map().toString());
    assertEquals(404, HUB.get().get("/assets/no-such-file-1234.js").statusCode());
  }

  @Test
  void readinessReportsTheDatabase() {
    var health = HUB.get().get("/health");
    assertEquals(200, health.statusCode());
    JsonObject body = new JsonObject(health.body());
    assertEquals("UP", body.getString("status"));
    assertTrue(body.getJsonArray("checks").encode().contains("database"));
    assertEquals(200, HUB.get().get("/health/live").statusCode());
  }

  @Test
  void metricsAreInPrometheusFormat() {
    HUB.get().get("/health");
    var metrics = HUB.get().get("/metrics");
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
    assertTrue(metrics.body().contains("vertx_http_server_requests_total"), metrics.body()
        .lines().limit(20).toList().toString());
  }
}
