package io.slxconnect.hub.config;

import java.time.Duration;
import java.util.List;

/**
 * How the hub delivers webhooks; see docs/webhooks.md.
 *
 * @param timeout the time limit of one delivery attempt, connect to last byte
 * @param firstRetryDelay the wait before the first retry; it doubles with each attempt
 * @param maxRetryDelay the longest wait between two attempts
 * @param maxAttempts the attempts after which a delivery is exhausted
 * @param allowedHosts the destination hosts subscriptions may name ({@code *.example.com}
 *     matches any subdomain); empty: any host
 * @param logRetention how long delivered deliveries stay in the delivery log
 */
public record WebhookConfig(Duration timeout, Duration firstRetryDelay, Duration maxRetryDelay,
    int maxAttempts, List<String> allowedHosts, Duration logRetention) {

  /**
   * The defaults: 10 s per attempt, 5 s doubling up to 1 h, 24 attempts (about 14 hours),
   * delivered deliveries kept 7 days.
   */
  public static final WebhookConfig DEFAULTS = new WebhookConfig(Duration.ofSeconds(10),
      Duration.ofSeconds(5), Duration.ofHours(1), 24, List.of(), Duration.ofDays(7));
}
