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
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage of the pipeline: takes batches of changes from a connector's watch or import
 * and, for each batch, writes in <em>one</em> transaction the new state of the users and groups,
 * the change events, the provisioning tasks they cause, and the connector's checkpoint. A
 * record that changes nothing writes nothing, so echoes of the hub's own pushes die here.
 * Batches of one connector are applied one after the other, in the order they arrive.
 */
public final class Ingest {

  private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);

  private final Pool pool;
  private final Targets targets;
  private final ChangeRecorder recorder;
  private final IntConsumer onTasksQueued;
  private final Map<UUID, Future<?>> tails = new ConcurrentHashMap<>();
  /** Connectors whose queued checkpointed batches must fail: one before them did. */
  private final java.util.Set<UUID> brokenWatches = ConcurrentHashMap.newKeySet();

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
   * The sink a connector's watch delivers into.
   *
   * @param connectorId the connector
   * @return the sink
   */
  public ChangeSink sink(UUID connectorId) {
    return (changes, after) -> apply(connectorId, changes, after).mapEmpty();
  }

  /**
   * Applies a batch after every batch of the same connector accepted before it.
   *
   * @param connectorId the connector the changes come from
   * @param records the changes, in the order they happened
   * @param after the checkpoint to store with them, or {@code null} (imports)
   * @return what the batch did, once committed
   */
  public Future<IngestResult> apply(UUID connectorId, List<ChangeRecord> records,
      Checkpoint after) {
    synchronized (tails) {
      Future<?> previous = tails.getOrDefault(connectorId, Future.succeededFuture());
      Future<IngestResult> next = previous.transform(ignored -> {
        if (after != null && brokenWatches.contains(connectorId)) {
          // Committing this checkpoint would skip the changes of the batch that failed.
          return Future.failedFuture(new IllegalStateException("An earlier batch of changes "
              + "from this connector was not applied; resume from the last checkpoint"));
        }
        return applyNow(connectorId, records, after)
            .onFailure(e -> {
              if (after != null) {
                brokenWatches.add(connectorId);
              }
            });
      });
      tails.put(connectorId, next);
      next.onComplete(done -> {
        synchronized (tails) {
          if (tails.remove(connectorId, next)) {
            brokenWatches.remove(connectorId);
          }
        }
      });
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

  /**
   * Applies one page of an import without waiting for the batches before it. The pages of one
   * read hold distinct objects, so they need no order among themselves, and row locks keep
   * them consistent with concurrent watch batches; a page that loses a deadlock against one is
   * applied again.
   *
   * @param connectorId the connector the page comes from
   * @param records the page's records
   * @return what the page did, once committed
   */
  public Future<IngestResult> applyImportPage(UUID connectorId, List<ChangeRecord> records) {
    return applyNow(connectorId, records, null)
        .recover(e -> SqlErrors.isDeadlock(e) ? applyNow(connectorId, records, null)
            : Future.failedFuture(e));
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
