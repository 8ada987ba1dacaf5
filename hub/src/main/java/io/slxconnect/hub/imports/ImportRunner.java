package io.slxconnect.hub.imports;

import io.slxconnect.api.Capability;
import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.api.ExternalGroup;
import io.slxconnect.api.ExternalUser;
import io.slxconnect.api.Page;
import io.slxconnect.hub.connectors.ConnectorCalls;
import io.slxconnect.hub.pipeline.Ingest;
import io.slxconnect.hub.pipeline.IngestResult;
import io.slxconnect.hub.pipeline.Targets;
import io.slxconnect.hub.store.ImportRunStore;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs imports: reads a connector's users, then its groups, page by page, and feeds each page
 * through the ingest stage. The next page is read while the current one is written and the
 * one before may still be committing; no more than those three pages are ever held, so a
 * directory of any size imports in bounded memory. Counters are stored after every page, for
 * the console's progress bar. A connector
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
      return pages(ConnectorInstance::readUsers, ChangeRecord::userUpserted)
          .compose(more -> {
            if (!more || !groups) {
              return Future.succeededFuture(more);
            }
            phase = "groups";
            return pages(ConnectorInstance::readGroups, ChangeRecord::groupUpserted);
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
    private <T> Future<Boolean> pages(Reader<T> reader, Function<T, ChangeRecord> toRecord) {
      Promise<Boolean> outcome = Promise.promise();
      read(reader, null).onComplete(first -> step(reader, toRecord, first,
          Future.succeededFuture(), outcome));
      return outcome.future();
    }

    /**
     * Writes a page that was read and reads the one after it, then goes on once the page
     * written before it has committed. Nothing but the futures of the pages in flight is held
     * from one step to the next.
     */
    private <T> void step(Reader<T> reader, Function<T, ChangeRecord> toRecord,
        AsyncResult<Page<T>> read, Future<Void> previous, Promise<Boolean> outcome) {
      Page<T> page = read.succeeded() ? read.result() : null;
      if (page == null) {
        Throwable cause = read.failed() ? read.cause() : new ConnectorException(
            ConnectorException.Reason.FAILED, "Reading " + phase + " returned no page (a bug "
                + "in the plugin)");
        previous.onComplete(done -> outcome.fail(cause));
        return;
      }
      boolean complete = !page.hasNext();
      Future<Page<T>> ahead = complete || cancelled.contains(id) ? null
          : read(reader, page.next());
      Future<Void> current = write(page.items(), toRecord);
      // At most two pages are being written at any time: wait for the older one.
      previous.onComplete(before -> {
        if (before.failed()) {
          current.onComplete(done -> outcome.fail(before.cause()));
        } else if (ahead == null) {
          current.onComplete(done -> {
            if (done.succeeded()) {
              outcome.complete(complete);
            } else {
              outcome.fail(done.cause());
            }
          });
        } else {
          ahead.onComplete(next -> step(reader, toRecord, next, current, outcome));
        }
      });
    }

    /** Writes a page; an item the connector got wrong fails alone, not the whole import. */
    private <T> Future<Void> write(List<T> items, Function<T, ChangeRecord> toRecord) {
      List<ChangeRecord> records = new ArrayList<>(items.size());
      List<IngestResult.Failure> invalid = new ArrayList<>();
      for (T item : items) {
        try {
          records.add(toRecord.apply(item));
        } catch (RuntimeException e) {
          invalid.add(new IngestResult.Failure(null, nameOf(item), invalidReason(item, e)));
        }
      }
      return ingest.applyImportPage(connectorId, records).compose(result -> {
        Snapshot now = count(items.size(), result, invalid);
        return runs.progress(id, phase, now.counts(), now.failures());
      });
    }

    private <T> Future<Page<T>> read(Reader<T> reader, String cursor) {
      return connectors.call(connectorId, "Reading " + phase, i -> reader.read(i, cursor));
    }

    /** Adds a page's outcome; pages complete on different threads. */
    private synchronized Snapshot count(int read, IngestResult result,
        List<IngestResult.Failure> invalid) {
      counts[0] += read;
      counts[1] += result.created();
      counts[2] += result.updated();
      counts[3] += result.unchanged();
      counts[4] += result.failed() + invalid.size();
      Stream.concat(invalid.stream(), result.failures().stream())
          .limit(Math.max(0, KEPT_FAILURES - failures.size()))
          .forEach(f -> failures.add(f.toJson()));
      return new Snapshot(counts.clone(), failures.copy());
    }
  }

  private static String invalidReason(Object item, RuntimeException e) {
    boolean noId = item instanceof ExternalUser user ? user.externalId() == null
        : item instanceof ExternalGroup group && group.externalId() == null;
    return noId ? "It has no stable id in the connected system, so it cannot be linked"
        : "The connector returned an invalid record (" + e.getMessage() + "): a bug in the plugin";
  }

  private static String nameOf(Object item) {
    if (item instanceof ExternalUser user) {
      return user.userName();
    }
    return item instanceof ExternalGroup group ? group.name() : null;
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
