package io.slxconnect.hub.http;

import java.util.List;

/**
 * A request the API refuses, turned into an {@code application/problem+json} answer (RFC 9457)
 * by {@link Problems}. The message is the problem's {@code detail}: say what is wrong and how to
 * fix it, never include a secret or a stack trace.
 */
public class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;
  private final transient List<FieldError> errors;
  private final Long retryAfterSeconds;

  /**
   * One field of the request that is wrong.
   *
   * @param field where, as a JSON pointer into the body ({@code /settings/port}) or a parameter name
   * @param message what is wrong with it
   */
  public record FieldError(String field, String message) {
  }

  ApiException(int status, String title, String detail, List<FieldError> errors,
      Long retryAfterSeconds) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** @return the HTTP status */
  public int status() {
    return status;
  }

  /** @return the short, fixed title of this kind of problem */
  public String title() {
    return title;
  }

  /** @return the wrong fields, possibly none */
  public List<FieldError> errors() {
    return errors;
  }

  /** @return seconds after which the client may try again, or {@code null} */
  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /**
   * 400: the request is malformed.
   *
   * @param detail what is wrong
   * @param errors the wrong fields
   * @return the exception
   */
  public static ApiException badRequest(String detail, List<FieldError> errors) {
    return new ApiException(400, "Bad request", detail, errors, null);
  }

  /**
   * 401: no valid credentials.
   *
   * @param detail why
   * @return the exception
   */
  public static ApiException unauthorized(String detail) {
    return new ApiException(401, "Unauthorized", detail, List.of(), null);
  }

  /**
   * 403: authenticated, but not allowed.
   *
   * @param detail why
   * @return the exception
   */
  public static ApiException forbidden(String detail) {
    return new ApiException(403, "Forbidden", detail, List.of(), null);
  }

  /**
   * 404: no such resource.
   *
   * @param detail what was not found
   * @return the exception
   */
  public static ApiException notFound(String detail) {
    return new ApiException(404, "Not found", detail, List.of(), null);
  }

  /**
   * 409: conflicts with the current state.
   *
   * @param detail what conflicts
   * @return the exception
   */
  public static ApiException conflict(String detail) {
    return new ApiException(409, "Conflict", detail, List.of(), null);
  }

  /**
   * 413: the body is larger than the hub accepts.
   *
   * @param detail the limit, and the setting that sets it
   * @return the exception
   */
  public static ApiException tooLarge(String detail) {
    return new ApiException(413, "Request body too large", detail, List.of(), null);
  }

  /**
   * 422: well-formed, but the values are not acceptable.
   *
   * @param detail what is wrong
   * @param errors the wrong fields
   * @return the exception
   */
  public static ApiException unprocessable(String detail, List<FieldError> errors) {
    return new ApiException(422, "Invalid values", detail, errors, null);
  }

  /**
   * 503: the hub is overloaded for now.
   *
   * @param detail why
   * @param retryAfterSeconds when to try again
   * @return the exception
   */
  public static ApiException unavailable(String detail, long retryAfterSeconds) {
    return new ApiException(503, "Service unavailable", detail, List.of(), retryAfterSeconds);
  }

  /**
   * 429: too many attempts.
   *
   * @param detail why
   * @param retryAfterSeconds when to try again
   * @return the exception
   */
  public static ApiException tooManyRequests(String detail, long retryAfterSeconds) {
    return new ApiException(429, "Too many requests", detail, List.of(), retryAfterSeconds);
  }
}
