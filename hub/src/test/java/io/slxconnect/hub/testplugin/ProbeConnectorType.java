package io.slxconnect.hub.testplugin;

import io.slxconnect.api.Capability;
import io.slxconnect.api.ConnectionReport;
import io.slxconnect.api.ConnectorContext;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.api.ConnectorType;
import io.slxconnect.hub.testplugin.shared.PluginLoaders;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * A connector type packed into a plugin jar by the tests, to drive the hub's plugin runtime
 * through what real plugins may do: receive push requests on its hook route, or misbehave
 * (throw instead of failing a future, never answer).
 */
public class ProbeConnectorType implements ConnectorType {

  /** A resource whose presence in the plugin jar makes every start fail: a broken build. */
  public static final String BROKEN_MARKER = "io/slxconnect/hub/testplugin/BROKEN";

  /** A resource whose presence makes creating the type hang: a plugin that never loads. */
  public static final String HANGS_MARKER = "io/slxconnect/hub/testplugin/HANGS";

  /** Records this plugin version's class loader, so tests can check it is collected. */
  public ProbeConnectorType() {
    PluginLoaders.seen(getClass());
    if (getClass().getClassLoader().getResource(HANGS_MARKER) != null) {
      // The misbehaviour under test; bounded so the stuck thread ends with the test run.
      LockSupport.parkNanos(Duration.ofSeconds(10).toNanos());
    }
  }

  @Override
  public String id() {
    return "probe";
  }

  @Override
  public String displayName() {
    return "Probe";
  }

  @Override
  public String description() {
    return "Test connector";
  }

  @Override
  public JsonObject settingsSchema() {
    return new JsonObject("""
        {"type": "object", "additionalProperties": false, "required": ["mode"],
         "properties": {
           "mode": {"enum": ["ok", "throw", "hang", "block"]},
           "token": {"type": "string", "writeOnly": true}}}
        """);
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of();
  }

  @Override
  public ConnectorInstance create(ConnectorContext context) {
    return new ProbeInstance(context);
  }

  /** Behaves as its {@code mode} setting says. */
  static final class ProbeInstance implements ConnectorInstance {
    private final ConnectorContext context;

    ProbeInstance(ConnectorContext context) {
      this.context = context;
    }

    @Override
    public Future<Void> start() {
      String mode = context.settings().getString("mode");
      if ("throw".equals(mode)) {
        throw new IllegalStateException("boom from the probe plugin");
      }
      if ("hang".equals(mode)) {
        return Promise.<Void>promise().future();
      }
      if ("block".equals(mode)) {
        // The misbehaviour under test: holding the event loop instead of returning a future.
        LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
        return Future.succeededFuture();
      }
      if (getClass().getClassLoader().getResource(BROKEN_MARKER) != null) {
        return Future.failedFuture(new ConnectorException(ConnectorException.Reason.FAILED,
            "this build of the probe plugin is broken"));
      }
      String token = context.settings().getString("token");
      context.onHookRequest(request -> {
        if (!token.equals(request.getHeader("X-Probe-Token"))) {
          request.response().setStatusCode(403).end();
          return;
        }
        request.body().onSuccess(body -> request.response().end(
            "probe " + context.instanceId() + " got " + body));
      });
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> stop() {
      return Future.succeededFuture();
    }

    @Override
    public Future<ConnectionReport> test() {
      return Future.succeededFuture(new ConnectionReport(
          List.of(ConnectionReport.Step.ok("probe", "always reachable")), Map.of()));
    }
  }
}
