package io.slxconnect.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.Capability;
import io.slxconnect.api.ConnectorContext;
import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.api.ConnectorType;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The context fills in defaults as the hub does, and routes hook requests to the instance. */
class TestConnectorContextTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    TestConnectorContext.await(vertx.close());
  }

  /** A type with a defaulted setting and nothing else. */
  private static final class Minimal implements ConnectorType {
    @Override
    public String id() {
      return "minimal";
    }

    @Override
    public String displayName() {
      return "Minimal";
    }

    @Override
    public String description() {
      return "For tests";
    }

    @Override
    public JsonObject settingsSchema() {
      return new JsonObject("""
          {"type": "object", "properties": {
            "pageSize": {"type": "integer", "default": 500},
            "url": {"type": "string"}}}""");
    }

    @Override
    public Set<Capability> capabilities() {
      return Set.of(Capability.IMPORT_USERS);
    }

    @Override
    public ConnectorInstance create(ConnectorContext context) {
      throw new UnsupportedOperationException("not needed");
    }
  }

  @Test
  void missingSettingsGetTheSchemaDefaultsAndGivenOnesStay() {
    TestConnectorContext context = TestConnectorContext.builder(vertx)
        .defaultsFrom(new Minimal()).settings(new JsonObject().put("url", "x")).build();
    assertEquals(new JsonObject().put("url", "x").put("pageSize", 500), context.settings());
    context.close();
  }

  @Test
  void hookRequestsReachTheRegisteredHandlerAndConnectionReportsAreRecorded() throws Exception {
    TestConnectorContext context = TestConnectorContext.builder(vertx).instanceId("c1").build();
    context.onHookRequest(request -> request.response().end("pushed " + request.path()));
    String url = TestConnectorContext.await(context.serveHooks());
    assertTrue(url.endsWith("/hooks/c1"), url);

    URI uri = URI.create(url);
    String body = TestConnectorContext.await(vertx.createHttpClient()
        .request(HttpMethod.POST, uri.getPort(), "127.0.0.1", uri.getPath() + "/x")
        .compose(HttpClientRequest::send).compose(HttpClientResponse::body)
        .map(Object::toString));
    assertEquals("pushed /hooks/c1/x", body);

    context.reportConnection(false, "lost it");
    assertEquals("lost: lost it", context.awaitConnectionEvent(e -> !e.connected(),
        Duration.ofSeconds(1)).toString());
    context.close();
  }
}
