package io.slxconnect.google;

import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ChangeSink;
import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Hands a watch's batches to the hub's sink, each with the watch's current position (its open
 * channels). Once the hub could not store a batch, the feed refuses every later one, as the hub
 * would, and tells the watch to stop: the hub restarts the connector from the last committed
 * checkpoint.
 */
final class ChangeFeed {

  private final ChangeSink sink;
  private final Supplier<Checkpoint> position;
  private final Consumer<Throwable> onBroken;
  private Throwable broken;

  /**
   * Creates a feed.
   *
   * @param sink the hub's sink
   * @param position the checkpoint that goes with each batch
   * @param onBroken told once, when the hub refused a batch
   */
  ChangeFeed(ChangeSink sink, Supplier<Checkpoint> position, Consumer<Throwable> onBroken) {
    this.sink = sink;
    this.position = position;
    this.onBroken = onBroken;
  }

  /**
   * Delivers a batch (possibly empty, to store a new position).
   *
   * @param changes the records
   * @return completes when the hub committed them
   */
  Future<Void> deliver(List<ChangeRecord> changes) {
    Future<Void> accepted;
    synchronized (this) {
      if (broken != null) {
        return Future.failedFuture(broken);
      }
      accepted = sink.accept(changes, position.get());
    }
    return accepted.onFailure(this::breakOff);
  }

  /** Refuses every later batch: the watch stopped. */
  synchronized void close() {
    if (broken == null) {
      broken = new ConnectorException(Reason.UNAVAILABLE, "The watch has stopped");
    }
  }

  private void breakOff(Throwable failure) {
    synchronized (this) {
      if (broken != null) {
        return;
      }
      broken = failure;
    }
    onBroken.accept(failure);
  }
}
