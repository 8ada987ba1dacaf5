package io.slxconnect.hub.connectors;

import io.slxconnect.api.ConnectionReport;
import io.slxconnect.hub.audit.AuditLog;
import io.slxconnect.hub.crypto.SecretBox;
import io.slxconnect.hub.http.ApiException;
import io.slxconnect.hub.http.ApiRequest;
import io.slxconnect.hub.http.ApiRouter;
import io.slxconnect.hub.http.Reply;
import io.slxconnect.hub.plugins.InstalledType;
import io.slxconnect.hub.pipeline.Targets;
import io.slxconnect.hub.plugins.PluginRuntime;
import io.slxconnect.hub.store.ConnectorPolicy;
import io.slxconnect.hub.store.ImportScheduleStore;
import io.slxconnect.hub.store.ConnectorRecord;
import io.slxconnect.hub.store.ConnectorStore;
import io.slxconnect.hub.store.SqlErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Connector types and connector instances through the API: create from an installed
 * type with validated settings, read (secrets never returned, only which are set), update,
 * delete, start, stop and test. Every change is audited.
 */
public final class ConnectorApi {

  private final PluginRuntime plugins;
  private final ConnectorStore store;
  private final ConnectorSettings settings;
  private final ConnectorRuntime runtime;
  private final Targets targets;
  private final ImportScheduleStore schedules;
  private final AuditLog audit;

  /**
   * Creates the API.
   *
   * @param plugins the installed types
   * @param store the connectors table
   * @param settings validation and secrets
   * @param runtime the running instances
   * @param targets the provisioning policies, reloaded after every change
   * @param schedules the import schedules, shown with each connector
   * @param audit the audit log
   */
  public ConnectorApi(PluginRuntime plugins, ConnectorStore store, ConnectorSettings settings,
      ConnectorRuntime runtime, Targets targets, ImportScheduleStore schedules,
      AuditLog audit) {
    this.targets = targets;
    this.schedules = schedules;
    this.plugins = plugins;
    this.store = store;
    this.settings = settings;
    this.runtime = runtime;
    this.audit = audit;
  }

  /**
   * Registers the operations.
   *
   * @param api the router
   */
  public void register(ApiRouter api) {
    api.handle("listConnectorTypes", request -> Future.succeededFuture(Reply.ok(new JsonArray(
            plugins.types().stream().sorted(Comparator.comparing(InstalledType::displayName))
                .map(InstalledType::toJson).toList()))))
        .handle("testConnectorSettings", this::testSettings)
        .handle("listConnectors", request -> Future.all(store.list(), schedules.all())
            .map(found -> {
              List<ConnectorRecord> all = found.resultAt(0);
              Map<UUID, JsonObject> byConnector = found.resultAt(1);
              return Reply.ok(new JsonArray(all.stream().map(r -> toJson(r)
                  .put("schedule", byConnector.get(r.id()))).toList()));
            }))
        .handle("createConnector", this::create)
        .handle("getConnector", request -> existing(request).compose(this::describe)
            .map(Reply::ok))
        .handle("updateConnector", this::update)
        .handle("deleteConnector", this::delete)
        .handle("startConnector", this::start)
        .handle("stopConnector", this::stop)
        .handle("testConnector", this::test);
  }

  private Future<Reply> testSettings(ApiRequest request) {
    InstalledType type = type(request.path("type"), true);
    var prepared = settings.prepare(type, request.body().getJsonObject("settings"),
        new JsonObject());
    return runtime.test(type, UUID.randomUUID(), prepared.merged())
        .compose(report -> audit.record(request, "connector.tested", type.id(),
                report.success(), new JsonObject().put("unsaved", true))
            .map(v -> Reply.ok(toJson(report))));
  }

  private Future<Reply> create(ApiRequest request) {
    JsonObject body = request.body();
    InstalledType type = type(body.getString("type"), false);
    UUID id = UUID.randomUUID();
    var prepared = settings.prepare(type, body.getJsonObject("settings"), new JsonObject());
    boolean enabled = body.getBoolean("enabled", true);
    ConnectorPolicy policy = ConnectorPolicy.fromJson(body.getJsonObject("provisioning"));
    return store.insert(id, body.getString("name"), type.id(), enabled, prepared.settings(),
            settings.seal(id, prepared.secrets()), prepared.secretNames(), policy)
        .map(created -> created.orElseThrow(() -> ApiException.conflict(
            "A connector named '" + body.getString("name") + "' already exists")))
        .compose(created -> targets.reload().map(created))
        .compose(created -> audit.record(request, "connector.created", target(created), true,
                new JsonObject().put("type", type.id()).put("settings", created.settings())
                    .put("provisioning", policy.toJson())
                    .put("secretsSet", new JsonArray(prepared.secretNames())))
            .compose(v -> enabled ? runtime.start(created).mapEmpty()
                : Future.succeededFuture())
            .map(v -> Reply.created(toJson(created))));
  }

