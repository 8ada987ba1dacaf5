package io.slxconnect.hub.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that starts now and runs faster than real time, to live through hours in seconds. */
public final class AcceleratedClock extends Clock {

  private final Instant start = Instant.now();
  private final long startNanos = System.nanoTime();
  private final long factor;

  /**
   * Creates the clock.
   *
   * @param factor how many times faster than real time it runs
   */
  public AcceleratedClock(long factor) {
    this.factor = factor;
  }

  @Override
  public Instant instant() {
    return start.plusNanos((System.nanoTime() - startNanos) * factor);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("The accelerated clock is in UTC");
  }
}
