package io.slxconnect.hub.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** A small client of the hub's API for tests, holding the access token after a login. */
public final class ApiClient {

  private final HttpClient http;
  private final String baseUrl;
  private String token;
  private String refreshCookie;

  ApiClient(HttpClient http, String baseUrl) {
    this.http = http;
    this.baseUrl = baseUrl;
  }

  /**
   * A client of any hub.
   *
   * @param baseUrl the hub's base URL
   * @return a client, not logged in
   */
  public static ApiClient forUrl(String baseUrl) {
    return new ApiClient(HttpClient.newHttpClient(), baseUrl);
  }

  /**
   * Logs in; fails the test when the login fails.
   *
   * @param username the admin
   * @param password the password
   * @return this client, now authenticated
   */
  public ApiClient login(String username, String password) {
    Response r = post("/api/v1/auth/login", new JsonObject().put("username", username)
        .put("password", password));
    assertEquals(200, r.status(), () -> "login of " + username + ": " + r.body());
    token = r.json().getString("accessToken");
    refreshCookie = r.headers().firstValue("set-cookie").orElse("").split(";")[0];
    return this;
  }

  /** @return the current access token */
  public String token() {
    return token;
  }

  /** @return the refresh cookie, as name=value */
  public String refreshCookie() {
    return refreshCookie;
  }

  /**
   * Replaces the access token (to test expired or forged ones).
   *
   * @param token the token to send, or null for none
   * @return this
   */
  public ApiClient withToken(String token) {
    this.token = token;
    return this;
  }

  public Response get(String path) {
    return send("GET", path, null, "application/json");
  }

  public Response post(String path, JsonObject body) {
    return send("POST", path, body == null ? null : body.encode(), "application/json");
  }

  public Response put(String path, JsonObject body) {
    return send("PUT", path, body.encode(), "application/json");
  }

  public Response patch(String path, JsonObject body) {
    return send("PATCH", path, body.encode(), "application/json");
  }

  public Response delete(String path) {
    return send("DELETE", path, null, "application/json");
  }

  /**
   * Any request.
   *
   * @param method the method
   * @param path the path
   * @param body the raw body, or null
   * @param contentType its content type
   * @return the response
   */
  public Response send(String method, String path, String body, String contentType) {
    return send(method, path, body, contentType, null);
  }

  /**
   * A text request with one extra header, as a push notification sends it.
   *
   * @param method the method
   * @param path the path
   * @param body the text body
   * @param header the header's name
   * @param value its value
   * @return the response
   */
  public Response sendWithHeader(String method, String path, String body, String header,
      String value) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
          .timeout(Duration.ofSeconds(30)).header(header, value).header("Content-Type",
              "text/plain").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path, e);
    }
  }

  /**
   * Any request, with a cookie.
   *
   * @param method the method
   * @param path the path
   * @param body the raw body, or null
   * @param contentType its content type
   * @param cookie a Cookie header value, or null
   * @return the response
   */
  public Response send(String method, String path, String body, String contentType,
      String cookie) {
    return exchange(method, path, body == null ? null
        : HttpRequest.BodyPublishers.ofString(body), contentType, cookie);
  }

  /**
   * Uploads a file as a browser form does: multipart/form-data, in a field named {@code file}.
   *
   * @param path the path
   * @param fileName the file's name
   * @param content the file
   * @return the response
   */
  public Response upload(String path, String fileName, byte[] content) {
    String boundary = "slx-test-" + java.util.UUID.randomUUID();
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
        + "filename=\"" + fileName + "\"\r\nContent-Type: application/java-archive\r\n\r\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return exchange("POST", path, HttpRequest.BodyPublishers.ofByteArrays(
        List.of(head, content, tail)), "multipart/form-data; boundary=" + boundary, null);
  }

  private Response exchange(String method, String path, HttpRequest.BodyPublisher body,
      String contentType, String cookie) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
    if (body != null) {
      b.header("Content-Type", contentType);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), ApiClient::bodyUnlessStream);
      return new Response(r.statusCode(), r.body(), r.headers());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path, e);
    }
  }

  /**
   * The body as text; an event stream, which never ends, is not read (the body is empty).
   */
  private static HttpResponse.BodySubscriber<String> bodyUnlessStream(
      HttpResponse.ResponseInfo info) {
    if (!info.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
      return HttpResponse.BodySubscribers.ofString(java.nio.charset.StandardCharsets.UTF_8);
    }
    return new HttpResponse.BodySubscriber<>() {
      @Override
      public java.util.concurrent.CompletionStage<String> getBody() {
        return java.util.concurrent.CompletableFuture.completedFuture("");
      }

      @Override
      public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
        subscription.cancel();
      }

      @Override
      public void onNext(List<java.nio.ByteBuffer> item) {
      }

      @Override
      public void onError(Throwable throwable) {
      }

      @Override
      public void onComplete() {
      }
    };
  }

  /**
   * A response.
   *
   * @param status the status
   * @param body the body
   * @param headers the headers
   */
  public record Response(int status, String body, java.net.http.HttpHeaders headers) {

    /** @return the body as a JSON object */
    public JsonObject json() {
      return new JsonObject(body);
    }

    /** @return the body as a JSON array */
    public io.vertx.core.json.JsonArray array() {
      return new io.vertx.core.json.JsonArray(body);
    }

    /** @return the Content-Type header */
    public String contentType() {
      return headers.firstValue("content-type").orElse("");
    }
  }
}