  private Future<Reply> update(ApiRequest request) {
    JsonObject body = request.body();
    String name = body.getString("name");
    return existing(request).compose(current -> {
      InstalledType type = type(current.type(), false);
      // Secrets the master key cannot open are dropped: the admin enters them again here.
      var prepared = settings.prepare(type, body.getJsonObject("settings"),
          settings.openOrEmpty(current.id(), current.sealedSecrets()));
      ConnectorPolicy policy = body.containsKey("provisioning")
          ? ConnectorPolicy.fromJson(body.getJsonObject("provisioning")) : current.policy();
      return store.update(current.id(), name, prepared.settings(),
              settings.seal(current.id(), prepared.secrets()), prepared.secretNames(), policy)
          .recover(e -> Future.failedFuture(SqlErrors.isUniqueViolation(e)
              ? ApiException.conflict("A connector named '" + name + "' already exists") : e))
          .map(updated -> updated.orElseThrow(() -> notFound(current.id())))
          .compose(updated -> targets.reload().map(updated))
          .compose(updated -> audit.record(request, "connector.updated", target(updated), true,
                  new JsonObject().put("settings", updated.settings())
                      .put("provisioning", policy.toJson())
                      .put("secretsChanged", secretsChanged(type, body)))
              .compose(v -> updated.enabled() ? runtime.start(updated).mapEmpty()
                  : Future.succeededFuture())
              .compose(v -> describe(updated))
              .map(Reply::ok));
    });
  }

  private Future<Reply> delete(ApiRequest request) {
    return existing(request).compose(current -> runtime.remove(current.id())
        .compose(v -> store.delete(current.id()))
        .compose(v -> targets.reload())
        .compose(v -> audit.record(request, "connector.deleted", target(current), true,
            new JsonObject().put("type", current.type())))
        .map(v -> Reply.noContent()));
  }

  private Future<Reply> start(ApiRequest request) {
    return existing(request)
        .compose(current -> store.setEnabled(current.id(), true))
        .map(updated -> updated.orElseThrow(() -> notFound(request.pathUuid("id", "connector"))))
        .compose(updated -> runtime.start(updated)
            .compose(state -> audit.record(request, "connector.started", target(updated),
                "running".equals(state.state()), new JsonObject().put("state", state.toJson())))
            .compose(v -> describe(updated))
            .map(Reply::ok));
  }

  private Future<Reply> stop(ApiRequest request) {
    return existing(request)
        .compose(current -> store.setEnabled(current.id(), false))
        .map(updated -> updated.orElseThrow(() -> notFound(request.pathUuid("id", "connector"))))
        .compose(updated -> runtime.stop(updated.id())
            .compose(v -> audit.record(request, "connector.stopped", target(updated), true,
                new JsonObject()))
            .compose(v -> describe(updated))
            .map(Reply::ok));
  }

  private Future<Reply> test(ApiRequest request) {
    return existing(request).compose(current -> {
      InstalledType type = type(current.type(), false);
      JsonObject merged = current.settings().copy().mergeIn(storedSecrets(current));
      return runtime.test(type, current.id(), merged)
          .compose(report -> audit.record(request, "connector.tested", target(current),
                  report.success(), new JsonObject())
              .map(v -> Reply.ok(toJson(report))));
    });
  }

  /** The stored secrets; when the master key cannot open them, the admin must enter them again. */
  private JsonObject storedSecrets(ConnectorRecord r) {
    try {
      return settings.open(r.id(), r.sealedSecrets());
    } catch (SecretBox.SecretBoxException e) {
      throw ApiException.conflict(e.getMessage() + "; enter this connector's secrets again ("
          + String.join(", ", r.secretNames()) + ")");
    }
  }

  private Future<ConnectorRecord> existing(ApiRequest request) {
    UUID id = request.pathUuid("id", "connector");
    return store.find(id).map(found -> found.orElseThrow(() -> notFound(id)));
  }

  private InstalledType type(String id, boolean inPath) {
    return plugins.type(id).orElseThrow(() -> inPath
        ? ApiException.notFound("No installed connector type '" + id + "'")
        : ApiException.unprocessable("No installed connector type '" + id + "'; installed: "
            + plugins.types().stream().map(InstalledType::id).sorted().toList(),
            List.of(new io.slxconnect.hub.http.ApiException.FieldError("/type",
                "not an installed connector type"))));
  }

  /** The connector with its import schedule. */
  private Future<JsonObject> describe(ConnectorRecord r) {
    return schedules.find(r.id()).map(schedule -> toJson(r).put("schedule",
        schedule.orElse(null)));
  }

  private JsonObject toJson(ConnectorRecord r) {
    // Secret names are stored beside the sealed values: listing never needs the master key.
    return new JsonObject()
        .put("id", r.id().toString())
        .put("name", r.name())
        .put("type", r.type())
        .put("enabled", r.enabled())
        .put("settings", r.settings())
        .put("secretsSet", new JsonArray(r.secretNames()))
        .put("provisioning", r.policy().toJson())
        .put("capabilities", new JsonArray(plugins.type(r.type())
            .map(t -> t.capabilities().stream().map(Enum::name).sorted().toList())
            .orElse(List.of())))
        .put("status", runtime.state(r.id()).toJson())
        .put("createdAt", r.createdAt().toInstant().toString())
        .put("updatedAt", r.updatedAt().toInstant().toString());
  }

  private static JsonObject toJson(ConnectionReport report) {
    JsonArray steps = new JsonArray();
    report.steps().forEach(s -> steps.add(new JsonObject().put("name", s.name())
        .put("success", s.success()).put("detail", s.detail())));
    JsonObject facts = new JsonObject();
    report.facts().forEach(facts::put);
    return new JsonObject().put("success", report.success()).put("steps", steps)
        .put("facts", facts);
  }

  private static JsonArray secretsChanged(InstalledType type, JsonObject body) {
    JsonObject submitted = body.getJsonObject("settings");
    return new JsonArray(type.secretFields().stream()
        .filter(s -> submitted.containsKey(s) && !"".equals(submitted.getValue(s)))
        .toList());
  }

  private static String target(ConnectorRecord r) {
    return "connector:" + r.id() + " (" + r.name() + ")";
  }

  private static ApiException notFound(UUID id) {
    return ApiException.notFound("No connector with id " + id);
  }
}
