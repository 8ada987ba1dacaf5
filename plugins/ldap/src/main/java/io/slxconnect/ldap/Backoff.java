package io.slxconnect.ldap;

import java.time.Duration;

/**
 * Growing delays between reconnection attempts: 1 s, doubling up to one minute, with up to 20 %
 * random jitter so that many connectors do not reconnect in step; back to 1 s after a success.
 * Not thread-safe: one watch owns one.
 */
final class Backoff {

  private static final Duration FIRST = Duration.ofSeconds(1);
  private static final Duration MAX = Duration.ofMinutes(1);

  private Duration next = FIRST;

  /** {@return the delay before the next attempt, and grows the one after} */
  Duration nextDelay() {
    Duration delay = next;
    next = next.multipliedBy(2).compareTo(MAX) > 0 ? MAX : next.multipliedBy(2);
    long jitter = (long) (delay.toMillis() * 0.2 * java.util.concurrent.ThreadLocalRandom.current()
        .nextDouble());
    return delay.plusMillis(jitter);
  }

  /** Starts again from the first delay, after a connection succeeded. */
  void reset() {
    next = FIRST;
  }
}
