package io.slxconnect.hub.plugins;

import io.slxconnect.hub.audit.AuditLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices jars dropped into (or replaced in) the plugins directory while the hub runs and hands
 * them to the {@link PluginDeployer}. A file is taken only once its size and modification time
 * have stayed the same for a whole scan interval, so a jar still being copied is not read half
 * written. A jar that disappears is only noted: removal is an explicit admin action.
 */
public final class PluginDirectoryWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PluginDirectoryWatcher.class);

  private final Vertx vertx;
  private final PluginDeployer deployer;
  private final PluginRuntime runtime;
  private final Duration interval;
  private final PluginAudit audit;
  /** What each file looked like when it was last acted on (loaded, refused, placed). */
  private final Map<Path, Fingerprint> handled = new ConcurrentHashMap<>();
  /** What each file looked like at the previous scan. */
  private Map<Path, Fingerprint> previous = Map.of();
  private long timer = -1;
  private boolean scanning;

  private record Fingerprint(long size, Instant modified) {
  }

  /**
   * Creates the watcher; every jar the start loaded or refused counts as handled, a jar
   * dropped in since is taken at the first scans.
   *
   * @param vertx runs the scans
   * @param deployer installs what it finds
   * @param runtime the plugins directory
   * @param interval how often to look
   * @param auditLog where what it installs is recorded
   */
  public PluginDirectoryWatcher(Vertx vertx, PluginDeployer deployer, PluginRuntime runtime,
      Duration interval, AuditLog auditLog) {
    this.vertx = vertx;
    this.deployer = deployer;
    this.runtime = runtime;
    this.interval = interval;
    this.audit = new PluginAudit(auditLog);
    scan().forEach((file, fingerprint) -> {
      if (runtime.accountedFor(file)) {
        handled.put(file, fingerprint);
      }
    });
    deployer.onPlaced(this::markHandled);
  }

  /** Starts looking. */
  public void start() {
    timer = vertx.setPeriodic(interval.toMillis(), t -> tick());
  }

  /**
   * Records a file the hub itself put into the directory.
   *
   * @param file the jar
   */
  public void markHandled(Path file) {
    Fingerprint fingerprint = fingerprint(file);
    if (fingerprint != null) {
      handled.put(file, fingerprint);
    }
  }

  private void tick() {
    if (scanning) {
      return;
    }
    scanning = true;
    vertx.executeBlocking(this::scan, false)
        .compose(this::act)
        .onFailure(e -> LOG.error("Scanning the plugins directory failed", e))
        .onComplete(done -> scanning = false);
  }

  private Future<Void> act(Map<Path, Fingerprint> now) {
    List<Path> ready = new ArrayList<>();
    Instant settled = Instant.now().minus(interval);
    now.forEach((file, fingerprint) -> {
      if (!fingerprint.equals(handled.get(file)) && fingerprint.equals(previous.get(file))
          && fingerprint.modified().isBefore(settled)) {
        ready.add(file);
      }
    });
    for (Path gone : handled.keySet()) {
      if (!now.containsKey(gone)) {
        handled.remove(gone);
        runtime.forgetRefusal(gone);
        runtime.plugins().stream().filter(p -> p.jar().path().equals(gone)).forEach(p ->
            LOG.warn("The jar of plugin {} was deleted from the plugins directory: it stays "
                + "loaded until removed in the console or the hub restarts", p.id()));
      }
    }
    previous = now;
    Future<Void> chain = Future.succeededFuture();
    for (Path file : ready) {
      handled.put(file, now.get(file));
      LOG.info("New plugin jar in the plugins directory: {}", file.getFileName());
      JsonObject detail = new JsonObject().put("file", file.getFileName().toString());
      chain = chain.compose(v -> deployer.install(file, PluginDeployer.Origin.DIRECTORY)
          .compose(outcome -> audit.installed(PluginAudit.DIRECTORY, null, detail, outcome),
              e -> audit.refused(PluginAudit.DIRECTORY, null, file.getFileName().toString(),
                  detail, e)));
    }
    return chain;
  }

  private Map<Path, Fingerprint> scan() {
    Map<Path, Fingerprint> files = new HashMap<>();
    if (Files.isDirectory(runtime.directory())) {
      for (Path jar : PluginRuntime.jars(runtime.directory())) {
        Fingerprint fingerprint = fingerprint(jar);
        if (fingerprint != null) {
          files.put(jar, fingerprint);
        }
      }
    }
    return files;
  }

  private static Fingerprint fingerprint(Path file) {
    try {
      return new Fingerprint(Files.size(file), Files.getLastModifiedTime(file).toInstant());
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    if (timer != -1) {
      vertx.cancelTimer(timer);
    }
  }
}
