package io.slxconnect.hub.imports;

import io.slxconnect.api.Capability;
import io.slxconnect.hub.audit.AuditLog;
import io.slxconnect.hub.connectors.ConnectorRuntime;
import io.slxconnect.hub.http.ApiException;
import io.slxconnect.hub.http.ApiRequest;
import io.slxconnect.hub.http.ApiRouter;
import io.slxconnect.hub.http.Reply;
import io.slxconnect.hub.pipeline.Targets;
import io.slxconnect.hub.store.ConnectorRecord;
import io.slxconnect.hub.store.ConnectorStore;
import io.slxconnect.hub.store.ImportRunStore;
import io.slxconnect.hub.store.ImportScheduleStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Imports and their schedules through the API: start, follow, cancel, schedule. */
public final class ImportApi {

  private final ConnectorStore connectors;
  private final ConnectorRuntime runtime;
  private final Targets targets;
  private final ImportRunner runner;
  private final ImportRunStore runs;
  private final ImportScheduleStore schedules;
  private final AuditLog audit;

  /**
   * Creates the API.
   *
   * @param connectors the connectors table
   * @param runtime the running connectors
   * @param targets the connectors' capabilities
   * @param runner runs imports
   * @param runs the runs table
   * @param schedules the schedules table
   * @param audit the audit log
   */
  public ImportApi(ConnectorStore connectors, ConnectorRuntime runtime, Targets targets,
      ImportRunner runner, ImportRunStore runs, ImportScheduleStore schedules, AuditLog audit) {
    this.connectors = connectors;
    this.runtime = runtime;
    this.targets = targets;
    this.runner = runner;
    this.runs = runs;
    this.schedules = schedules;
    this.audit = audit;
  }

  /**
   * Registers the operations.
   *
   * @param api the router
   */
  public void register(ApiRouter api) {
    api.handle("startImport", this::start)
        .handle("listImportRuns", request -> connector(request)
            .compose(c -> runs.recent(c.id(), 20))
            .map(all -> Reply.ok(new JsonArray(all))))
        .handle("getImportRun", request -> run(request).map(Reply::ok))
        .handle("cancelImport", this::cancel)
        .handle("setImportSchedule", this::schedule)
        .handle("deleteImportSchedule", this::unschedule);
  }

  private Future<Reply> start(ApiRequest request) {
    return connector(request).compose(c -> {
      boolean imports = targets.get(c.id())
          .map(t -> t.capabilities().contains(Capability.IMPORT_USERS)).orElse(false);
      if (!imports) {
        throw ApiException.unprocessable("Connectors of type '" + c.type()
            + "' cannot import users", List.of());
      }
      if (!"running".equals(runtime.state(c.id()).state())) {
        throw ApiException.conflict("The connector is not running; start it (or fix what "
            + "keeps it from starting) before importing");
      }
      return runner.start(c.id(), "manual", request.actor())
          .map(run -> run.orElseThrow(() -> ApiException.conflict(
              "An import of this connector is already running")))
          .compose(run -> audit.record(request, "import.started", target(c), true,
                  new JsonObject().put("runId", run.getString("id")))
              .map(v -> Reply.accepted(run)));
    });
  }

  private Future<Reply> cancel(ApiRequest request) {
    return run(request).compose(run -> {
      UUID id = UUID.fromString(run.getString("id"));
      if (!runner.cancel(id)) {
        throw ApiException.conflict("The import is not running (it is " + run.getString("status")
            + ")");
      }
      return audit.record(request, "import.cancelled", "import:" + id, true, new JsonObject()
              .put("connectorId", run.getString("connectorId")))
          .compose(v -> runs.find(id))
          .map(now -> Reply.accepted(now.orElse(run)));
    });
  }

  private Future<Reply> schedule(ApiRequest request) {
    JsonObject body = request.body();
    CronSchedule schedule;
    try {
      schedule = CronSchedule.of(body.getString("preset"), body.getString("cron"));
    } catch (IllegalArgumentException e) {
      throw ApiException.unprocessable(e.getMessage(),
          List.of(new ApiException.FieldError("/cron", e.getMessage())));
    }
    return connector(request).compose(c -> schedules.set(c.id(), schedule.preset(),
            schedule.expression(), schedule.nextAfter(OffsetDateTime.now(ZoneOffset.UTC)))
        .compose(saved -> audit.record(request, "import.scheduled", target(c), true,
                new JsonObject().put("preset", schedule.preset())
                    .put("cron", schedule.expression()))
            .map(v -> Reply.ok(saved))));
  }

  private Future<Reply> unschedule(ApiRequest request) {
    return connector(request).compose(c -> schedules.delete(c.id())
        .compose(existed -> existed
            ? audit.record(request, "import.unscheduled", target(c), true, new JsonObject())
            : Future.<Void>succeededFuture())
        .map(v -> Reply.noContent()));
  }

  private Future<ConnectorRecord> connector(ApiRequest request) {
    UUID id = request.pathUuid("id", "connector");
    return connectors.find(id).map(found -> found.orElseThrow(() ->
        ApiException.notFound("No connector with id " + id)));
  }

  private Future<JsonObject> run(ApiRequest request) {
    UUID id = request.pathUuid("runId", "import run");
    return runs.find(id).map(found -> found.orElseThrow(() ->
        ApiException.notFound("No import run with id " + id)));
  }

  private static String target(ConnectorRecord c) {
    return "connector:" + c.id() + " (" + c.name() + ")";
  }
}
