package io.slxconnect.hub.audit;

import io.slxconnect.hub.http.ApiRequest;
import io.slxconnect.hub.store.AuditStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records who did what, when and from where. Every login and every change an admin makes goes
 * through here. A failed write is logged loudly but does not undo the action it describes.
 */
public final class AuditLog {

  private static final Logger LOG = LoggerFactory.getLogger("slx.audit");

  private final AuditStore store;

  /**
   * Creates the audit log.
   *
   * @param store the table
   */
  public AuditLog(AuditStore store) {
    this.store = store;
  }

  /**
   * Records an action of the request's caller.
   *
   * @param request the request
   * @param action what, such as {@code connector.created}
   * @param target on what
   * @param success whether it worked
   * @param detail more, never a secret
   * @return completes when written (never fails)
   */
  public Future<Void> record(ApiRequest request, String action, String target, boolean success,
      JsonObject detail) {
    return record(request.actor(), request.remoteAddress(), action, target, success, detail);
  }

  /**
   * Records an action.
   *
   * @param actor who, or {@code null}
   * @param remoteAddress from where, or {@code null}
   * @param action what
   * @param target on what
   * @param success whether it worked
   * @param detail more, never a secret
   * @return completes when written (never fails)
   */
  public Future<Void> record(String actor, String remoteAddress, String action, String target,
      boolean success, JsonObject detail) {
    LOG.info("{} {} {} by {} from {}", action, target == null ? "-" : target,
        success ? "success" : "failure", actor == null ? "-" : actor,
        remoteAddress == null ? "-" : remoteAddress);
    return store.append(actor, action, target, success, remoteAddress, detail)
        .recover(e -> {
          LOG.error("Audit entry {} on {} could not be written", action, target, e);
          return Future.succeededFuture();
        });
  }
}
