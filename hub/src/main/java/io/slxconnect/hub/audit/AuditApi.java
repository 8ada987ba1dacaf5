package io.slxconnect.hub.audit;

import io.slxconnect.hub.http.ApiRequest;
import io.slxconnect.hub.http.ApiRouter;
import io.slxconnect.hub.http.Reply;
import io.slxconnect.hub.store.AuditStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** The audit log, read through the API. */
public final class AuditApi {

  private final AuditStore store;

  /**
   * Creates the API.
   *
   * @param store the table
   */
  public AuditApi(AuditStore store) {
    this.store = store;
  }

  /**
   * Registers the operations.
   *
   * @param api the router
   */
  public void register(ApiRouter api) {
    api.handle("listAuditEvents", this::list);
  }

  private Future<Reply> list(ApiRequest request) {
    int limit = request.query("limit").map(Integer::parseInt).orElse(100);
    Long before = request.query("before").map(Long::parseLong).orElse(null);
    return store.list(before, request.query("actor").orElse(null),
            request.query("action").orElse(null), limit)
        .map(items -> Reply.ok(new JsonObject().put("items", items).put("next",
            items.size() == limit ? items.getJsonObject(items.size() - 1).getLong("id") : null)));
  }
}
