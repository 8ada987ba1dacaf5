package io.slxconnect.testkit;

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
 * A {@link ChangeSink} that behaves as the hub's for watch tests. It records every batch in the
 * order {@link #accept} was called, with the time it arrived, and commits it: a committed batch
 * moves the committed checkpoint (unless it carries {@code null}), and, when the sink was made
 * with a {@link TestConnectorContext}, {@linkplain TestConnectorContext#commit commits it into
 * the context} so that the next instance can resume from it, as after a hub restart.
 *
 * <p>It can be told to refuse a batch, as a hub whose database is unreachable: that batch is not
 * committed, its future fails, and, as with the hub's sink, <em>every later batch is refused
 * too</em>, because its checkpoint would skip the lost changes. The hub then restarts the
 * connector from the last committed checkpoint; a test does the same with a new instance.
 *
 * <p>Tests wait on its contents with the {@code await...} methods, never for a fixed time.
 */
public final class RecordingSink implements ChangeSink {

  /**
   * One delivered batch.
   *
   * @param changes the records, in the order given
   * @param after the checkpoint after them, or {@code null}
   * @param arrivedNanos {@link System#nanoTime()} when {@link #accept} was called
   * @param committed whether this sink committed it; {@code false} when it was refused
   */
  public record Batch(List<ChangeRecord> changes, Checkpoint after, long arrivedNanos,
      boolean committed) {
  }

  /**
   * A record and when its batch arrived.
   *
   * @param record the change
   * @param arrivedNanos {@link System#nanoTime()} when its batch arrived
   */
  public record Arrival(ChangeRecord record, long arrivedNanos) {
  }

  private final Vertx vertx;
  private final TestConnectorContext context;
  private final List<Batch> batches = new ArrayList<>();
  private Predicate<List<ChangeRecord>> refuse = changes -> false;
  private boolean refusing;
  private Checkpoint committed;

  /** A sink that commits at once, on the thread that calls {@link #accept}. */
  public RecordingSink() {
    this(null, null);
  }

  /**
   * A sink that commits later, on a Vert.x event loop, as a database transaction would.
   *
   * @param vertx the Vert.x instance
   */
  public RecordingSink(Vertx vertx) {
    this(vertx, null);
  }

  /**
   * A sink that commits on the context's event loops and into the context, whose
   * {@link TestConnectorContext#committedCheckpoint()} then follows this sink's.
   *
   * @param context the context of the watching instance
   */
  public RecordingSink(TestConnectorContext context) {
    this(context.vertx(), context);
  }

  private RecordingSink(Vertx vertx, TestConnectorContext context) {
    this.vertx = vertx;
    this.context = context;
    this.committed = context == null ? null : context.committedCheckpoint().orElse(null);
  }

  @Override
  public Future<Void> accept(List<ChangeRecord> changes, Checkpoint after) {
    boolean commit;
    synchronized (this) {
      refusing = refusing || refuse.test(changes);
      commit = !refusing;
      batches.add(new Batch(List.copyOf(changes), after, System.nanoTime(), commit));
      if (commit && after != null) {
        committed = after;
        if (context != null) {
          context.commit(after);
        }
      }
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
        : Future.failedFuture(new IllegalStateException("The store refused the batch "
            + "(RecordingSink told to fail); the watch restarts from the last committed "
            + "checkpoint"));
  }

  /**
   * Refuses the next batch and, as the hub's sink, every later one: the store has failed.
   */
  public void failNext() {
    refuseWhen(changes -> true);
  }

  /**
   * Refuses the first batch whose records match, and every later one.
   *
   * @param rule which batch fails first
   */
  public synchronized void refuseWhen(Predicate<List<ChangeRecord>> rule) {
    refuse = rule;
  }

  /**
   * The batches so far, committed and refused, in the order they arrived.
   *
   * @return a copy of the batches
   */
  public synchronized List<Batch> batches() {
    return List.copyOf(batches);
  }

  /**
   * Every record so far, committed or refused, in delivery order.
   *
   * @return the records
   */
  public synchronized List<ChangeRecord> records() {
    return batches.stream().flatMap(b -> b.changes().stream()).toList();
  }

  /**
   * The records of committed batches, in delivery order: what the hub stored.
   *
   * @return the records
   */
  public synchronized List<ChangeRecord> committedRecords() {
    return batches.stream().filter(Batch::committed).flatMap(b -> b.changes().stream())
        .toList();
  }

  /**
   * How many batches this sink refused.
   *
   * @return the number of refused batches
   */
  public synchronized int refusedBatches() {
    return (int) batches.stream().filter(b -> !b.committed()).count();
  }

  /**
   * The last checkpoint this sink committed (or its context held when the sink was made).
   *
   * @return the checkpoint, or empty
   */
  public synchronized Optional<Checkpoint> committedCheckpoint() {
    return Optional.ofNullable(committed);
  }

  /**
   * The first record so far that matches.
   *
   * @param condition which record
   * @return the record, or empty
   */
  public synchronized Optional<ChangeRecord> find(Predicate<ChangeRecord> condition) {
    return records().stream().filter(condition).findFirst();
  }

  /**
   * Waits for a record.
   *
   * @param condition which record
   * @param timeout how long at most
   * @return the first matching record and when it arrived
   * @throws AssertionError when none arrived in time, listing the records so far
   * @throws InterruptedException when interrupted while waiting
   */
  public Arrival awaitRecord(Predicate<ChangeRecord> condition, Duration timeout)
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
    }, timeout, "matching record");
  }

  /**
   * Waits for a batch.
   *
   * @param condition which batch
   * @param timeout how long at most
   * @return the first matching batch
   * @throws AssertionError when none arrived in time
   * @throws InterruptedException when interrupted while waiting
   */
  public Batch awaitBatch(Predicate<Batch> condition, Duration timeout)
      throws InterruptedException {
    return await(() -> batches.stream().filter(condition).findFirst(), timeout,
        "matching batch");
  }

  /**
   * Waits for a number of batches, committed or refused.
   *
   * @param count how many
   * @param timeout how long at most
   * @throws AssertionError when fewer arrived in time
   * @throws InterruptedException when interrupted while waiting
   */
  public void awaitBatches(int count, Duration timeout) throws InterruptedException {
    await(() -> batches.size() >= count ? Optional.of(true) : Optional.empty(), timeout,
        count + " batches");
  }

  /**
   * Waits until a checkpoint is committed with or after the batch that holds a matching record:
   * the moment the hub has durably stored that change and the position after it.
   *
   * @param condition which record
   * @param timeout how long at most
   * @return the checkpoint committed with or after that record
   * @throws AssertionError when the record or a checkpoint after it did not arrive in time
   * @throws InterruptedException when interrupted while waiting
   */
  public Checkpoint awaitCheckpointAfter(Predicate<ChangeRecord> condition, Duration timeout)
      throws InterruptedException {
    return await(() -> {
      boolean seen = false;
      for (Batch batch : batches) {
        seen = seen || batch.changes().stream().anyMatch(condition);
        if (seen && batch.committed() && batch.after() != null) {
          return Optional.of(batch.after());
        }
      }
      return Optional.empty();
    }, timeout, "committed checkpoint with or after a matching record");
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
        throw new AssertionError("No " + what + " within " + timeout + "; batches so far: "
            + batches);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }
}
