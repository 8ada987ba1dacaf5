package io.slxconnect.hub.webhooks;

import io.slxconnect.hub.config.WebhookConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again: the first retry after the configured delay, each
 * next one after twice as long up to the longest delay, each with up to ±20 % jitter so that
 * many failed deliveries do not come back at the same instant. A receiver's {@code Retry-After}
 * is honoured (up to the longest delay). After the last attempt the delivery is exhausted.
 */
public final class RetrySchedule {

  private final WebhookConfig config;

  /**
   * Creates the schedule.
   *
   * @param config the delays and the number of attempts
   */
  public RetrySchedule(WebhookConfig config) {
    this.config = config;
  }

  /**
   * The time of the next attempt.
   *
   * @param attemptsMade the attempts made so far, this one included
   * @param now the time of this attempt
   * @param retryAfter the wait the receiver asked for, if it did
   * @return when to try again, or empty when the delivery is exhausted
   */
  public Optional<Instant> next(int attemptsMade, Instant now, Optional<Duration> retryAfter) {
    if (attemptsMade >= config.maxAttempts()) {
      return Optional.empty();
    }
    Duration backoff = jitter(backoff(attemptsMade));
    Duration wait = retryAfter.filter(asked -> asked.compareTo(backoff) > 0)
        .map(asked -> min(asked, config.maxRetryDelay()))
        .orElse(backoff);
    return Optional.of(now.plus(wait));
  }

  /**
   * The wait after an attempt, before jitter.
   *
   * @param attemptsMade the attempts made so far
   * @return the wait
   */
  Duration backoff(int attemptsMade) {
    Duration wait = config.firstRetryDelay();
    for (int i = 1; i < attemptsMade && wait.compareTo(config.maxRetryDelay()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return min(wait, config.maxRetryDelay());
  }

  private static Duration jitter(Duration wait) {
    double factor = ThreadLocalRandom.current().nextDouble(0.8, 1.2);
    return Duration.ofMillis(Math.round(wait.toMillis() * factor));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
