package io.slxconnect.hub.webhooks;

import java.time.Duration;
import java.util.Optional;

/**
 * What one attempt of a delivery came to.
 *
 * @param statusCode the HTTP status, or {@code null} when no answer came
 * @param durationMs how long it took
 * @param error what went wrong, in words, or {@code null} after a 2xx
 * @param response the first bytes of the answer, or {@code null}
 * @param retryAfter the wait the receiver asked for with {@code Retry-After}, if it did
 * @param verdict what the hub does next
 */
public record AttemptResult(Integer statusCode, long durationMs, String error, String response,
    Optional<Duration> retryAfter, Verdict verdict) {

  /** What the hub does next. */
  public enum Verdict {
    /** A 2xx: done. */
    DELIVERED,
    /** No answer, a time-out, 408, 429 or 5xx: try again later. */
    RETRY,
    /** Another answer (3xx, 4xx), or a destination the hub may not call: trying again would
     * not help. */
    REFUSED,
    /** 410 Gone: the endpoint is no more; the subscription is disabled. */
    GONE
  }

  /**
   * The receiver answered.
   *
   * @param statusCode the status
   * @param durationMs how long it took
   * @param response the first bytes of the answer
   * @param retryAfter the wait it asked for
   * @return the result
   */
  public static AttemptResult answered(int statusCode, long durationMs, String response,
      Optional<Duration> retryAfter) {
    Verdict verdict = verdict(statusCode);
    return new AttemptResult(statusCode, durationMs,
        verdict == Verdict.DELIVERED ? null : "The endpoint answered HTTP " + statusCode,
        response, retryAfter, verdict);
  }

  /**
   * No answer came: the connection failed or the time ran out.
   *
   * @param durationMs how long it took
   * @param error what happened, in words
   * @return the result
   */
  public static AttemptResult noAnswer(long durationMs, String error) {
    return new AttemptResult(null, durationMs, error, null, Optional.empty(), Verdict.RETRY);
  }

  /**
   * The hub did not send it.
   *
   * @param error why, in words
   * @return the result
   */
  public static AttemptResult notSent(String error) {
    return new AttemptResult(null, 0, error, null, Optional.empty(), Verdict.REFUSED);
  }

  private static Verdict verdict(int statusCode) {
    if (statusCode >= 200 && statusCode < 300) {
      return Verdict.DELIVERED;
    }
    if (statusCode == 410) {
      return Verdict.GONE;
    }
    if (statusCode == 408 || statusCode == 429 || statusCode >= 500) {
      return Verdict.RETRY;
    }
    return Verdict.REFUSED;
  }
}
