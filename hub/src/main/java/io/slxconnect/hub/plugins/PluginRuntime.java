package io.slxconnect.hub.plugins;

import io.slxconnect.api.ApiVersion;
import io.slxconnect.api.Capability;
import io.slxconnect.api.ConnectorType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loaded connector plugins (PF4J) and the connector types they provide. The hub's system
 * version is the plugin API version. Classes load from a private copy of each jar, never from
 * the plugins directory itself, so a jar replaced there in place cannot break a live class
 * loader. Loading and unloading are blocking (file I/O, class loading): the
 * {@link PluginDeployer} calls them on a worker, one operation at a time; reads are safe from
 * any thread.
 */
public final class PluginRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PluginRuntime.class);
  /** Where uploads arrive, inside the plugins directory so that placing them is a rename. */
  public static final String INCOMING = ".incoming";

  private final Path directory;
  private final Path cache;
  private final PluginIntegrity integrity;
  private final PluginManager manager;
  private final Map<String, LoadedPlugin> plugins = new ConcurrentHashMap<>();
  private final Map<String, InstalledType> types = new ConcurrentHashMap<>();
  /** Plugins being upgraded or removed: their types are not handed out meanwhile. */
  private final Set<String> busy = ConcurrentHashMap.newKeySet();
  /** Why the last operation on an installed plugin failed (a rolled-back upgrade). */
  private final Map<String, String> errors = new ConcurrentHashMap<>();
  /** Jars refused, by file name in the plugins directory. */
  private final Map<String, Refusal> refused = new ConcurrentHashMap<>();

  /** A jar the hub did not load, and why. */
  private record Refusal(String file, PluginJar jar, String error) {
  }

  /**
   * Creates the runtime; nothing is loaded yet.
   *
   * @param directory the plugins directory admins drop jars into
   * @param cache a directory of the hub's own for the copies classes load from; emptied at
   *     start
   * @param integrity the checksums and certificates jars must match, if any
   */
  public PluginRuntime(Path directory, Path cache, PluginIntegrity integrity) {
    this.directory = directory;
    this.cache = cache;
    this.integrity = integrity;
    this.manager = manager(cache);
  }

  private static PluginManager manager(Path root) {
    PluginManager pf4j = new DefaultPluginManager(root);
    pf4j.setSystemVersion(ApiVersion.CURRENT);
    return pf4j;
  }

  /** @return the plugins directory */
  public Path directory() {
    return directory;
  }

  /** @return the checksums and certificates jars must match */
  public PluginIntegrity integrity() {
    return integrity;
  }

  /**
   * Loads the plugin jars of the directory, the highest version of each plugin. Blocking: call
   * at start, before the HTTP server accepts requests.
   */
  public void loadAll() {
    try {
      Files.createDirectories(cache);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot prepare the plugin cache " + cache + ": "
          + e.getMessage(), e);
    }
    emptyDirectory(cache);
    if (!Files.isDirectory(directory)) {
      LOG.warn("Plugins directory {} does not exist; no connector types are installed",
          directory);
      return;
    }
    emptyDirectory(directory.resolve(INCOMING));
    Map<String, List<Staged>> versions = new LinkedHashMap<>();
    for (Path file : jars(directory)) {
      try {
        Staged staged = stage(file);
        versions.computeIfAbsent(staged.jar().id(), id -> new ArrayList<>()).add(staged);
      } catch (PluginRefused e) {
        refuse(file, null, e.getMessage());
      }
    }
    for (List<Staged> candidates : versions.values()) {
      candidates.sort(Comparator.<Staged, PluginJar>comparing(Staged::jar,
          PluginJar::compareVersion).reversed());
      Staged newest = candidates.get(0);
      try {
        load(newest);
      } catch (PluginRefused e) {
        discard(newest);
        refuse(newest.jar().path(), newest.jar(), e.getMessage());
      }
      candidates.stream().skip(1).forEach(older -> {
        discard(older);
        refuse(older.jar().path(), older.jar(), "Version " + newest.jar().version() + " of "
            + newest.jar().id() + " in " + newest.jar().path().getFileName()
            + " is newer; delete this jar");
      });
    }
    LOG.info("Connector types installed: {} (plugin integrity check: {})", types.keySet(),
        integrity.describe());
  }

  /**
   * The jar files directly in a directory.
   *
   * @param dir the directory
   * @return its {@code .jar} files, sorted
   */
  static List<Path> jars(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jar")
          && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      LOG.error("Cannot list plugins directory {}", dir, e);
      return List.of();
    }
  }

  /**
   * A jar copied to the hub's private folder and checked there: every later step reads these
   * bytes, so a file changed in the plugins directory meanwhile cannot slip past the checks.
   *
   * @param jar the jar's manifest; its path is the file in the plugins directory
   * @param copy the private copy
   */
  public record Staged(PluginJar jar, Path copy) {
  }

  /**
   * Copies a jar to the hub's private folder, then reads its manifest and checks the integrity
   * rules on that copy. Blocking.
   *
   * @param file the jar in the plugins directory (or an upload)
   * @return the checked copy
   * @throws PluginRefused when it is not a plugin this hub may load; the copy is gone then
   */
  public Staged stage(Path file) throws PluginRefused {
    Path copy = cache.resolve(UUID.randomUUID() + ".jar");
    try {
      Files.createDirectories(cache);
      Files.copy(file, copy);
    } catch (IOException e) {
      throw PluginRefused.invalid("The jar cannot be read: " + e.getMessage());
    }
    try {
      return new Staged(PluginJar.read(copy, integrity).at(file), copy);
    } catch (PluginRefused e) {
      deleteQuietly(copy);
      throw e;
    }
  }

  /**
   * Loads and starts a staged plugin and registers its connector types. Blocking. No other
   * version of the plugin may be loaded.
   *
   * @param staged the checked copy
   * @return the running plugin
   * @throws PluginRefused when it cannot load, provides no usable type, or a type clashes
   */
  public LoadedPlugin load(Staged staged) throws PluginRefused {
    return register(staged.jar(), staged.copy());
  }

  /**
   * Loads a plugin that was unloaded again, from its private copy: the rollback of an upgrade.
   * Blocking.
   *
   * @param unloaded the plugin as it was loaded before
   * @return the running plugin
   * @throws PluginRefused when it no longer loads
   */
  public LoadedPlugin reload(LoadedPlugin unloaded) throws PluginRefused {
    return register(unloaded.jar(), unloaded.loadedFrom());
  }

  private LoadedPlugin register(PluginJar jar, Path copy) throws PluginRefused {
    List<InstalledType> provided = start(manager, jar, copy);
    for (InstalledType type : provided) {
      InstalledType clash = types.get(type.id());
      if (clash != null) {
        stop(manager, jar.id());
        throw PluginRefused.invalid("Connector type '" + type.id()
            + "' is already provided by plugin " + clash.pluginId());
      }
    }
    provided.forEach(t -> types.put(t.id(), t));
    LoadedPlugin loaded = new LoadedPlugin(jar, copy, provided, Instant.now());
    plugins.put(jar.id(), loaded);
    refused.remove(jar.path().getFileName().toString());
    LOG.info("Loaded plugin {} {} from {} with connector types {}", jar.id(), jar.version(),
        jar.path().getFileName(), loaded.typeIds());
    return loaded;
  }

  /**
   * Loads a jar in a plugin manager of its own and unloads it again, to find out whether it
   * would load here, without touching the running plugins. Blocking.
   *
   * @param staged the checked copy
   * @param scratch an empty directory for the trial's copy
   * @return the ids of the connector types it provides
   * @throws PluginRefused when it would not load
   */
  public static List<String> trial(Staged staged, Path scratch) throws PluginRefused {
    PluginManager trial = manager(scratch);
    Path copy = scratch.resolve("trial.jar");
    PluginJar jar = staged.jar();
    try {
      Files.createDirectories(scratch);
      Files.copy(staged.copy(), copy, StandardCopyOption.REPLACE_EXISTING);
      List<InstalledType> provided = start(trial, jar, copy);
      stop(trial, jar.id());
      return provided.stream().map(InstalledType::id).toList();
    } catch (IOException e) {
      throw PluginRefused.invalid("The jar cannot be copied for a trial load: "
          + e.getMessage());
    } finally {
      deleteQuietly(copy);
    }
  }

  private static List<InstalledType> start(PluginManager pf4j, PluginJar jar, Path copy)
      throws PluginRefused {
    String loadedId;
    try {
      loadedId = pf4j.loadPlugin(copy);
    } catch (RuntimeException | LinkageError e) {
      forget(pf4j, copy);
      throw PluginRefused.invalid("Plugin " + jar.id() + " " + jar.version()
          + " cannot be loaded: " + e.getMessage());
    }
    PluginWrapper plugin = pf4j.getPlugin(loadedId);
    if (!jar.id().equals(loadedId)
        || !jar.version().equals(plugin.getDescriptor().getVersion())) {
      // A plugin.properties in the jar overrides the manifest: the hub would lose track of it.
      stop(pf4j, loadedId);
      throw PluginRefused.invalid("Plugin " + jar.id() + " " + jar.version() + " loads as "
          + loadedId + " " + plugin.getDescriptor().getVersion() + " (plugin.properties?); "
          + "describe the plugin in the manifest only");
    }
    PluginState state;
    try {
      state = pf4j.startPlugin(loadedId);
    } catch (RuntimeException | LinkageError e) {
      stop(pf4j, loadedId);
      throw PluginRefused.invalid("Plugin " + jar.id() + " " + jar.version()
          + " failed to start: " + e);
    }
    if (state != PluginState.STARTED) {
      Throwable failure = plugin.getFailedException();
      stop(pf4j, loadedId);
      throw PluginRefused.invalid("Plugin " + jar.id() + " " + jar.version()
          + " failed to start: " + (failure == null ? state : failure.toString()));
    }
    List<InstalledType> provided = new ArrayList<>();
    try {
      for (ConnectorType type : pf4j.getExtensions(ConnectorType.class, loadedId)) {
        provided.add(installedType(type, jar));
      }
    } catch (RuntimeException | LinkageError e) {
      stop(pf4j, loadedId);
      throw PluginRefused.invalid("Plugin " + jar.id() + " " + jar.version()
          + ": its connector types cannot be loaded: " + e);
    }
    if (provided.isEmpty()) {
      stop(pf4j, loadedId);
      throw PluginRefused.invalid("Plugin " + jar.id() + " " + jar.version()
          + " declares no connector type (is META-INF/extensions.idx in the jar?)");
    }
    return provided;
  }

  /** Unloads whatever PF4J registered for a jar whose load failed half way. */
  private static void forget(PluginManager pf4j, Path copy) {
    pf4j.getPlugins().stream().filter(p -> copy.equals(p.getPluginPath()))
        .map(PluginWrapper::getPluginId).toList()
        .forEach(pf4j::unloadPlugin);
  }

  private static void stop(PluginManager pf4j, String pluginId) {
    try {
      pf4j.stopPlugin(pluginId);
    } catch (RuntimeException e) {
      LOG.warn("Plugin {} failed to stop: {}", pluginId, e.toString());
    }
    pf4j.unloadPlugin(pluginId);
  }

  private static InstalledType installedType(ConnectorType type, PluginJar jar) {
    String id = type.id();
    if (id == null || !id.matches("[a-z][a-z0-9-]{1,39}")) {
      throw new IllegalStateException("Connector type id '" + id + "' is not a lower-case name");
    }
    JsonObject schema = type.settingsSchema();
    if (hasNestedSecret(schema, 0)) {
      throw new IllegalStateException("Connector type '" + id + "' marks a nested setting "
          + "writeOnly; the hub encrypts only top-level secrets, so it refuses the type");
    }
    Set<Capability> capabilities = type.capabilities();
    return new InstalledType(type, id, type.displayName(), type.description(), schema.copy(),
        capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities),
        jar.id(), jar.version());
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

  /**
   * Stops and unloads a plugin and forgets its types. Its private copy stays until
   * {@link #discard}, so that it can be loaded again. Blocking.
   *
   * @param pluginId the plugin
   * @return the plugin as it was, or empty when it was not loaded
   */
  public Optional<LoadedPlugin> unload(String pluginId) {
    LoadedPlugin loaded = plugins.remove(pluginId);
    if (loaded == null) {
      return Optional.empty();
    }
    loaded.typeIds().forEach(types::remove);
    stop(manager, pluginId);
    LOG.info("Unloaded plugin {} {}", pluginId, loaded.jar().version());
    return Optional.of(loaded);
  }

  /**
   * Deletes the private copy of a plugin that is no longer loaded. Blocking.
   *
   * @param unloaded the plugin
   */
  public void discard(LoadedPlugin unloaded) {
    deleteQuietly(unloaded.loadedFrom());
  }

  /**
   * Deletes the private copy of a jar that was not loaded. Blocking.
   *
   * @param staged the copy
   */
  public void discard(Staged staged) {
    deleteQuietly(staged.copy());
  }

  /** Deletes the files of a directory: copies of an earlier run, uploads cut off by a stop. */
  private static void emptyDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(Files::isRegularFile).forEach(PluginRuntime::deleteQuietly);
    } catch (IOException e) {
      LOG.warn("Cannot empty {}: {}", dir, e.getMessage());
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Cannot delete {}: {}", file, e.getMessage());
    }
  }

  /**
   * Marks a plugin busy (upgrading, removing) or done; a busy plugin's types are not handed out,
   * so no connector starts on a version that is going away.
   *
   * @param pluginId the plugin
   * @param isBusy whether an operation runs on it
   */
  public void busy(String pluginId, boolean isBusy) {
    if (isBusy) {
      busy.add(pluginId);
    } else {
      busy.remove(pluginId);
    }
  }

  /**
   * Records why the last operation on an installed plugin failed, or clears it.
   *
   * @param pluginId the plugin
   * @param error the reason, or {@code null} to clear
   */
  public void error(String pluginId, String error) {
    if (error == null) {
      errors.remove(pluginId);
    } else {
      errors.put(pluginId, error);
    }
  }

  /**
   * Records a jar of the plugins directory that was not loaded, with the reason.
   *
   * @param file the jar
   * @param jar its manifest, when it could be read
   * @param error the reason
   */
  public void refuse(Path file, PluginJar jar, String error) {
    LOG.error("Plugin jar {} refused: {}", file.getFileName(), error);
    String name = file.getFileName().toString();
    refused.put(name, new Refusal(name, jar, error));
  }

  /**
   * Forgets a refused jar (it was deleted or replaced).
   *
   * @param file the jar
   */
  public void forgetRefusal(Path file) {
    refused.remove(file.getFileName().toString());
  }

  /**
   * Deletes a refused jar from the plugins directory. Blocking.
   *
   * @param idOrFile the plugin id in its manifest, or its file name
   * @return whether there was such a jar
   */
  public boolean removeRefused(String idOrFile) {
    Optional<Refusal> refusal = refused.values().stream()
        .filter(r -> r.file().equals(idOrFile)
            || r.jar() != null && r.jar().id().equals(idOrFile))
        .findFirst();
    refusal.ifPresent(r -> {
      deleteQuietly(directory.resolve(r.file()));
      refused.remove(r.file());
    });
    return refusal.isPresent();
  }

  /**
   * Whether a jar of the plugins directory was loaded or refused.
   *
   * @param file the jar
   * @return {@code true} when it is a loaded plugin's jar or a refused one
   */
  public boolean accountedFor(Path file) {
    return refused.containsKey(file.getFileName().toString())
        || plugins.values().stream().anyMatch(p -> p.jar().path().equals(file));
  }

  /**
   * A loaded plugin.
   *
   * @param pluginId its id
   * @return the plugin, or empty
   */
  public Optional<LoadedPlugin> plugin(String pluginId) {
    return Optional.ofNullable(plugins.get(pluginId));
  }

  /** @return every loaded plugin */
  public Collection<LoadedPlugin> plugins() {
    return plugins.values();
  }

  /**
   * A connector type by id.
   *
   * @param id the type id
   * @return the type, or empty when no loaded plugin provides it or its plugin is being upgraded
   */
  public Optional<InstalledType> type(String id) {
    return Optional.ofNullable(types.get(id)).filter(t -> !busy.contains(t.pluginId()));
  }

  /** @return every installed connector type */
  public Collection<InstalledType> types() {
    return types.values().stream().filter(t -> !busy.contains(t.pluginId())).toList();
  }

  /** @return how many plugin jars were refused, and installed plugins with an error */
  public long failedCount() {
    return refused.size() + errors.size();
  }

  /**
   * The plugins as the API shows them: loaded ones, then refused jars.
   *
   * @param connectorsOfType the connectors (id, name, type) using each type id
   * @return the list
   */
  public JsonArray describe(Map<String, List<JsonObject>> connectorsOfType) {
    JsonArray list = new JsonArray();
    plugins.values().stream().sorted(Comparator.comparing(LoadedPlugin::id))
        .forEach(p -> list.add(describe(p, connectorsOfType)));
    refused.values().stream().sorted(Comparator.comparing(Refusal::file))
        .forEach(r -> list.add(describe(r)));
    return list;
  }

  /**
   * One loaded plugin as the API shows it.
   *
   * @param loaded the plugin
   * @param connectorsOfType the connectors (id, name, type) using each type id
   * @return the description
   */
  public JsonObject describe(LoadedPlugin loaded, Map<String, List<JsonObject>> connectorsOfType) {
    return manifest(loaded.jar())
        .put("state", busy.contains(loaded.id()) ? "UPGRADING" : "STARTED")
        .put("file", loaded.jar().path().getFileName().toString())
        .put("loadedAt", loaded.loadedAt().toString())
        .put("error", errors.get(loaded.id()))
        .put("connectorTypes", new JsonArray(loaded.typeIds()))
        .put("connectors", new JsonArray(loaded.typeIds().stream()
            .flatMap(t -> connectorsOfType.getOrDefault(t, List.of()).stream())
            .collect(Collectors.toList())));
  }

  private static JsonObject describe(Refusal refusal) {
    JsonObject json = refusal.jar() == null ? new JsonObject().put("id", refusal.file())
        : manifest(refusal.jar());
    return json.put("state", "FAILED").put("file", refusal.file()).put("error", refusal.error())
        .put("connectorTypes", new JsonArray()).put("connectors", new JsonArray());
  }

  private static JsonObject manifest(PluginJar jar) {
    return new JsonObject().put("id", jar.id()).put("version", jar.version())
        .put("provider", jar.provider()).put("description", jar.description())
        .put("requires", jar.requires()).put("sha256", jar.sha256()).put("size", jar.size());
  }

  @Override
  public void close() {
    manager.stopPlugins();
    manager.unloadPlugins();
  }
}
