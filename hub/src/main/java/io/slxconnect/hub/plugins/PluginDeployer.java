package io.slxconnect.hub.plugins;

import io.slxconnect.hub.connectors.ConnectorRuntime;
import io.slxconnect.hub.connectors.ConnectorState;
import io.slxconnect.hub.pipeline.Targets;
import io.slxconnect.hub.store.ConnectorRecord;
import io.slxconnect.hub.store.ConnectorStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs, upgrades and removes plugins while the hub runs, one operation at a time.
 *
 * <p>An upgrade stops the plugin's connector instances (each has committed its last batch
 * and checkpoint), unloads the old version, loads the new one and starts the instances again;
 * each watch resumes from its committed checkpoint, so changes made meanwhile arrive late but
 * are not lost. If the new version does not load, or an instance that ran before does not start
 * on it, the old version is loaded again and its instances restarted: the upgrade is rolled
 * back. A jar is first loaded on trial, in a plugin manager of its own, so most broken jars are
 * refused before any connector stops.
 */
public final class PluginDeployer {

  private static final Logger LOG = LoggerFactory.getLogger(PluginDeployer.class);

  /** Where a jar comes from: it decides what happens to the file when it is refused. */
  public enum Origin {
    /** Uploaded through the API: placed as {@code <id>-<version>.jar}, deleted if refused. */
    UPLOAD,
    /** Dropped into the plugins directory: left there, or set aside if its upgrade failed. */
    DIRECTORY
  }

  /**
   * What an install did.
   *
   * @param plugin the plugin now running
   * @param previousVersion the version it replaced, or {@code null} for a new plugin
   * @param restarted how many connector instances were started on it
   */
  public record Outcome(LoadedPlugin plugin, String previousVersion, int restarted) {
  }

  private final Vertx vertx;
  private final PluginRuntime runtime;
  private final ConnectorRuntime connectors;
  private final ConnectorStore store;
  private final Targets targets;
  private final Path scratch;
  private final Duration stepTimeout;
  private Consumer<Path> placed = path -> { };
  private Future<Void> tail = Future.succeededFuture();

  /**
   * Creates the deployer.
   *
   * @param vertx runs the blocking steps on its workers
   * @param runtime the loaded plugins
   * @param connectors starts and stops connector instances
   * @param store the connectors table
   * @param targets the routing view, reloaded when types come and go
   * @param scratch a directory of the hub's own for trial loads
   * @param stepTimeout how long a step that runs plugin code (loading, unloading) may take
   */
  public PluginDeployer(Vertx vertx, PluginRuntime runtime, ConnectorRuntime connectors,
      ConnectorStore store, Targets targets, Path scratch, Duration stepTimeout) {
    this.vertx = vertx;
    this.runtime = runtime;
    this.connectors = connectors;
    this.store = store;
    this.targets = targets;
    this.scratch = scratch;
    this.stepTimeout = stepTimeout;
    // Trial copies an earlier run left behind (a trial that hung until the hub stopped).
    if (Files.isDirectory(scratch)) {
      try (var trials = Files.list(scratch)) {
        trials.forEach(PluginDeployer::deleteQuietly);
      } catch (IOException e) {
        LOG.warn("Cannot empty {}: {}", scratch, e.getMessage());
      }
    }
  }

  /**
   * Tells a listener about every jar the deployer puts into the plugins directory, so the
   * directory watcher does not take it for a new one.
   *
   * @param listener told the path
   */
  public void onPlaced(Consumer<Path> listener) {
    this.placed = listener;
  }

