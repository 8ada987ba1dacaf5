package io.slxconnect.hub.pipeline;

import io.slxconnect.hub.audit.AuditLog;
import io.slxconnect.hub.http.ApiException;
import io.slxconnect.hub.http.ApiRequest;
import io.slxconnect.hub.http.ApiRouter;
import io.slxconnect.hub.http.Pages;
import io.slxconnect.hub.http.Reply;
import io.slxconnect.hub.store.ChangeEventStore;
import io.slxconnect.hub.store.ProvisioningTaskStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.function.IntConsumer;

/**
 * The provisioning log and the change log through the API: list with filters, newest first,
 * and send a failed push again.
 */
public final class ProvisioningApi {

  private final Pool pool;
  private final AuditLog audit;
  private final IntConsumer wakeProvisioner;

  /**
   * Creates the API.
   *
   * @param pool the database
   * @param audit the audit log
   * @param wakeProvisioner wakes the provisioner after a retry is queued
   */
  public ProvisioningApi(Pool pool, AuditLog audit, IntConsumer wakeProvisioner) {
    this.pool = pool;
    this.audit = audit;
    this.wakeProvisioner = wakeProvisioner;
  }

  /**
   * Registers the operations.
   *
   * @param api the router
   */
  public void register(ApiRouter api) {
    api.handle("listProvisioningTasks", this::tasks)
        .handle("retryProvisioningTask", this::retry)
        .handle("listChangeEvents", this::events);
  }

  private Future<Reply> tasks(ApiRequest request) {
    ApiRequest.IdPaging paging = request.idPaging();
    return new ProvisioningTaskStore(pool).list(request.queryUuid("user").orElse(null),
            request.queryUuid("connector").orElse(null), request.query("status").orElse(null),
            paging.before(), paging.limit())
        .map(rows -> Reply.ok(Pages.newestFirst(rows, paging.limit())));
  }

  private Future<Reply> events(ApiRequest request) {
    ApiRequest.IdPaging paging = request.idPaging();
    ChangeEventStore.EventFilter filter = new ChangeEventStore.EventFilter(
        request.queryUuid("user").orElse(null), request.queryUuid("group").orElse(null),
        request.query("type").orElse(null), request.queryUuid("source").orElse(null),
        request.queryInstant("since").orElse(null), request.queryInstant("until").orElse(null));
    boolean cloudEvents = request.query("format").map("cloudevents"::equals).orElse(false);
    return new ChangeEventStore(pool).list(filter, paging.before(), paging.limit())
        .map(rows -> {
          JsonObject page = Pages.newestFirst(rows, paging.limit());
          if (cloudEvents) {
            page.put("items", new JsonArray(page.getJsonArray("items").stream()
                .map(event -> CloudEvents.of((JsonObject) event)).toList()));
          }
          return Reply.ok(page);
        });
  }

  private Future<Reply> retry(ApiRequest request) {
    long id = Long.parseLong(request.path("taskId"));
    ProvisioningTaskStore tasks = new ProvisioningTaskStore(pool);
    return tasks.requeue(id).compose(requeued -> {
      if (requeued.isPresent()) {
        wakeProvisioner.accept(1);
        return audit.record(request, "provisioning.retried", "task:" + id, true,
                new JsonObject().put("subject", requeued.get().subject())
                    .put("operation", requeued.get().toJson().getString("operation")))
            .map(v -> Reply.accepted(requeued.get().toJson()));
      }
      return tasks.find(id).map(found -> {
        if (found.isEmpty()) {
          throw ApiException.notFound("No provisioning task " + id);
        }
        throw ApiException.conflict(found.get().operation()
            == io.slxconnect.hub.store.ProvisioningTask.Operation.PASSWORD
            ? "A password push cannot be retried: the hub does not keep passwords; set it again"
            : "Only a failed task can be retried; this one is " + found.get().status());
      });
    });
  }
}
