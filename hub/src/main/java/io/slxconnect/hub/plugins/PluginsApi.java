package io.slxconnect.hub.plugins;

import io.slxconnect.hub.audit.AuditLog;
import io.slxconnect.hub.auth.Authenticator;
import io.slxconnect.hub.auth.Permission;
import io.slxconnect.hub.http.ApiException;
import io.slxconnect.hub.http.ApiRequest;
import io.slxconnect.hub.http.ApiRouter;
import io.slxconnect.hub.http.Problems;
import io.slxconnect.hub.http.Reply;
import io.slxconnect.hub.store.ConnectorRecord;
import io.slxconnect.hub.store.ConnectorStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Plugins through the API: list, read, upload (install or upgrade) and remove. Uploads are
 * streamed to disk, size-limited, and only read from an admin; every change is audited.
 */
public final class PluginsApi {

  private static final String UPLOAD_PATH = "/api/v1/plugins";

  private final PluginRuntime runtime;
  private final PluginDeployer deployer;
  private final ConnectorStore connectors;
  private final AuditLog audit;
  private final PluginAudit installs;

  /**
   * Creates the API.
   *
   * @param runtime the loaded plugins
   * @param deployer installs, upgrades and removes
   * @param connectors the connectors table, to show who uses a plugin
   * @param audit the audit log
   */
  public PluginsApi(PluginRuntime runtime, PluginDeployer deployer, ConnectorStore connectors,
      AuditLog audit) {
    this.runtime = runtime;
    this.deployer = deployer;
    this.connectors = connectors;
    this.audit = audit;
    this.installs = new PluginAudit(audit);
  }

  /**
   * Registers the operations.
   *
   * @param api the router
   */
  public void register(ApiRouter api) {
    api.handle("listPlugins", request -> usage().map(used -> Reply.ok(runtime.describe(used))))
        .handle("getPlugin", this::get)
        .handle("installPlugin", this::install)
        .handle("removePlugin", this::remove);
  }

  /**
   * Mounts the handler that reads upload bodies, before the API's general body handler: it
   * streams the jar into the plugins directory's {@code .incoming} folder, up to the plugin size
   * limit, and only for a caller who may install plugins. Anyone else gets the general, small
   * body limit, and the API answers 401 or 403 as for every operation.
   *
   * @param router the router
   * @param authenticator finds the caller
   * @param maxBytes the largest jar accepted
   */
  public void mountUpload(Router router, Authenticator authenticator, long maxBytes) {
    String incoming = runtime.directory().resolve(PluginRuntime.INCOMING).toString();
    BodyHandler body = BodyHandler.create(incoming).setBodyLimit(maxBytes)
        .setDeleteUploadedFilesOnEnd(true).setHandleFileUploads(true);
    String tooLarge = "The plugin jar is larger than the hub accepts: at most " + maxBytes
        + " bytes (SLX_PLUGIN_MAX_BYTES)";
    router.post(UPLOAD_PATH).handler(ctx -> {
      ctx.request().pause();
      authenticator.authenticate(ctx).onComplete(caller -> {
        if (caller.failed() || !caller.result().role().allows(Permission.CONFIGURE)) {
          ctx.request().resume();
          ctx.next();
          return;
        }
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBytes) {
          ctx.fail(ApiException.tooLarge(tooLarge));
          return;
        }
        ctx.put(Problems.TOO_LARGE, tooLarge);
        body.handle(ctx);
        ctx.request().resume();
      });
    });
  }

  private Future<Reply> get(ApiRequest request) {
    String id = request.path("pluginId");
    return usage().map(used -> runtime.plugin(id).map(p -> Reply.ok(runtime.describe(p, used)))
        .or(() -> runtime.describe(used).stream().map(JsonObject.class::cast)
            .filter(p -> id.equals(p.getString("id"))).findFirst().map(Reply::ok))
        .orElseThrow(() -> ApiException.notFound("No plugin " + id)));
  }

  private Future<Reply> install(ApiRequest request) {
    List<FileUpload> files = request.context().fileUploads().stream()
        .filter(f -> "file".equals(f.name())).toList();
    if (files.size() != 1) {
      ApiException missing = ApiException.badRequest("Send the plugin jar as "
          + "multipart/form-data, in one field named 'file'",
          List.of(new ApiException.FieldError("file", "missing")));
      return installs.refused(request.actor(), request.remoteAddress(), null, new JsonObject(),
          missing).compose(v -> Future.failedFuture(missing));
    }
    FileUpload upload = files.get(0);
    JsonObject detail = new JsonObject().put("file", upload.fileName()).put("size",
        upload.size());
    return deployer.install(Path.of(upload.uploadedFileName()), PluginDeployer.Origin.UPLOAD)
        .recover(e -> installs.refused(request.actor(), request.remoteAddress(), upload.fileName(),
                detail, e)
            .compose(v -> Future.failedFuture(problem(e))))
        .compose(outcome -> installs.installed(request.actor(), request.remoteAddress(), detail,
                outcome)
            .compose(v -> usage())
            .map(used -> {
              JsonObject json = runtime.describe(outcome.plugin(), used)
                  .put("previousVersion", outcome.previousVersion());
              return outcome.previousVersion() != null ? Reply.ok(json) : Reply.created(json);
            }));
  }

  private Future<Reply> remove(ApiRequest request) {
    String id = request.path("pluginId");
    boolean force = request.query("force").map(Boolean::parseBoolean).orElse(false);
    JsonObject detail = new JsonObject().put("force", force);
    return deployer.remove(id, force)
        .recover(e -> audit.record(request, "plugin.remove", id, false,
                detail.copy().put("reason", e.getMessage()))
            .compose(v -> Future.failedFuture(problem(e))))
        .compose(found -> {
          if (!found) {
            return audit.record(request, "plugin.remove", id, false,
                    detail.copy().put("reason", "no such plugin"))
                .compose(v -> Future.failedFuture(ApiException.notFound("No plugin " + id)));
          }
          return audit.record(request, "plugin.remove", id, true, detail)
              .map(v -> Reply.noContent());
        });
  }

  private static Throwable problem(Throwable e) {
    if (!(e instanceof PluginRefused refused)) {
      return e;
    }
    return switch (refused.kind()) {
      case CONFLICT, IN_USE -> ApiException.conflict(refused.getMessage());
      case INVALID, ROLLED_BACK -> ApiException.unprocessable(refused.getMessage(), List.of());
    };
  }

  /** The connectors (id, name, type) of each connector type. */
  private Future<Map<String, List<JsonObject>>> usage() {
    return connectors.list().map(all -> all.stream().collect(Collectors.groupingBy(
        ConnectorRecord::type, Collectors.mapping(r -> new JsonObject()
            .put("id", r.id().toString()).put("name", r.name()).put("type", r.type()),
            Collectors.toList()))));
  }
}