  /**
   * Installs a jar, or upgrades the installed plugin of the same id to the jar's version.
   *
   * @param candidate the jar
   * @param origin where it comes from
   * @return the outcome; failed with {@link PluginRefused} when refused or rolled back
   */
  public Future<Outcome> install(Path candidate, Origin origin) {
    return serially(() -> pluginStep("Loading the plugin on trial", () -> checked(candidate))
        .compose(staged -> {
          PluginJar jar = staged.jar();
          Optional<LoadedPlugin> current = runtime.plugin(jar.id());
          Future<Outcome> outcome;
          if (current.isPresent() && current.get().jar().version().equals(jar.version())) {
            outcome = Future.failedFuture(new PluginRefused(PluginRefused.Kind.CONFLICT,
                "Plugin " + jar.id() + " " + jar.version() + " is already installed"
                    + (current.get().jar().sha256().equals(jar.sha256()) ? ""
                    : " with different content; give the new build its own version")));
          } else {
            outcome = current.isEmpty() ? installNew(staged, origin)
                : upgrade(current.get(), staged, origin);
          }
          return outcome.recover(e -> blocking(() -> {
            boolean running = runtime.plugin(jar.id())
                .filter(p -> p.loadedFrom().equals(staged.copy())).isPresent();
            if (!running) {
              runtime.discard(staged);
            }
            return null;
          }).transform(v -> Future.failedFuture(e)));
        })
        .recover(e -> blocking(() -> refused(candidate, origin, e))
            .transform(v -> Future.failedFuture(e))));
  }

  /** Copies the jar aside, checks it there and loads it on trial. */
  private PluginRuntime.Staged checked(Path candidate) throws PluginRefused {
    PluginRuntime.Staged staged = runtime.stage(candidate);
    Path trialDir = scratch.resolve(UUID.randomUUID().toString());
    try {
      for (String type : PluginRuntime.trial(staged, trialDir)) {
        Optional<InstalledType> other = runtime.types().stream()
            .filter(t -> t.id().equals(type) && !t.pluginId().equals(staged.jar().id()))
            .findAny();
        if (other.isPresent()) {
          throw PluginRefused.invalid("Connector type '" + type + "' is already provided by "
              + "plugin " + other.get().pluginId());
        }
      }
      return staged;
    } catch (PluginRefused | RuntimeException e) {
      runtime.discard(staged);
      throw e;
    } finally {
      deleteQuietly(trialDir);
    }
  }

  private Future<Outcome> installNew(PluginRuntime.Staged staged, Origin origin) {
    return pluginStep("Loading the plugin", () -> {
      PluginRuntime.Staged inPlace = place(staged, origin);
      try {
        return runtime.load(inPlace);
      } catch (PluginRefused e) {
        unplace(inPlace.jar(), origin);
        throw e;
      }
    }).compose(loaded -> targets.reload()
        .compose(v -> startUsers(loaded.typeIds()))
        .map(started -> {
          LOG.info("Installed plugin {} {}", loaded.id(), loaded.jar().version());
          return new Outcome(loaded, null, started.size());
        }));
  }

  private Future<Outcome> upgrade(LoadedPlugin old, PluginRuntime.Staged staged,
      Origin origin) {
    String id = old.id();
    String version = staged.jar().version();
    runtime.busy(id, true);
    return users(old.typeIds()).compose(users -> {
      List<UUID> wereRunning = users.stream().map(ConnectorRecord::id)
          .filter(c -> isUp(connectors.state(c))).toList();
      LOG.info("Upgrading plugin {} {} to {}: stopping {} connector(s)", id,
          old.jar().version(), version, users.size());
      return stopAll(users)
          .compose(v -> connectors.quiesce(old.typeIds()))
          .compose(v -> pluginStep("Swapping the plugin's versions",
              () -> swap(old, staged, origin)))
          .compose(loaded -> startOnNewVersion(old, loaded, wereRunning, origin),
              failure -> {
                // The new version did not load; swap put the old one back, if it could.
                runtime.busy(id, false);
                return targets.reload().compose(v -> startUsers(old.typeIds()))
                    .compose(v -> rolledBack(old, version, failure.getMessage()));
              });
    }).onComplete(done -> runtime.busy(id, false));
  }

