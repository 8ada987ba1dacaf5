package io.slxconnect.hub.imports;

import io.slxconnect.api.Capability;
import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.api.Page;
import io.slxconnect.hub.connectors.ConnectorCalls;
import io.slxconnect.hub.pipeline.Ingest;
import io.slxconnect.hub.pipeline.IngestResult;
import io.slxconnect.hub.pipeline.Targets;
import io.slxconnect.hub.store.ImportRunStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs imports: reads a connector's users, then its groups, page by page, and feeds each page
 * through the ingest stage. The next page is read while the current one is written and the
 * one before may still be committing; no more than those three pages are ever held, so a
 * directory of any size imports in bounded memory. Counters are stored after every page, for the console's progress bar. A connector
 * never runs two imports at once, and a cancelled import stops after its current page.
 */
public final class ImportRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ImportRunner.class);
  private static final int KEPT_FAILURES = 100;
  /** Created and updated records from which an import refreshes the planner's statistics. */
  private static final int ANALYZE_AFTER = 1000;

  private final ImportRunStore runs;
  private final ConnectorCalls connectors;
  private final Targets targets;
  private final Ingest ingest;
  private final Set<UUID> cancelled = ConcurrentHashMap.newKeySet();
  private final Set<UUID> active = ConcurrentHashMap.newKeySet();

  /**
   * Creates the runner.
   *
   * @param runs the runs table
   * @param connectors calls into running connectors
   * @param targets the connectors' capabilities
   * @param ingest the ingest stage
   */
  public ImportRunner(ImportRunStore runs, ConnectorCalls connectors, Targets targets,
      Ingest ingest) {
    this.runs = runs;
    this.connectors = connectors;
    this.targets = targets;
    this.ingest = ingest;
  }

  /**
   * Starts an import that runs in the background.
   *
   * @param connectorId the connector
   * @param trigger {@code manual} or {@code schedule}
   * @param startedBy the admin, or {@code null}
   * @return the run as started, or empty when one is already running
   */
  public Future<Optional<JsonObject>> start(UUID connectorId, String trigger, String startedBy) {
    return runs.start(connectorId, trigger, startedBy).onSuccess(run -> run.ifPresent(r -> {
      UUID id = UUID.fromString(r.getString("id"));
      active.add(id);
      new Run(id, connectorId).execute()
          .onComplete(done -> {
            active.remove(id);
            cancelled.remove(id);
          });
    }));
  }

  /**
   * Asks a running import to stop after its current page.
   *
   * @param runId the run
   * @return whether it is running here
   */
  public boolean cancel(UUID runId) {
    if (!active.contains(runId)) {
      return false;
    }
    cancelled.add(runId);
    return true;
  }

  /** One import, from its first page to its outcome. */
  private final class Run {
    private final UUID id;
    private final UUID connectorId;
    private final int[] counts = new int[5];
    private final JsonArray failures = new JsonArray();
    private String phase = "users";

    Run(UUID id, UUID connectorId) {
      this.id = id;
      this.connectorId = connectorId;
    }

    Future<Void> execute() {
      boolean groups = targets.get(connectorId)
          .map(t -> t.capabilities().contains(Capability.IMPORT_GROUPS)).orElse(false);
      return pages(ConnectorInstance::readUsers, ChangeRecord::userUpserted, null)
          .compose(more -> {
            if (!more || !groups) {
              return Future.succeededFuture(more);
            }
            phase = "groups";
            return pages(ConnectorInstance::readGroups, ChangeRecord::groupUpserted, null);
          })
          .compose(completed -> runs.progress(id, phase, counts, failures.copy())
              .compose(v -> counts[1] + counts[2] >= ANALYZE_AFTER
                  ? runs.analyzeIdentityTables() : Future.succeededFuture())
              .compose(v -> runs.finish(id, completed ? "succeeded" : "cancelled", null)))
          .onSuccess(v -> LOG.info("Import {} of connector {}: read {}, created {}, updated {}, "
              + "unchanged {}, failed {}", id, connectorId, counts[0], counts[1], counts[2],
              counts[3], counts[4]))
          .recover(e -> {
            LOG.warn("Import {} of connector {} failed: {}", id, connectorId, e.getMessage());
            return runs.progress(id, phase, counts, failures.copy())
                .compose(v -> runs.finish(id, "failed", e.getMessage()));
          });
    }

    /**
     * Reads and ingests pages until the last one: while one page is written, the one before it
     * may still be committing and the next one is being read.
     *
     * @return {@code true} when every page was read, {@code false} when cancelled
     */
    private <T> Future<Boolean> pages(Reader<T> reader, Function<T, ChangeRecord> toRecord,
        String cursor) {
      return read(reader, cursor).compose(page -> ingestAll(reader, toRecord, page,
          Future.succeededFuture()));
    }

    private <T> Future<Boolean> ingestAll(Reader<T> reader, Function<T, ChangeRecord> toRecord,
        Page<T> page, Future<Void> previous) {
      Future<Page<T>> ahead = page.hasNext() && !cancelled.contains(id)
          ? read(reader, page.next()) : null;
      List<ChangeRecord> records = page.items().stream().map(toRecord).toList();
      Future<Void> current = ingest.applyImportPage(connectorId, records)
          .compose(result -> {
            Snapshot now = count(records.size(), result);
            return runs.progress(id, phase, now.counts(), now.failures());
          });
      // At most two pages are being written at any time: wait for the older one.
      return previous.compose(v -> {
        if (cancelled.contains(id) || ahead == null) {
          return current.map(ahead == null);
        }
        return ahead.compose(next -> ingestAll(reader, toRecord, next, current));
      });
    }

    private <T> Future<Page<T>> read(Reader<T> reader, String cursor) {
      return connectors.call(connectorId, "Reading " + phase, i -> reader.read(i, cursor));
    }

    /** Adds a page's outcome; pages complete on different threads. */
    private synchronized Snapshot count(int read, IngestResult result) {
      counts[0] += read;
      counts[1] += result.created();
      counts[2] += result.updated();
      counts[3] += result.unchanged();
      counts[4] += result.failed();
      result.failures().stream().limit(Math.max(0, KEPT_FAILURES - failures.size()))
          .forEach(f -> failures.add(f.toJson()));
      return new Snapshot(counts.clone(), failures.copy());
    }
  }

  /** The counters and failures at one moment. */
  private record Snapshot(int[] counts, JsonArray failures) {
  }

  /** Reads one page of one kind of object. */
  @FunctionalInterface
  private interface Reader<T> {
    Future<Page<T>> read(ConnectorInstance instance, String cursor);
  }
}
