package io.slxconnect.cognito;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, for calls Cognito throttled or could not answer: the n-th
 * retry waits between half and all of {@code first * 2^(n-1)}, at most {@code max}, so that
 * several callers throttled together do not come back in step.
 *
 * @param first the delay before the first retry, before jitter
 * @param max the longest delay
 * @param attempts how many calls in all, the first included
 */
record RetryDelays(Duration first, Duration max, int attempts) {

  /**
   * What calls use: 6 calls in all, waiting about 0.2, 0.4, 0.8, 1.6 and 3.2 s between them, so
   * that a call gives up after some 6 s of throttling, well within the hub's 30 s call timeout;
   * the hub then retries the whole operation later ({@code RATE_LIMITED}).
   */
  static final RetryDelays CALLS =
      new RetryDelays(Duration.ofMillis(200), Duration.ofSeconds(5), 6);

  /**
   * For the permission probes of "Test connection": three calls at most, so that a connection
   * closed under a call or a short throttle does not fail the test, while an answer that keeps
   * failing (an emulator's HTTP 500) costs well under a second.
   */
  static final RetryDelays PROBES =
      new RetryDelays(Duration.ofMillis(100), Duration.ofSeconds(1), 3);

  /** Between failed passes of a watch: 1 s, doubling up to one minute. */
  static final RetryDelays WATCH = new RetryDelays(Duration.ofSeconds(1), Duration.ofMinutes(1),
      Integer.MAX_VALUE);

  /**
   * The delay before a retry.
   *
   * @param retry 1 for the first retry, 2 for the second...
   * @return the delay, jittered
   */
  Duration before(int retry) {
    long full = first.toMillis() << Math.min(Math.max(retry - 1, 0), 20);
    long capped = Math.min(full, max.toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
  }
}
