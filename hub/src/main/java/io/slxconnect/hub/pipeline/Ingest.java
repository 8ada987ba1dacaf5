package io.slxconnect.hub.pipeline;

import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ChangeSink;
import io.slxconnect.api.ExternalGroup;
import io.slxconnect.api.ExternalUser;
import io.slxconnect.hub.store.ConnectorStore;
import io.slxconnect.hub.store.SqlErrors;
import io.vertx.core.Future;
import io.slxconnect.api.Checkpoint;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage of the pipeline: takes batches of changes from a connector's watch or import
 * and, for each batch, writes in <em>one</em> transaction the new state of the users and groups,
 * the change events, the provisioning tasks they cause, and the connector's checkpoint. A
 * record that changes nothing writes nothing, so echoes of the hub's own pushes die here.
 * Batches of one connector's watch are applied one after the other, in the order they arrive.
 */
public final class Ingest {

  private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);

  private final Pool pool;
  private final Targets targets;
  private final ChangeRecorder recorder;
  private final IntConsumer onTasksQueued;
  private final Map<UUID, Lane> lanes = new ConcurrentHashMap<>();

  /**
   * Creates the stage.
   *
   * @param pool the database
   * @param targets the connectors' policies
   * @param recorder writes the change log and the outbox
   * @param onTasksQueued told after a commit that queued provisioning tasks, with their number
   */
  public Ingest(Pool pool, Targets targets, ChangeRecorder recorder,
      IntConsumer onTasksQueued) {
    this.pool = pool;
    this.targets = targets;
    this.recorder = recorder;
    this.onTasksQueued = onTasksQueued;
  }

  /**
   * The sink one watch of a connector delivers into. Once a batch from it could not be stored,
   * the sink refuses every later batch, whose checkpoint would skip the lost changes, and tells
   * {@code onLost}: the watch must start again from the last stored checkpoint, with a new sink.
   *
   * @param connectorId the connector
   * @param onLost told once, with the reason, when a batch could not be stored
   * @return the sink
   */
  public ChangeSink sink(UUID connectorId, Consumer<String> onLost) {
    AtomicBoolean lost = new AtomicBoolean();
    return (changes, after) -> {
      if (lost.get()) {
        return Future.failedFuture(new IllegalStateException("An earlier batch of changes from "
            + "this watch was not stored; the watch restarts from the last stored checkpoint"));
      }
      return lane(connectorId).inOrder(() -> applyRetrying(connectorId, changes, after))
          .onFailure(e -> {
            if (lost.compareAndSet(false, true)) {
              onLost.accept(e.getMessage() != null ? e.getMessage() : e.toString());
            }
          })
          .mapEmpty();
    };
  }

  /**
   * Applies one page of an import. Pages of one read hold distinct objects, so they are applied
   * concurrently with each other; but each waits for the watch batches accepted before it, and
   * the watch batches after it wait for it, so that a change the watch reports after a page was
   * read is never overwritten by that page.
   *
   * @param connectorId the connector the page comes from
   * @param records the page's records
   * @return what the page did, once committed
   */
  public Future<IngestResult> applyImportPage(UUID connectorId, List<ChangeRecord> records) {
    return lane(connectorId).unordered(() -> applyRetrying(connectorId, records, null));
  }

  private Lane lane(UUID connectorId) {
    return lanes.computeIfAbsent(connectorId, id -> new Lane());
  }

  /** A batch that lost a deadlock against a concurrent one is applied once more. */
  private Future<IngestResult> applyRetrying(UUID connectorId, List<ChangeRecord> records,
      Checkpoint after) {
    return applyNow(connectorId, records, after)
        .recover(e -> SqlErrors.isDeadlock(e) ? applyNow(connectorId, records, after)
            : Future.failedFuture(e));
  }

  /**
   * The order of one connector's batches: watch batches one after the other, import pages
   * concurrently between them.
   */
  private static final class Lane {
    private Future<?> lastOrdered = Future.succeededFuture();
    private final List<Future<?>> unorderedSince = new ArrayList<>();

    synchronized <T> Future<T> inOrder(Supplier<Future<T>> batch) {
      List<Future<?>> before = new ArrayList<>(unorderedSince);
      before.add(lastOrdered);
      Future<T> next = Future.join(before).transform(ignored -> batch.get());
      lastOrdered = next;
      unorderedSince.clear();
      return next;
    }

    synchronized <T> Future<T> unordered(Supplier<Future<T>> batch) {
      Future<T> next = lastOrdered.transform(ignored -> batch.get());
      unorderedSince.removeIf(Future::isComplete);
      unorderedSince.add(next);
      return next;
    }
  }

  /** Only the last record of each object: a batch applies its net effect. */
  private static List<ChangeRecord> lastPerObject(List<ChangeRecord> records) {
    Map<String, ChangeRecord> last = new java.util.LinkedHashMap<>();
    for (ChangeRecord record : records) {
      last.remove(record.externalId());
      last.put(record.externalId(), record);
    }
    return List.copyOf(last.values());
  }

  private Future<IngestResult> applyNow(UUID connectorId, List<ChangeRecord> records,
      Checkpoint after) {
    Targets.Target connector = targets.get(connectorId).orElse(null);
    if (connector == null) {
      return Future.failedFuture(new IllegalStateException("Connector " + connectorId
          + " no longer exists"));
    }
    List<ExternalUser> users = new ArrayList<>();
    List<ExternalGroup> groups = new ArrayList<>();
    List<String> deletions = new ArrayList<>();
    for (ChangeRecord record : lastPerObject(records)) {
      if (record.operation() == ChangeRecord.Operation.DELETE) {
        deletions.add(record.externalId());
      } else if (record.user() != null) {
        users.add(record.user());
      } else {
        groups.add(record.group());
      }
    }
    IngestResult.Counter counter = new IngestResult.Counter();
    return pool.withTransaction(tx -> {
      DeletionIngest deletion = new DeletionIngest(tx, connectorId, counter);
      List<Change> changes = new ArrayList<>();
      return new UserIngest(tx, connectorId, connector.policy().correlation(), counter)
          .apply(users)
          .compose(made -> {
            changes.addAll(made);
            return new GroupIngest(tx, connectorId, counter).apply(groups);
          })
          .compose(made -> {
            changes.addAll(made);
            return deletion.prepare(deletions);
          })
          .compose(made -> {
            changes.addAll(made);
            return recorder.record(tx, changes, connectorId, null);
          })
          .compose(tasks -> deletion.execute()
              .compose(v -> after == null ? Future.succeededFuture()
                  : ConnectorStore.saveCheckpoint(tx, connectorId, after))
              .map(tasks));
    }).map(tasks -> {
      if (tasks > 0) {
        onTasksQueued.accept(tasks);
      }
      return counter.result();
    }).onSuccess(result -> result.failures().stream().limit(10).forEach(f -> LOG.warn(
        "A change from connector {} ({}) was not applied to {} ({}): {}", connector.name(),
        connectorId, f.externalId(), f.name(), f.reason())))
        .onFailure(e -> LOG.warn("A batch of {} change(s) from connector {} ({}) was not applied: "
        + "{}", records.size(), connector.name(), connectorId, e.toString()));
  }
}
