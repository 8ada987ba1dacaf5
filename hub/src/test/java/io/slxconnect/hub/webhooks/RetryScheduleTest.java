package io.slxconnect.hub.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.hub.config.WebhookConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The default retry schedule: what a receiver that is down sees, and when the hub gives up. */
class RetryScheduleTest {

  private final RetrySchedule schedule = new RetrySchedule(WebhookConfig.DEFAULTS);
  private final Instant now = Instant.parse("2026-11-26T10:00:00Z");

  @Test
  void waitsDoubleFromFiveSecondsUpToAnHour() {
    assertEquals(Duration.ofSeconds(5), schedule.backoff(1));
    assertEquals(Duration.ofSeconds(10), schedule.backoff(2));
    assertEquals(Duration.ofSeconds(640), schedule.backoff(8));
    assertEquals(Duration.ofHours(1), schedule.backoff(11));
    assertEquals(Duration.ofHours(1), schedule.backoff(23));
  }

  @Test
  void eachWaitHasUpToAFifthOfJitterEitherWay() {
    for (int i = 0; i < 200; i++) {
      Duration wait = Duration.between(now, schedule.next(3, now, Optional.empty()).orElseThrow());
      assertTrue(wait.toMillis() >= 16_000 && wait.toMillis() <= 24_000, wait.toString());
    }
  }

  @Test
  void aLongerRetryAfterIsHonouredUpToTheLongestWait() {
    assertEquals(now.plus(Duration.ofMinutes(10)), schedule.next(1, now,
        Optional.of(Duration.ofMinutes(10))).orElseThrow());
    assertEquals(now.plus(Duration.ofHours(1)), schedule.next(1, now,
        Optional.of(Duration.ofDays(2))).orElseThrow());
  }

  @Test
  void afterTheLastAttemptTheDeliveryIsExhaustedAboutFourteenHoursAfterTheFirst() {
    Duration total = Duration.ZERO;
    for (int attempts = 1; attempts < WebhookConfig.DEFAULTS.maxAttempts(); attempts++) {
      total = total.plus(schedule.backoff(attempts));
    }
    assertTrue(total.compareTo(Duration.ofHours(14)) > 0
        && total.compareTo(Duration.ofHours(15)) < 0, total.toString());
    assertEquals(Optional.empty(), schedule.next(24, now, Optional.empty()));
  }
}
