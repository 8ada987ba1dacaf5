package io.slxconnect.ldap;

import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ChangeSink;
import io.slxconnect.api.Checkpoint;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A change sink that behaves as the hub's for watch tests: it records every batch with the time
 * it arrived and commits it (later, on a Vert.x event loop, as a committed transaction would,
 * when made with a Vert.x instance), or fails the batches a rule refuses, as a store that cannot
 * commit them. Tests wait on its contents.
 */
final class RecordingSink implements ChangeSink {

  /**
   * One delivered batch.
   *
   * @param changes the records
   * @param after the checkpoint after them, or {@code null}
   * @param arrivedNanos {@link System#nanoTime()} when the feed handed it over
   * @param committed whether this sink committed it
   */
  record Batch(List<ChangeRecord> changes, Checkpoint after, long arrivedNanos,
      boolean committed) {
  }

  /**
   * A record and when it arrived.
   *
   * @param record the change
   * @param arrivedNanos {@link System#nanoTime()} when its batch arrived
   */
  record Arrival(ChangeRecord record, long arrivedNanos) {
  }

  private final Vertx vertx;
  private final List<Batch> batches = new ArrayList<>();
  private Predicate<List<ChangeRecord>> refused = changes -> false;

  /** A sink that commits at once, on the caller's thread. */
  RecordingSink() {
    this(null);
  }

  /**
   * A sink that commits on an event loop.
   *
   * @param vertx the Vert.x instance
   */
  RecordingSink(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<Void> accept(List<ChangeRecord> changes, Checkpoint after) {
    boolean commit;
    synchronized (this) {
      commit = !refused.test(changes);
      batches.add(new Batch(List.copyOf(changes), after, System.nanoTime(), commit));
      notifyAll();
    }
    if (vertx == null) {
      return outcome(commit);
    }
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(v -> outcome(commit).onComplete(done));
    return done.future();
  }

  private static Future<Void> outcome(boolean commit) {
    return commit ? Future.succeededFuture()
        : Future.failedFuture(new IllegalStateException("The store refused the batch"));
  }

  /** Refuses every batch from now on, as a hub whose store fails. */
  void failFromNowOn() {
    refuse(changes -> true);
  }

  /**
   * Refuses the batches whose records match, from now on.
   *
   * @param rule which batches fail
   */
  synchronized void refuse(Predicate<List<ChangeRecord>> rule) {
    refused = rule;
  }

  /** {@return the batches so far} */
  synchronized List<Batch> batches() {
    return List.copyOf(batches);
  }

  /** {@return every record so far, in delivery order} */
  synchronized List<ChangeRecord> records() {
    return batches.stream().flatMap(b -> b.changes().stream()).toList();
  }

  /** {@return the last checkpoint this sink committed, if any} */
  synchronized Optional<Checkpoint> lastCommittedCheckpoint() {
    return batches.stream().filter(b -> b.committed() && b.after() != null)
        .map(Batch::after).reduce((first, second) -> second);
  }

  /**
   * Waits for a record.
   *
   * @param condition which record
   * @param timeout how long at most
   * @return the first matching record and when it arrived
   * @throws AssertionError when none arrived in time
   */
  Arrival awaitRecord(Predicate<ChangeRecord> condition, Duration timeout)
      throws InterruptedException {
    return await(() -> {
      for (Batch batch : batches) {
        for (ChangeRecord record : batch.changes()) {
          if (condition.test(record)) {
            return Optional.of(new Arrival(record, batch.arrivedNanos()));
          }
        }
      }
      return Optional.empty();
    }, timeout, "a matching record");
  }

  /**
   * Waits for a batch.
   *
   * @param condition which batch
   * @param timeout how long at most
   * @return the first matching batch
   * @throws AssertionError when none arrived in time
   */
  Batch awaitBatch(Predicate<Batch> condition, Duration timeout) throws InterruptedException {
    return await(() -> batches.stream().filter(condition).findFirst(), timeout,
        "a matching batch");
  }

  /**
   * Waits for a number of batches.
   *
   * @param count how many
   * @param timeout how long at most
   * @throws AssertionError when fewer arrived in time
   */
  void awaitBatches(int count, Duration timeout) throws InterruptedException {
    await(() -> batches.size() >= count ? Optional.of(true) : Optional.empty(), timeout,
        count + " batches");
  }

  /** Waits until the condition, evaluated under this sink's lock, gives a value. */
  private synchronized <T> T await(Supplier<Optional<T>> condition, Duration timeout,
      String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> value = condition.get();
      if (value.isPresent()) {
        return value.get();
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("No " + what + " within " + timeout + "; records so far: "
            + records());
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }
}
