package io.slxconnect.cognito;

import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ChangeSink;
import io.slxconnect.api.Checkpoint;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A change sink like the hub's for watch tests: records every batch and commits it later on an
 * event loop, as a committed transaction would. Tests wait on its contents with Awaitility.
 */
final class RecordingSink implements ChangeSink {

  /**
   * One delivered batch.
   *
   * @param changes the records
   * @param after the checkpoint after them, or {@code null}
   */
  record Batch(List<ChangeRecord> changes, Checkpoint after) {
  }

  private final Vertx vertx;
  private final List<Batch> batches = new ArrayList<>();

  RecordingSink(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<Void> accept(List<ChangeRecord> changes, Checkpoint after) {
    synchronized (this) {
      batches.add(new Batch(List.copyOf(changes), after));
    }
    Promise<Void> committed = Promise.promise();
    vertx.runOnContext(v -> committed.complete());
    return committed.future();
  }

  /** {@return every record so far, in delivery order} */
  synchronized List<ChangeRecord> records() {
    return batches.stream().flatMap(b -> b.changes().stream()).toList();
  }

  /** {@return the newest checkpoint so far} */
  synchronized Optional<Checkpoint> lastCheckpoint() {
    return batches.stream().map(Batch::after).filter(a -> a != null)
        .reduce((first, second) -> second);
  }
}
