package io.slxconnect.hub.events;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the open live-feed streams, so that events are only read for the feed when watched. */
public final class LiveFeed {

  private final AtomicInteger watchers = new AtomicInteger();

  /** {@return whether a stream is open} */
  public boolean watched() {
    return watchers.get() > 0;
  }

  void opened() {
    watchers.incrementAndGet();
  }

  void closed() {
    watchers.decrementAndGet();
  }
}
