package io.slxconnect.google;

import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ChangeSink;
import io.slxconnect.api.Checkpoint;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A sink with the hub's semantics for what a watch sees: batches are taken in order, each commits
 * its checkpoint (unless {@code null}), and once told to fail it refuses every batch.
 */
final class RecordingSink implements ChangeSink {

  /** One batch and when it arrived. */
  record Batch(List<ChangeRecord> changes, Checkpoint after, long arrivedNanos) {
  }

  final List<Batch> batches = new CopyOnWriteArrayList<>();
  final java.util.concurrent.atomic.AtomicInteger refused =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean failing;

  @Override
  public Future<Void> accept(List<ChangeRecord> changes, Checkpoint after) {
    if (failing) {
      refused.incrementAndGet();
      return Future.failedFuture(new IllegalStateException("The store refused the batch"));
    }
    batches.add(new Batch(List.copyOf(changes), after, System.nanoTime()));
    return Future.succeededFuture();
  }

  void failFromNowOn() {
    failing = true;
  }

  /** {@return every record, in delivery order} */
  List<ChangeRecord> records() {
    return batches.stream().flatMap(b -> b.changes().stream()).toList();
  }

  /** {@return the first record that matches, if any} */
  Optional<ChangeRecord> find(Predicate<ChangeRecord> match) {
    return records().stream().filter(match).findFirst();
  }

  /** {@return the arrival time of the first batch with a matching record, if any} */
  Optional<Long> arrivalOf(Predicate<ChangeRecord> match) {
    return batches.stream().filter(b -> b.changes().stream().anyMatch(match))
        .map(Batch::arrivedNanos).findFirst();
  }

  /** {@return the last committed checkpoint, if any} */
  Optional<Checkpoint> lastCheckpoint() {
    return batches.stream().map(Batch::after).filter(java.util.Objects::nonNull)
        .reduce((first, second) -> second);
  }
}
