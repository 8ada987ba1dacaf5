package io.slxconnect.hub.demo;

import io.slxconnect.hub.audit.AuditLog;
import io.slxconnect.hub.connectors.ConnectorSettings;
import io.slxconnect.hub.plugins.InstalledType;
import io.slxconnect.hub.plugins.PluginRuntime;
import io.slxconnect.hub.store.ConnectorPolicy;
import io.slxconnect.hub.store.ConnectorPolicy.Direction;
import io.slxconnect.hub.store.ConnectorPolicy.TargetOperation;
import io.slxconnect.hub.store.ConnectorRecord;
import io.slxconnect.hub.store.ConnectorStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the hub has a connector named "Demo directory" that reaches the demo directory:
 * created at first start, and its connection settings brought up to date at every start (the
 * port may differ, and the password and certificate are made again when their files were
 * deleted). Settings go through the same validation and secret sealing as a connector an admin
 * saves, and every change is in the audit log, done by the system (no actor).
 *
 * <p>It runs before the hub starts its connectors, which then start this one like any other.
 * What the admin changed beyond the connection (a stopped connector, the provisioning policy,
 * a page size) is kept.
 */
public final class DemoConnector {

  /** The connector's name. */
  public static final String NAME = "Demo directory";
  /** The connector type it needs, from the LDAP plugin. */
  public static final String TYPE = "ldap";
  /** The type's only secret; named here for when the plugin is missing and cannot say so. */
  private static final String BIND_PASSWORD = "bindPassword";

  private static final Logger LOG = LoggerFactory.getLogger(DemoConnector.class);

  private final PluginRuntime plugins;
  private final ConnectorStore store;
  private final ConnectorSettings settings;
  private final AuditLog audit;

  /**
   * Creates the helper.
   *
   * @param plugins the installed connector types
   * @param store the connectors table
   * @param settings validation and sealing of settings
   * @param audit the audit log
   */
  public DemoConnector(PluginRuntime plugins, ConnectorStore store, ConnectorSettings settings,
      AuditLog audit) {
    this.plugins = plugins;
    this.store = store;
    this.settings = settings;
    this.audit = audit;
  }

  /**
   * Creates or updates the connector.
   *
   * @param directory the running demo directory
   * @return completes when the connector is stored
   */
  public Future<Void> ensure(DemoDirectory directory) {
    Optional<InstalledType> type = plugins.type(TYPE);
    if (type.isEmpty()) {
      LOG.warn("The demo directory runs, but the '{}' connector type is not installed (no "
          + "slx-plugin-ldap.jar in the plugins folder), so the '{}' connector cannot reach it "
          + "and shows 'type not installed'. Put the LDAP plugin in the plugins folder and "
          + "restart.", TYPE, NAME);
    }
    return store.list()
        .map(all -> all.stream().filter(r -> NAME.equals(r.name())).findFirst())
        .compose(existing -> existing.isPresent()
            ? update(existing.get(), type, directory)
            : create(type, directory));
  }

  private Future<Void> create(Optional<InstalledType> type, DemoDirectory directory) {
    UUID id = UUID.randomUUID();
    ConnectorSettings.Prepared prepared = prepare(type, connection(directory), new JsonObject());
    ConnectorPolicy policy = policy();
    return store.insert(id, NAME, TYPE, true, prepared.settings(),
            settings.seal(id, prepared.secrets()), prepared.secretNames(), policy)
        .compose(created -> {
          if (created.isEmpty()) {
            return Future.succeededFuture(); // made meanwhile by another hub on this database
          }
          return audit.record(null, null, "connector.created", target(created.get()), true,
              new JsonObject().put("type", TYPE).put("settings", created.get().settings())
                  .put("provisioning", policy.toJson())
                  .put("secretsSet", new JsonArray(prepared.secretNames()))
                  .put("reason", "SLX_DEMO_DIRECTORY"));
        });
  }

  private Future<Void> update(ConnectorRecord current, Optional<InstalledType> type,
      DemoDirectory directory) {
    if (!TYPE.equals(current.type())) {
      LOG.warn("A connector named '{}' exists with type '{}', not '{}'; it is left alone. "
          + "Rename it to get the demo directory connected.", NAME, current.type(), TYPE);
      return Future.succeededFuture();
    }
    JsonObject storedSecrets = settings.openOrEmpty(current.id(), current.sealedSecrets());
    // The admin's other settings stay; the connection is the demo directory's, always.
    JsonObject submitted = current.settings().copy().mergeIn(connection(directory));
    ConnectorSettings.Prepared prepared = prepare(type, submitted, storedSecrets);
    boolean changed = !prepared.settings().equals(current.settings())
        || !prepared.secrets().equals(storedSecrets);
    Future<Void> forget = directory.generated()
        // New content, new entryUUIDs and change numbers: the old checkpoint means nothing.
        ? store.deleteCheckpoint(current.id()).mapEmpty()
        : Future.succeededFuture();
    if (!changed) {
      return forget;
    }
    return forget.compose(v -> store.update(current.id(), current.name(), prepared.settings(),
            settings.seal(current.id(), prepared.secrets()), prepared.secretNames(),
            current.policy()))
        .compose(updated -> audit.record(null, null, "connector.updated", target(current), true,
            new JsonObject().put("settings", prepared.settings())
                .put("provisioning", current.policy().toJson())
                .put("secretsChanged", new JsonArray(prepared.secrets().equals(storedSecrets)
                    ? java.util.List.of() : prepared.secretNames()))
                .put("reason", "SLX_DEMO_DIRECTORY")));
  }

  /**
   * Validates against the type's schema when the plugin is there. Without it nothing can be
   * validated, but the connector is still stored (so the console shows it, and why it does
   * not run), with the password sealed like any secret.
   */
  private ConnectorSettings.Prepared prepare(Optional<InstalledType> type, JsonObject submitted,
      JsonObject storedSecrets) {
    if (type.isPresent()) {
      return settings.prepare(type.get(), submitted, storedSecrets);
    }
    JsonObject plain = submitted.copy();
    JsonObject secrets = new JsonObject().put(BIND_PASSWORD, plain.remove(BIND_PASSWORD));
    return new ConnectorSettings.Prepared(plain, secrets);
  }

  /** The settings that make the connector reach this directory. */
  private static JsonObject connection(DemoDirectory directory) {
    return new JsonObject()
        .put("urls", new JsonArray().add(directory.url()))
        .put("security", "ldaps")
        .put("trustedCertificate", directory.certificatePem())
        .put("verifyHostname", true)
        .put("bindDn", DemoDirectory.SERVICE_DN)
        .put(BIND_PASSWORD, directory.servicePassword())
        .put("userBaseDn", DemoDirectory.PEOPLE)
        .put("groupBaseDn", DemoDirectory.GROUPS)
        .put("directoryType", "ldap")
        .put("disabledAttribute", "nsAccountLock")
        .put("disabledValue", "TRUE")
        // The in-memory server offers its changelog, read every second: changes show at once.
        .put("pollIntervalSeconds", 1);
  }

  /** Source and target, so the demo shows imports, changes and provisioning alike. */
  private static ConnectorPolicy policy() {
    return new ConnectorPolicy(Direction.BOTH, EnumSet.of(TargetOperation.CREATE,
        TargetOperation.UPDATE, TargetOperation.DISABLE, TargetOperation.DELETE,
        TargetOperation.PASSWORD, TargetOperation.GROUPS), ConnectorPolicy.Correlation.USER_NAME);
  }

  private static String target(ConnectorRecord r) {
    return "connector:" + r.id() + " (" + r.name() + ")";
  }
}
