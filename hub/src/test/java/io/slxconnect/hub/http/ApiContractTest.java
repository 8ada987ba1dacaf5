package io.slxconnect.hub.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.HubPerClass;
import io.slxconnect.hub.support.SamplePaths;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The API the hub serves is the one its OpenAPI document describes, and errors are problems. */
class ApiContractTest {

  @RegisterExtension
  static final HubPerClass HUB = new HubPerClass();

  @Test
  void everyDocumentedOperationIsServedAtItsPathAndMethod() {
    ApiClient admin = HUB.get().admin();
    for (OpenApiContract.OperationSpec op : OpenApiContract.load().operations()) {
      if (op.id().equals("logout")) {
        continue;
      }
      String path = SamplePaths.of(op.path());
      var r = admin.send(op.method().name(), path, op.bodySchema().isPresent() ? "{}" : null,
          "application/json");
      assertNotEquals(405, r.status(), op.id());
      if (r.status() == 404) {
        // A 404 must come from the operation (no such resource), not from a missing route.
        assertTrue(r.json().getString("detail").startsWith("No "), op.id() + ": " + r.body());
      }
    }
  }

  @Test
  void theServedDocumentIsTheShippedOne() {
    var r = HUB.get().client().get("/api/v1/openapi.json");
    assertEquals(200, r.status());
    assertEquals(OpenApiContract.load().document(), r.json());
  }

  @Test
  void anOperationWithoutHandlerStopsTheStart() {
    Vertx vertx = Vertx.vertx();
    try {
      ApiRouter api = new ApiRouter(OpenApiContract.load(), ctx -> Future.failedFuture("no"),
          null);
      api.handle("login", r -> Future.succeededFuture(Reply.noContent()));
      var e = assertThrows(IllegalStateException.class, () -> api.mount(Router.router(vertx)));
      assertTrue(e.getMessage().contains("listConnectors"), e.getMessage());
    } finally {
      vertx.close();
    }
  }

  @Test
  void malformedJsonIsA400ThatSaysSo() {
    var r = HUB.get().client().send("POST", "/api/v1/auth/login", "{\"username\": ", "application/json");
    assertEquals(400, r.status());
    assertTrue(r.contentType().startsWith("application/problem+json"));
    assertTrue(r.json().getString("detail").contains("not valid JSON"), r.body());
  }

  @Test
  void unknownFieldsAndWrongTypesAreNamed() {
    var unknown = HUB.get().client().post("/api/v1/auth/login", new JsonObject()
        .put("username", "x").put("password", "y").put("rememberMe", true));
    assertEquals(400, unknown.status());
    assertEquals("/rememberMe", unknown.json().getJsonArray("errors").getJsonObject(0)
        .getString("field"), unknown.body());

    var wrongType = HUB.get().client().post("/api/v1/auth/login", new JsonObject()
        .put("username", 42).put("password", "y"));
    assertEquals(400, wrongType.status());
    assertEquals("/username", wrongType.json().getJsonArray("errors").getJsonObject(0)
        .getString("field"), wrongType.body());
  }

  @Test
  void oversizedBodiesAreRefusedWith413() {
    String big = "{\"username\":\"" + "x".repeat(2 * 1024 * 1024) + "\",\"password\":\"y\"}";
    var r = HUB.get().client().send("POST", "/api/v1/auth/login", big, "application/json");
    assertEquals(413, r.status());
  }

  @Test
  void unknownApiPathsAreProblems() {
    var r = HUB.get().admin().get("/api/v1/no-such-thing");
    assertEquals(404, r.status());
    assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
  }
}