  /**
   * Starts the connectors on the new version; rolls back when one that ran on the old version
   * does not start, else retires the old version.
   */
  private Future<Outcome> startOnNewVersion(LoadedPlugin old, LoadedPlugin loaded,
      List<UUID> wereRunning, Origin origin) {
    String version = loaded.jar().version();
    runtime.busy(old.id(), false);
    return targets.reload().compose(v -> startUsers(union(old.typeIds(), loaded.typeIds())))
        .compose(started -> {
          List<String> broken = started.stream()
              .filter(r -> wereRunning.contains(r.id()) && !isUp(connectors.state(r.id())))
              .map(r -> r.name() + ": " + connectors.state(r.id()).lastError())
              .toList();
          if (!broken.isEmpty()) {
            return rollback(old, loaded, origin, "connector(s) that ran on "
                + old.jar().version() + " do not start on " + version + " ("
                + String.join("; ", broken) + ")");
          }
          return blocking(() -> retire(old, loaded)).map(v -> {
            runtime.error(old.id(), null);
            LOG.info("Upgraded plugin {} from {} to {}; {} connector(s) restarted", old.id(),
                old.jar().version(), version, started.size());
            return new Outcome(loaded, old.jar().version(), started.size());
          });
        });
  }

  /** Unloads the old version and loads the new one; if it does not load, the old one again. */
  private LoadedPlugin swap(LoadedPlugin old, PluginRuntime.Staged staged, Origin origin)
      throws PluginRefused {
    PluginRuntime.Staged inPlace = place(staged, origin);
    runtime.unload(old.id());
    try {
      return runtime.load(inPlace);
    } catch (PluginRefused e) {
      unplace(inPlace.jar(), origin);
      restore(old);
      throw e;
    }
  }

  private Future<Outcome> rollback(LoadedPlugin old, LoadedPlugin failed, Origin origin,
      String reason) {
    String id = old.id();
    runtime.busy(id, true);
    return users(union(old.typeIds(), failed.typeIds()))
        .compose(users -> stopAll(users))
        .compose(v -> connectors.quiesce(failed.typeIds()))
        .compose(v -> pluginStep("Rolling back", () -> {
          runtime.unload(id);
          runtime.discard(failed);
          unplace(failed.jar(), origin);
          restore(old);
          return null;
        }))
        .transform(done -> {
          runtime.busy(id, false);
          return targets.reload().compose(v -> startUsers(old.typeIds()))
              .compose(v -> rolledBack(old, failed.jar().version(),
                  done.succeeded() ? reason : reason + "; " + done.cause().getMessage()));
        });
  }

  /** Loads the previous version again from its private copy, and its jar back if it was lost. */
  private void restore(LoadedPlugin old) throws PluginRefused {
    restoreFile(old);
    runtime.reload(old);
  }

  /** Puts a loaded plugin's jar back into the plugins directory when it is missing there. */
  private void restoreFile(LoadedPlugin plugin) {
    Path file = plugin.jar().path();
    if (!Files.exists(file)) {
      try {
        Files.copy(plugin.loadedFrom(), file);
        placed.accept(file);
      } catch (IOException e) {
        LOG.error("Cannot put {} back into the plugins directory: {}", file, e.getMessage());
      }
    }
  }

  private Future<Outcome> rolledBack(LoadedPlugin old, String version, String reason) {
    boolean back = runtime.plugin(old.id()).isPresent();
    String message = "The upgrade of " + old.id() + " to " + version + " failed and "
        + (back ? "was rolled back to " + old.jar().version()
        : "version " + old.jar().version() + " could not be loaded again either") + ": " + reason;
    LOG.error(message);
    if (back) {
      runtime.error(old.id(), message);
    }
    return Future.failedFuture(new PluginRefused(PluginRefused.Kind.ROLLED_BACK, message));
  }

  /** After a successful upgrade: the old jar leaves the directory and its copy the cache. */
  private Void retire(LoadedPlugin old, LoadedPlugin current) {
    runtime.discard(old);
    if (!old.jar().path().equals(current.jar().path())) {
      deleteQuietly(old.jar().path());
    }
    return null;
  }

