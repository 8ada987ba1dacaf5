package io.slxconnect.hub.plugins;

import io.slxconnect.api.ApiVersion;
import io.slxconnect.api.ConnectorType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads connector plugins (PF4J jars) from the plugins directory. The hub's system version is
 * the plugin API version, so a plugin whose {@code Plugin-Requires} does not accept it is
 * refused. A broken or incompatible jar is reported (log and API) and skipped; it never stops
 * the hub.
 */
public final class PluginRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PluginRuntime.class);

  private final Path directory;
  private final PluginManager manager;
  private final Map<String, PluginReport> reports = new LinkedHashMap<>();
  private final Map<String, InstalledType> types = new ConcurrentHashMap<>();

  /**
   * Creates the runtime; nothing is loaded yet.
   *
   * @param directory the plugins directory
   */
  public PluginRuntime(Path directory) {
    this.directory = directory;
    this.manager = new DefaultPluginManager(directory);
    this.manager.setSystemVersion(ApiVersion.CURRENT);
  }

  /**
   * Loads and starts every plugin jar in the directory. Blocking (file I/O, class loading):
   * call it at start, before the HTTP server accepts requests.
   */
  public void loadAll() {
    if (!Files.isDirectory(directory)) {
      LOG.warn("Plugins directory {} does not exist; no connector types are installed",
          directory);
      return;
    }
    for (Path jar : jars()) {
      load(jar);
    }
    LOG.info("Connector types installed: {}", types.keySet());
  }

  private List<Path> jars() {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      LOG.error("Cannot list plugins directory {}", directory, e);
      return List.of();
    }
  }

  private void load(Path jar) {
    String file = jar.getFileName().toString();
    String pluginId;
    try {
      pluginId = manager.loadPlugin(jar);
    } catch (RuntimeException e) {
      refuse(file, null, "Not a valid plugin: " + e.getMessage());
      return;
    }
    PluginWrapper plugin = manager.getPlugin(pluginId);
    String requires = plugin.getDescriptor().getRequires();
    if (plugin.getPluginState() == PluginState.DISABLED) {
      refuse(file, plugin, "Requires plugin API " + requires + " but this hub provides "
          + ApiVersion.CURRENT + "; install a version of the plugin built for API "
          + ApiVersion.CURRENT.split("\\.")[0] + ".x");
      manager.unloadPlugin(pluginId);
      return;
    }
    PluginState state = manager.startPlugin(pluginId);
    if (state != PluginState.STARTED) {
      Throwable failure = plugin.getFailedException();
      refuse(file, plugin, "Failed to start: " + (failure == null ? state : failure.toString()));
      manager.unloadPlugin(pluginId);
      return;
    }
    List<String> typeIds = new ArrayList<>();
    String error = null;
    try {
      for (ConnectorType type : manager.getExtensions(ConnectorType.class, pluginId)) {
        InstalledType installed = describe(type, plugin);
        InstalledType clash = types.putIfAbsent(installed.id(), installed);
        if (clash != null) {
          error = "Connector type '" + installed.id() + "' is already provided by plugin "
              + clash.pluginId();
        } else {
          typeIds.add(installed.id());
        }
      }
    } catch (RuntimeException | LinkageError e) {
      error = "Its connector types cannot be loaded: " + e;
    }
    if (typeIds.isEmpty() && error == null) {
      error = "Declares no connector type (is META-INF/extensions.idx in the jar?)";
    }
    if (error != null) {
      LOG.error("Plugin {} ({}): {}", pluginId, file, error);
    }
    reports.put(file, new PluginReport(plugin, file, error, typeIds));
    LOG.info("Loaded plugin {} {} from {} with connector types {}", pluginId,
        plugin.getDescriptor().getVersion(), file, typeIds);
  }

  private static InstalledType describe(ConnectorType type, PluginWrapper plugin) {
    String id = type.id();
    if (id == null || !id.matches("[a-z][a-z0-9-]{1,39}")) {
      throw new IllegalStateException("Connector type id '" + id + "' is not a lower-case name");
    }
    JsonObject schema = type.settingsSchema();
    if (hasNestedSecret(schema, 0)) {
      throw new IllegalStateException("Connector type '" + id + "' marks a nested setting "
          + "writeOnly; the hub encrypts only top-level secrets, so it refuses the type");
    }
    var capabilities = type.capabilities();
    return new InstalledType(type, id, type.displayName(), type.description(),
        type.settingsSchema().copy(),
        capabilities.isEmpty() ? EnumSet.noneOf(io.slxconnect.api.Capability.class)
            : EnumSet.copyOf(capabilities),
        plugin.getPluginId(), plugin.getDescriptor().getVersion());
  }

  /** Whether a writeOnly (secret) marker appears below the top-level properties. */
  private static boolean hasNestedSecret(Object node, int depth) {
    if (node instanceof JsonObject object) {
      if (depth > 2 && object.getBoolean("writeOnly", false)) {
        return true;
      }
      return object.fieldNames().stream().anyMatch(f -> hasNestedSecret(object.getValue(f),
          depth + 1));
    }
    if (node instanceof JsonArray array) {
      return array.stream().anyMatch(v -> hasNestedSecret(v, depth + 1));
    }
    return false;
  }

  private void refuse(String file, PluginWrapper plugin, String error) {
    LOG.error("Plugin jar {} refused: {}", file, error);
    reports.put(file, new PluginReport(plugin, file, error, List.of()));
  }

  /**
   * A connector type by id.
   *
   * @param id the type id
   * @return the type, or empty when no loaded plugin provides it
   */
  public Optional<InstalledType> type(String id) {
    return Optional.ofNullable(types.get(id));
  }

  /** @return every installed connector type */
  public Collection<InstalledType> types() {
    return types.values();
  }

  /** @return every plugin jar found, loaded or refused, as the API shows them */
  public JsonArray describePlugins() {
    JsonArray list = new JsonArray();
    reports.values().forEach(r -> list.add(r.toJson()));
    return list;
  }

  /** @return how many plugin jars were refused or are broken */
  public long failedCount() {
    return reports.values().stream().filter(r -> r.error() != null).count();
  }

  @Override
  public void close() {
    manager.stopPlugins();
    manager.unloadPlugins();
  }

  /** What became of one jar. */
  private record PluginReport(PluginWrapper plugin, String file, String error,
      List<String> connectorTypes) {

    JsonObject toJson() {
      JsonObject json = new JsonObject().put("file", file).put("error", error)
          .put("connectorTypes", new JsonArray(connectorTypes));
      if (plugin == null) {
        return json.put("id", file).put("state", "FAILED");
      }
      var d = plugin.getDescriptor();
      return json.put("id", d.getPluginId())
          .put("version", d.getVersion())
          .put("provider", d.getProvider())
          .put("description", d.getPluginDescription())
          .put("requires", d.getRequires())
          .put("state", error == null ? plugin.getPluginState().name() : "FAILED");
    }
  }
}
