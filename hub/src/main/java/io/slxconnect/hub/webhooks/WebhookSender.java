package io.slxconnect.hub.webhooks;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Makes one delivery attempt: a signed POST of the CloudEvent, with a time limit from connect
 * to last byte, no redirects followed, and only the first kilobyte of the answer kept.
 */
public final class WebhookSender implements AutoCloseable {

  /** How much of an answer the delivery log keeps. */
  static final int RESPONSE_SNIPPET_BYTES = 1024;
  private static final String USER_AGENT = "SLX-Connect-Webhooks/1.0";

  private final Vertx vertx;
  private final HttpClientAgent client;
  private final Duration timeout;
  private final DestinationPolicy policy;
  private final Clock clock;

  /**
   * Creates the sender.
   *
   * @param vertx the Vert.x instance
   * @param timeout the time limit of one attempt
   * @param policy which destinations may be called
   * @param clock gives the {@code webhook-timestamp}
   */
  public WebhookSender(Vertx vertx, Duration timeout, DestinationPolicy policy, Clock clock) {
    this.vertx = vertx;
    this.timeout = timeout;
    this.policy = policy;
    this.clock = clock;
    // TLS certificates and host names are verified against the JVM's trust store (defaults).
    this.client = vertx.httpClientBuilder()
        .with(new HttpClientOptions()
            .setConnectTimeout((int) timeout.toMillis())
            .setKeepAlive(true)
            .setVerifyHost(true)
            .setDecompressionSupported(false))
        .with(new PoolOptions().setHttp1MaxSize(100).setMaxWaitQueueSize(10_000))
        .build();
  }

  /**
   * Attempts a delivery.
   *
   * @param delivery the delivery, with the secrets of its subscription
   * @return the result; never a failed future
   */
  public Future<AttemptResult> send(Delivery delivery) {
    Optional<String> refusal = policy.refusal(delivery.target().url());
    if (refusal.isPresent()) {
      return Future.succeededFuture(AttemptResult.notSent("Not sent: " + refusal.get()));
    }
    Buffer body = delivery.cloudEvent().toBuffer();
    long timestamp = clock.instant().getEpochSecond();
    RequestOptions request = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(delivery.target().url())
        .setFollowRedirects(false)
        .putHeader("Content-Type", "application/cloudevents+json; charset=utf-8")
        .putHeader("User-Agent", USER_AGENT)
        .putHeader("webhook-id", delivery.messageId())
        .putHeader("webhook-timestamp", Long.toString(timestamp))
        .putHeader("webhook-signature", WebhookSignature.header(delivery.messageId(),
            timestamp, body.getBytes(), delivery.target().secrets()));
    long started = System.nanoTime();
    Promise<AttemptResult> result = Promise.promise();
    HttpClientRequest[] underWay = new HttpClientRequest[1];
    long deadline = vertx.setTimer(timeout.toMillis(), t -> {
      if (result.tryComplete(AttemptResult.noAnswer(elapsed(started), "No complete answer "
          + "within " + timeout.toMillis() + " ms")) && underWay[0] != null) {
        underWay[0].reset();
      }
    });
    client.request(request)
        .compose(req -> {
          underWay[0] = req;
          return req.send(body);
        })
        .compose(response -> readSnippet(response).map(snippet -> AttemptResult.answered(
            response.statusCode(), elapsed(started), snippet, retryAfter(response))))
        .onSuccess(result::tryComplete)
        .onFailure(e -> result.tryComplete(AttemptResult.noAnswer(elapsed(started),
            describe(e))));
    return result.future().onComplete(done -> vertx.cancelTimer(deadline));
  }

  /** Reads the answer up to the snippet's size; the rest is drained and dropped. */
  private static Future<String> readSnippet(HttpClientResponse response) {
    Promise<String> snippet = Promise.promise();
    Buffer kept = Buffer.buffer();
    response.handler(chunk -> {
      int room = RESPONSE_SNIPPET_BYTES - kept.length();
      if (room > 0) {
        kept.appendBuffer(chunk.length() <= room ? chunk : chunk.slice(0, room));
      }
    });
    response.exceptionHandler(snippet::tryFail);
    response.endHandler(v -> snippet.tryComplete(kept.length() == 0 ? null
        // PostgreSQL text cannot hold NUL; a binary answer is kept readable.
        : new String(kept.getBytes(), StandardCharsets.UTF_8).replace('\u0000', ' ')));
    return snippet.future();
  }

  /** {@code Retry-After} in seconds or as an HTTP date. */
  static Optional<Duration> retryAfter(HttpClientResponse response) {
    String value = response.getHeader("Retry-After");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.trim(),
            DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(java.time.Instant.now(), at.toInstant());
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return "No answer: " + message;
  }

  private static long elapsed(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }

  @Override
  public void close() {
    client.close();
  }
}
