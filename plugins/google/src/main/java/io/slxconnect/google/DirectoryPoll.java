package io.slxconnect.google;

import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ConnectorContext;
import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads listings every interval and delivers what changed since the last one
 * ({@link Snapshot}): groups and their members, which Google does not push, and users when push
 * notifications are off. A failed poll marks the connector degraded until one succeeds; polls
 * never overlap.
 */
final class DirectoryPoll {

  /**
   * One listing to poll.
   *
   * @param what the objects, in words, for the log
   * @param read reads every object, as upsert records
   * @param snapshot the last listing
   */
  record Source(String what, Supplier<Future<List<ChangeRecord>>> read, Snapshot snapshot) {
  }

  private final ConnectorContext context;
  private final Duration interval;
  private final List<Source> sources;
  private final ChangeFeed feed;
  private volatile boolean closed;
  private volatile long timer = -1;

  /**
   * Creates the poll; {@link #start()} runs the first one at once.
   *
   * @param context for timers, the log and connection reports
   * @param interval the time between the end of one poll and the start of the next
   * @param sources what to poll
   * @param feed where changes go
   */
  DirectoryPoll(ConnectorContext context, Duration interval, List<Source> sources,
      ChangeFeed feed) {
    this.context = context;
    this.interval = interval;
    this.sources = sources;
    this.feed = feed;
  }

  /**
   * Runs the first poll, then one every interval.
   *
   * @return completes when the first poll is done (failed or not)
   */
  Future<Void> start() {
    return pollOnce().eventually(() -> {
      schedule();
      return Future.succeededFuture();
    });
  }

  /** Stops polling. */
  void close() {
    closed = true;
    context.vertx().cancelTimer(timer);
  }

  private void schedule() {
    if (!closed) {
      timer = context.vertx().setTimer(interval.toMillis(),
          id -> pollOnce().onComplete(done -> schedule()));
    }
  }

  private Future<Void> pollOnce() {
    Future<Void> all = Future.succeededFuture();
    for (Source source : sources) {
      all = all.compose(v -> poll(source));
    }
    return all.onSuccess(v -> context.reportConnection(true, null)).onFailure(e -> {
      if (!closed) {
        context.logger().log(Level.WARNING, "Polling Google Workspace failed; trying again in "
            + "{0} s: {1}", interval.toSeconds(), e.getMessage());
        context.reportConnection(false, e.getMessage());
      }
    });
  }

  private Future<Void> poll(Source source) {
    return source.read().get().compose(records -> {
      Map<String, ChangeRecord> byId = new LinkedHashMap<>();
      records.forEach(r -> byId.put(r.externalId(), r));
      List<ChangeRecord> changes = source.snapshot().changes(byId);
      if (!changes.isEmpty()) {
        context.logger().log(Level.DEBUG, "{0} {1} changed", changes.size(), source.what());
      }
      return changes.isEmpty() ? Future.succeededFuture() : feed.deliver(changes);
    });
  }
}
