package io.slxconnect.api;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where a watching instance delivers changes. The hub commits a batch and its checkpoint in one
 * transaction; only when the returned future succeeds may the instance acknowledge the changes
 * to its source. Batches are committed in the order they are accepted.
 *
 * <p>Once a batch could not be stored, the sink refuses every later batch (its checkpoint would
 * skip the lost changes) and the hub restarts the connector from the last committed
 * checkpoint.
 */
public interface ChangeSink {

  /**
   * Delivers changes and the checkpoint that follows them.
   *
   * @param changes the changes, in the order they happened; may be empty to only move the
   *     checkpoint (a renewed push channel, a quiet interval)
   * @param after the position just after the last change; {@code null} stores the changes
   *     without moving the checkpoint (a large burst split into several batches: only the
   *     last carries the position)
   * @return completes once the changes and the checkpoint are durable
   */
  Future<Void> accept(List<ChangeRecord> changes, Checkpoint after);
}