  private static List<String> union(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).distinct().toList();
  }

  /**
   * Removes a plugin: unloads it and deletes its jar. Refused while connector instances use
   * its types, unless forced, which stops them (they then show their type as not installed).
   * A refused jar is simply deleted.
   *
   * @param pluginId the plugin, or the id or file name of a refused jar
   * @param force whether to stop connectors that use it
   * @return the outcome: false when there is no such plugin; failed with {@link PluginRefused}
   *     when in use
   */
  public Future<Boolean> remove(String pluginId, boolean force) {
    return serially(() -> {
      Optional<LoadedPlugin> loaded = runtime.plugin(pluginId);
      if (loaded.isEmpty()) {
        return blocking(() -> runtime.removeRefused(pluginId));
      }
      List<String> types = loaded.get().typeIds();
      return users(types).compose(users -> {
        if (!users.isEmpty() && !force) {
          return Future.failedFuture(new PluginRefused(PluginRefused.Kind.IN_USE, "Plugin "
              + pluginId + " is used by " + users.size() + " connector(s): "
              + String.join(", ", users.stream().map(ConnectorRecord::name).toList())
              + ". Delete them or remove the plugin with force, which stops them"));
        }
        runtime.busy(pluginId, true);
        return stopAll(users)
            .compose(v -> connectors.quiesce(types))
            .compose(v -> pluginStep("Unloading the plugin", () -> {
              runtime.unload(pluginId).ifPresent(p -> {
                runtime.discard(p);
                deleteQuietly(p.jar().path());
              });
              runtime.error(pluginId, null);
              return null;
            }))
            .eventually(() -> {
              runtime.busy(pluginId, false);
              return targets.reload();
            })
            // Started again, each reports its type as not installed.
            .compose(v -> startUsers(types))
            .map(v -> {
              LOG.info("Removed plugin {}", pluginId);
              return true;
            });
      });
    });
  }

  /** Puts an uploaded jar into the plugins directory as {@code <id>-<version>.jar}. */
  private PluginRuntime.Staged place(PluginRuntime.Staged staged, Origin origin)
      throws PluginRefused {
    if (origin == Origin.DIRECTORY) {
      return staged;
    }
    PluginJar jar = staged.jar();
    Path target = runtime.directory().resolve(jar.canonicalFileName());
    if (Files.exists(target)) {
      throw new PluginRefused(PluginRefused.Kind.CONFLICT, "A file " + target.getFileName()
          + " is already in the plugins directory; remove it first");
    }
    try {
      Files.createDirectories(runtime.directory());
      Files.move(jar.path(), target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw PluginRefused.invalid("The jar cannot be put into the plugins directory "
          + runtime.directory() + ": " + e.getMessage());
    }
    placed.accept(target);
    runtime.forgetRefusal(target);
    return new PluginRuntime.Staged(jar.at(target), staged.copy());
  }

  /** Takes a refused jar out of the way: an upload is deleted, a dropped jar set aside. */
  private void unplace(PluginJar jar, Origin origin) {
    if (origin == Origin.UPLOAD) {
      deleteQuietly(jar.path());
      return;
    }
    Path aside = runtime.directory().resolve(".refused").resolve(jar.path().getFileName());
    try {
      Files.createDirectories(aside.getParent());
      Files.move(jar.path(), aside, StandardCopyOption.REPLACE_EXISTING);
      LOG.warn("Moved {} to {} so that it is not loaded at the next start", jar.path(), aside);
    } catch (IOException e) {
      LOG.error("Cannot move {} aside: {}", jar.path(), e.getMessage());
    }
  }

  /** Records why a jar was refused; blocking (reads the jar, moves files). */
  private Void refused(Path candidate, Origin origin, Throwable e) {
    if (!(e instanceof PluginRefused refusal)) {
      LOG.error("Installing {} failed", candidate, e);
      return null;
    }
    if (origin != Origin.DIRECTORY || !Files.exists(candidate)
        || refusal.kind() == PluginRefused.Kind.ROLLED_BACK) {
      LOG.warn("Plugin jar {} refused: {}", candidate.getFileName(), refusal.getMessage());
      return null;
    }
    PluginJar jar = null;
    try {
      jar = PluginJar.read(candidate);
    } catch (PluginRefused unreadable) {
      // The refusal says why; the listing shows the file name.
    }
    String sha256 = jar == null ? null : jar.sha256();
    Optional<LoadedPlugin> overwritten = runtime.plugins().stream()
        .filter(p -> p.jar().path().equals(candidate)).findFirst();
    if (overwritten.isPresent() && overwritten.get().jar().sha256().equals(sha256)) {
      return null;
    }
    if (overwritten.isPresent()) {
      // A running plugin's jar was overwritten in place: keep the refused one aside and put
      // the running version's jar back, so that the next start loads what runs now.
      unplace(overwritten.get().jar(), Origin.DIRECTORY);
      restoreFile(overwritten.get());
      LOG.error("The jar of plugin {} was replaced by one the hub refused ({}); the refused "
          + "jar is in .refused/", overwritten.get().id(), refusal.getMessage());
      return null;
    }
    runtime.refuse(candidate, jar, refusal.getMessage());
    return null;
  }

  private Future<List<ConnectorRecord>> users(List<String> typeIds) {
    return store.list().map(all -> all.stream().filter(r -> typeIds.contains(r.type()))
        .toList());
  }

  private Future<Void> stopAll(List<ConnectorRecord> users) {
    return Future.join(users.stream().map(r -> connectors.stop(r.id())).toList()).mapEmpty();
  }

  /** Starts the enabled connectors of the types; returns those it started (or tried to). */
  private Future<List<ConnectorRecord>> startUsers(List<String> typeIds) {
    return users(typeIds).compose(users -> {
      List<ConnectorRecord> enabled = users.stream().filter(ConnectorRecord::enabled).toList();
      List<Future<ConnectorState>> starts = new ArrayList<>();
      enabled.forEach(r -> starts.add(connectors.start(r)));
      return Future.join(starts).otherwiseEmpty().map(v -> enabled);
    });
  }

  private static boolean isUp(ConnectorState state) {
    return "running".equals(state.state()) || "degraded".equals(state.state());
  }

  private <T> Future<T> blocking(Callable<T> step) {
    return vertx.executeBlocking(step, false);
  }

  /**
   * A blocking step that runs plugin code (starting, stopping, describing its types), with the
   * time limit of plugin calls: a plugin that hangs in it is given up on, so it cannot hold
   * every later plugin operation.
   */
  private <T> Future<T> pluginStep(String what, Callable<T> step) {
    return blocking(step).timeout(stepTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(e instanceof TimeoutException
            ? PluginRefused.invalid(what + " did not finish within " + stepTimeout.toSeconds()
                + " s: the plugin hangs while starting or stopping")
            : e));
  }

  /** Runs operations one after the other, each after the previous one has finished. */
  private synchronized <T> Future<T> serially(Supplier<Future<T>> operation) {
    Promise<T> result = Promise.promise();
    tail = tail.transform(previous -> {
      Future<T> next;
      try {
        next = operation.get();
      } catch (RuntimeException e) {
        next = Future.failedFuture(e);
      }
      next.onComplete(result);
      return next.transform(done -> Future.<Void>succeededFuture());
    });
    return result.future();
  }

  private static void deleteQuietly(Path path) {
    try {
      if (Files.isDirectory(path)) {
        try (var files = Files.list(path)) {
          for (Path file : files.toList()) {
            Files.deleteIfExists(file);
          }
        }
      }
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.warn("Cannot delete {}: {}", path, e.getMessage());
    }
  }
}
