package io.slxconnect.hub.plugins;

import io.slxconnect.hub.audit.AuditLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Puts the installs and upgrades of plugins into the audit log, the same way whether an admin
 * uploaded the jar or dropped it into the plugins directory.
 */
final class PluginAudit {

  /** The actor of what the plugins directory watcher did. */
  static final String DIRECTORY = "plugins-directory";

  private final AuditLog audit;

  PluginAudit(AuditLog audit) {
    this.audit = audit;
  }

  /** Records an install or upgrade that worked. */
  Future<Void> installed(String actor, String address, JsonObject detail,
      PluginDeployer.Outcome outcome) {
    LoadedPlugin plugin = outcome.plugin();
    return audit.record(actor, address, outcome.previousVersion() == null ? "plugin.install"
            : "plugin.upgrade", plugin.id(), true, detail.copy()
            .put("version", plugin.jar().version()).put("sha256", plugin.jar().sha256())
            .put("previousVersion", outcome.previousVersion())
            .put("connectorsRestarted", outcome.restarted()));
  }

  /** Records a jar that was refused, or an upgrade that was rolled back. */
  Future<Void> refused(String actor, String address, String file, JsonObject detail,
      Throwable reason) {
    return audit.record(actor, address, "plugin.install", file, false,
        detail.copy().put("reason", reason.getMessage()));
  }
}
