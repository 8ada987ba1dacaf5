package io.slxconnect.hub.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Delivery attempts in the hub's Prometheus metrics: {@code slx_webhook_attempts_total} by
 * outcome and {@code slx_webhook_attempt_seconds}, how long the endpoints took to answer.
 */
public final class WebhookMetrics {

  private final Map<AttemptResult.Verdict, Counter> attempts =
      new EnumMap<>(AttemptResult.Verdict.class);
  private final Timer duration;

  /**
   * Registers the metrics.
   *
   * @param registry the hub's registry
   */
  public WebhookMetrics(MeterRegistry registry) {
    for (AttemptResult.Verdict verdict : AttemptResult.Verdict.values()) {
      attempts.put(verdict, Counter.builder("slx.webhook.attempts")
          .description("Webhook delivery attempts by outcome")
          .tag("outcome", verdict.name().toLowerCase(Locale.ROOT))
          .register(registry));
    }
    duration = Timer.builder("slx.webhook.attempt")
        .description("How long a webhook delivery attempt took")
        .publishPercentileHistogram()
        .register(registry);
  }

  /**
   * Counts an attempt.
   *
   * @param result what it came to
   */
  void attempted(AttemptResult result) {
    attempts.get(result.verdict()).increment();
    duration.record(Duration.ofMillis(result.durationMs()));
  }
}
