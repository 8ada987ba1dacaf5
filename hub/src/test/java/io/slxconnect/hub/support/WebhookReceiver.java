package io.slxconnect.hub.support;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A webhook endpoint on loopback for tests: records every request it gets and answers what the
 * test tells it to (204 by default). It can go down (stop listening) and come back on the same
 * port.
 */
public final class WebhookReceiver implements AutoCloseable {

  /**
   * A request the receiver got.
   *
   * @param path its path
   * @param headers the request headers, names lower case
   * @param body the exact body
   * @param receivedAtNanos {@link System#nanoTime()} when it arrived
   * @param answered the status the receiver answered, {@code 0} until it has
   */
  public record Received(String path, Map<String, String> headers, String body,
      long receivedAtNanos, int answered) {

    /** {@return the body as JSON: the CloudEvent} */
    public JsonObject event() {
      return new JsonObject(body);
    }

    /**
     * Checks the signature with the independent Standard Webhooks library.
     *
     * @param secret the secret, {@code whsec_...}
     * @throws WebhookVerificationException when it does not verify
     */
    public void verify(String secret) throws WebhookVerificationException {
      new Webhook(secret).verify(body, Map.of(
          "webhook-id", List.of(headers.get("webhook-id")),
          "webhook-timestamp", List.of(headers.get("webhook-timestamp")),
          "webhook-signature", List.of(headers.get("webhook-signature"))));
    }
  }

  /**
   * An answer.
   *
   * @param status the status
   * @param headers headers to add
   * @param body the body
   * @param delay how long to wait before answering
   */
  public record Answer(int status, Map<String, String> headers, String body, Duration delay) {

    /**
     * An answer at once.
     *
     * @param status the status
     * @param headers headers to add
     * @param body the body
     */
    public Answer(int status, Map<String, String> headers, String body) {
      this(status, headers, body, Duration.ZERO);
    }

    /**
     * An answer with only a status.
     *
     * @param status the status
     * @return the answer
     */
    public static Answer of(int status) {
      return new Answer(status, Map.of(), "");
    }

    /**
     * An answer that comes late.
     *
     * @param status the status
     * @param delay the wait
     * @return the answer
     */
    public static Answer late(int status, Duration delay) {
      return new Answer(status, Map.of(), "", delay);
    }
  }

  private final Vertx vertx;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile Function<Received, Answer> answers = r -> Answer.of(204);
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger mostOpen = new AtomicInteger();
  private HttpServer server;
  private int port;

  private WebhookReceiver(Vertx vertx) {
    this.vertx = vertx;
  }

  /** {@return a receiver listening on a free loopback port} */
  public static WebhookReceiver start() {
    WebhookReceiver receiver = new WebhookReceiver(Vertx.vertx());
    receiver.listen(0);
    return receiver;
  }

  private void listen(int onPort) {
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(onPort))
        .requestHandler(this::handle);
    port = server.listen().await().actualPort();
  }

  private void handle(HttpServerRequest request) {
    mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
    request.response().endHandler(v -> open.decrementAndGet());
    request.body().onSuccess(body -> {
      Map<String, String> headers = new java.util.HashMap<>();
      request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
      Received got = new Received(request.path(), headers, body.toString(), System.nanoTime(),
          0);
      Answer answer = answers.apply(got);
      received.add(new Received(got.path(), headers, got.body(), got.receivedAtNanos(),
          answer.status()));
      var response = request.response().setStatusCode(answer.status());
      answer.headers().forEach(response::putHeader);
      if (answer.delay().isZero()) {
        response.end(answer.body());
      } else {
        vertx.setTimer(answer.delay().toMillis(), t -> response.end(answer.body()));
      }
    });
  }

  /**
   * Sets how the receiver answers.
   *
   * @param answers the answer to each request
   */
  public void answer(Function<Received, Answer> answers) {
    this.answers = answers;
  }

  /** Stops listening: connections are refused, as when the receiver is down. */
  public void goDown() {
    server.close().await();
  }

  /** Listens again on the same port. */
  public void comeBack() {
    listen(port);
  }

  /**
   * The URL of a path.
   *
   * @param path the path
   * @return the URL
   */
  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /**
   * What arrived at a path.
   *
   * @param path the path
   * @return the requests, in arrival order
   */
  public List<Received> at(String path) {
    List<Received> list = new ArrayList<>();
    for (Received r : received) {
      if (r.path().equals(path)) {
        list.add(r);
      }
    }
    return list;
  }

  /**
   * What arrived at a path and was answered with a 2xx.
   *
   * @param path the path
   * @return the requests, in arrival order
   */
  public List<Received> accepted(String path) {
    return at(path).stream().filter(r -> r.answered() >= 200 && r.answered() < 300).toList();
  }

  /**
   * The CloudEvent ids of some requests.
   *
   * @param received the requests
   * @return their events' ids
   */
  public static Set<String> eventIds(List<Received> received) {
    Set<String> ids = new HashSet<>();
    received.forEach(r -> ids.add(r.event().getString("id")));
    return ids;
  }

  /** {@return the most requests that were ever open at once} */
  public int mostAtOnce() {
    return mostOpen.get();
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
