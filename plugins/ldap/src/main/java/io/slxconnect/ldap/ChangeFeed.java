package io.slxconnect.ldap;

import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ChangeSink;
import io.slxconnect.api.Checkpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Hands the changes a watch sees to the hub's sink, one batch at a time: while a batch is being
 * committed, the changes that arrive meanwhile are gathered into the next one, which carries the
 * newest checkpoint. A change is thus delivered at once when the hub is idle and in growing
 * batches when it is busy. Once a batch fails, the feed stops: the hub restarts the watch from
 * its last committed checkpoint. Thread-safe: SDK listener threads offer, Vert.x threads
 * complete.
 */
final class ChangeFeed {

  /** The most records in one batch; more wait for the next. */
  static final int MAX_BATCH = 1000;

  private final ChangeSink sink;
  private final Consumer<Throwable> onFailure;
  private final BiConsumer<Boolean, String> connection;
  private List<ChangeRecord> waiting = new ArrayList<>();
  private Checkpoint waitingCheckpoint;
  private Checkpoint committed;
  private boolean delivering;
  private boolean failed;

  /**
   * Creates a feed.
   *
   * @param sink where batches go
   * @param onFailure told once when a batch was not committed; the feed delivers nothing after
   * @param connection told whether the watch is connected, with the reason when it is not
   *     (the hub's {@code ConnectorContext.reportConnection})
   */
  ChangeFeed(ChangeSink sink, Consumer<Throwable> onFailure,
      BiConsumer<Boolean, String> connection) {
    this.sink = sink;
    this.onFailure = onFailure;
    this.connection = connection;
  }

  /**
   * Tells the hub the watch lost its connection and reconnects by itself.
   *
   * @param reason what happened, in words
   */
  void connectionLost(String reason) {
    connection.accept(false, reason);
  }

  /** Tells the hub the watch is connected and following changes (again). */
  void connected() {
    connection.accept(true, null);
  }

  /**
   * Adds changes and the position after them; delivers them now if no batch is in flight.
   *
   * @param records the changes, in order; may be empty to only move the checkpoint
   * @param after the position after them, or {@code null} when the source gives none for them
   *     yet (they then go with the next position offered)
   */
  void offer(List<ChangeRecord> records, Checkpoint after) {
    synchronized (this) {
      if (failed) {
        return;
      }
      waiting.addAll(records);
      if (after != null) {
        waitingCheckpoint = after;
      }
      if (delivering || waitingCheckpoint == null) {
        return;
      }
      delivering = true;
    }
    deliverNext();
  }

  /**
   * The position a watch may resume from after it lost its connection: changes up to it are
   * durable in the hub, while later ones may still be in flight (and are delivered, or the feed
   * fails and the hub restarts the watch from its own last checkpoint).
   *
   * @return the checkpoint of the newest batch the sink committed, or {@code null} before the
   *     first
   */
  synchronized Checkpoint committed() {
    return committed;
  }

  /**
   * Stops delivering, for a watch that was stopped: what it still offers goes nowhere, so a
   * stopped watch can never overwrite what a newer one delivers.
   */
  synchronized void close() {
    failed = true;
    waiting = List.of();
  }

  /** {@return whether a batch failed or the feed was closed, so the watch should stop} */
  synchronized boolean failed() {
    return failed;
  }

  private void deliverNext() {
    List<ChangeRecord> batch;
    Checkpoint after;
    synchronized (this) {
      if (failed || waitingCheckpoint == null) {
        delivering = false;
        return;
      }
      if (waiting.size() <= MAX_BATCH) {
        batch = waiting;
        after = waitingCheckpoint;
        waiting = new ArrayList<>();
        waitingCheckpoint = null;
      } else {
        // Too many for one batch: the checkpoint goes with the last part, never earlier.
        batch = new ArrayList<>(waiting.subList(0, MAX_BATCH));
        waiting = new ArrayList<>(waiting.subList(MAX_BATCH, waiting.size()));
        after = null;
      }
    }
    sink.accept(batch, after).onComplete(done -> {
      if (done.succeeded()) {
        if (after != null) {
          synchronized (this) {
            committed = after;
          }
        }
        deliverNext();
        return;
      }
      synchronized (this) {
        failed = true;
        delivering = false;
        waiting = List.of();
      }
      onFailure.accept(done.cause());
    });
  }
}
