package io.slxconnect.hub.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.hub.auth.Permission;
import io.slxconnect.hub.auth.Role;
import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.SamplePaths;
import io.slxconnect.hub.support.TestHub;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks every operation of the OpenAPI document with no token and with each role, and checks
 * that the hub answers 401, 403, or lets the request through, exactly as the operation's
 * permission and the role say.
 */
class RoleAccessTest {

  private static TestHub hub;

  @BeforeAll
  static void start() {
    hub = TestHub.start();
    ApiClient admin = hub.admin();
    for (String role : List.of("operator", "auditor")) {
      var created = admin.post("/api/v1/admins", new JsonObject().put("username", "a-" + role)
          .put("password", "password-of-" + role).put("role", role));
      assertEquals(201, created.status(), created.body());
    }
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void everyRouteChecksTheCallersRole() {
    // Logout ends the session used for the walk, so it goes last.
    List<OpenApiContract.OperationSpec> operations = new ArrayList<>(
        OpenApiContract.load().operations());
    operations.sort(Comparator.comparing(op -> op.id().equals("logout")));
    List<String> wrong = new ArrayList<>();
    for (Role role : Role.values()) {
      ApiClient client = role == Role.ADMIN ? hub.admin()
          : hub.client().login("a-" + role.apiName(), "password-of-" + role.apiName());
      for (OpenApiContract.OperationSpec op : operations) {
        int status = call(client, op);
        boolean allowed = role.allows(op.permission());
        if (allowed && (status == 403 || status == 401 && !op.id().equals("refresh"))) {
          wrong.add(role + " got " + status + " on " + op.id());
        }
        if (!allowed && status != 403) {
          wrong.add(role + " got " + status + " instead of 403 on " + op.id());
        }
      }
    }
    ApiClient anonymous = hub.client();
    for (OpenApiContract.OperationSpec op : operations) {
      var response = anonymous.send(op.method().name(), SamplePaths.of(op.path()),
          op.bodySchema().isPresent() ? "{}" : null, "application/json");
      // A public operation may refuse its own credentials (refresh without its cookie), but
      // never asks for a bearer token.
      boolean askedForToken = response.status() == 401
          && response.body().contains("Authorization: Bearer");
      if (op.permission() == Permission.PUBLIC ? askedForToken || response.status() == 403
          : !askedForToken) {
        wrong.add("no token got " + response.status() + " on " + op.id());
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void eachRoleHasTheDocumentedPermissions() {
    assertTrue(Role.OPERATOR.allows(Permission.OPERATE));
    assertTrue(!Role.OPERATOR.allows(Permission.CONFIGURE));
    assertTrue(!Role.AUDITOR.allows(Permission.OPERATE));
    assertTrue(Role.AUDITOR.allows(Permission.AUDIT));
    for (Permission p : Permission.values()) {
      assertTrue(Role.ADMIN.allows(p), p.name());
    }
  }

  /** Calls an operation with placeholder parameters and an empty body; returns the status. */
  private static int call(ApiClient client, OpenApiContract.OperationSpec op) {
    String body = op.bodySchema().isPresent() ? "{}" : null;
    return client.send(op.method().name(), SamplePaths.of(op.path()), body,
        "application/json").status();
  }
}
