package io.slxconnect.hub.http;

/**
 * What an API operation answers: a status and a body, which is a JsonObject or JsonArray
 * (sent as JSON), a String (sent with {@code contentType}), or {@code null} for no content.
 *
 * @param status the HTTP status
 * @param body the body, or {@code null}
 * @param contentType the media type of a String body
 */
public record Reply(int status, Object body, String contentType) {

  /** The operation writes the response itself (a stream); nothing more is written. */
  public static final Reply STREAMED = new Reply(0, null, null);

  /**
   * A JSON reply.
   *
   * @param status the HTTP status
   * @param body the JSON body, or {@code null}
   */
  public Reply(int status, Object body) {
    this(status, body, "application/json");
  }

  /**
   * 200 with a text body.
   *
   * @param body the text
   * @param contentType its media type
   * @return the reply
   */
  public static Reply text(String body, String contentType) {
    return new Reply(200, body, contentType);
  }

  /**
   * 200 with a body.
   *
   * @param body the body
   * @return the reply
   */
  public static Reply ok(Object body) {
    return new Reply(200, body);
  }

  /**
   * 201 with the created resource.
   *
   * @param body the resource
   * @return the reply
   */
  public static Reply created(Object body) {
    return new Reply(201, body);
  }

  /**
   * 202: accepted, carried out in the background.
   *
   * @param body what was started
   * @return the reply
   */
  public static Reply accepted(Object body) {
    return new Reply(202, body);
  }

  /** @return 204, no body */
  public static Reply noContent() {
    return new Reply(204, null);
  }
}
