package io.slxconnect.google;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What Google's answers mean: which failures pass (throttling, Google's own errors) and are worth
 * retrying, and what every failure tells an admin, as a {@link ConnectorException}. Two kinds of
 * answer come back: the Directory API's JSON errors ({@code {"error":{"code","message",
 * "errors":[{"reason"}]}}}) and the OAuth token endpoint's ({@code {"error":"unauthorized_client",
 * "error_description"}}), which the auth library wraps in an {@link IOException}.
 */
final class GoogleFailures {

  /** The 403 reasons Google uses for throttling, which it asks clients to back off from. */
  private static final Set<String> RATE_LIMIT_REASONS = Set.of("rateLimitExceeded",
      "userRateLimitExceeded", "quotaExceeded", "RATE_LIMIT_EXCEEDED");

  /**
   * An error of the Directory API.
   *
   * @param status the HTTP status
   * @param reason the first error reason ({@code notFound}, {@code duplicate}...), or empty
   * @param message Google's message
   * @param retryAfter the {@code Retry-After} delay Google asked for, if any
   */
  record ApiError(int status, String reason, String message, Optional<Duration> retryAfter) {
  }

  /**
   * An error of the OAuth token endpoint.
   *
   * @param error the OAuth error code ({@code unauthorized_client}, {@code invalid_grant})
   * @param description Google's description
   */
  record TokenError(String error, String description) {
  }

  private GoogleFailures() {
  }

  /**
   * The Directory API error in a failure, if it is one.
   *
   * @param failure what the client threw
   * @return the error
   */
  static Optional<ApiError> apiError(Throwable failure) {
    if (!(failure instanceof GoogleJsonResponseException e)) {
      return Optional.empty();
    }
    GoogleJsonError details = e.getDetails();
    String reason = details == null || details.getErrors() == null || details.getErrors().isEmpty()
        ? "" : String.valueOf(details.getErrors().get(0).getReason());
    String message = details == null || details.getMessage() == null ? e.getStatusMessage()
        : details.getMessage();
    return Optional.of(new ApiError(e.getStatusCode(), reason, message, retryAfter(e)));
  }

  /**
   * The token endpoint's error in a failure, if it is one.
   *
   * @param failure what the client or the auth library threw
   * @return the error
   */
  static Optional<TokenError> tokenError(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HttpResponseException e && !(e instanceof GoogleJsonResponseException)) {
        Optional<TokenError> parsed = parseTokenError(e.getContent());
        // The JDK transport cannot read the body of a 401 to a streamed POST, so the token
        // endpoint's 401 (always unauthorized_client) arrives without its body.
        return parsed.isPresent() || e.getStatusCode() != 401 ? parsed
            : Optional.of(new TokenError("unauthorized_client", "401 Unauthorized"));
      }
    }
    return Optional.empty();
  }

  private static Optional<TokenError> parseTokenError(String content) {
    try {
      JsonElement body = content == null ? null : JsonParser.parseString(content);
      if (body == null || !body.isJsonObject() || body.getAsJsonObject().get("error") == null
          || !body.getAsJsonObject().get("error").isJsonPrimitive()) {
        return Optional.empty();
      }
      JsonObject object = body.getAsJsonObject();
      JsonElement description = object.get("error_description");
      return Optional.of(new TokenError(object.get("error").getAsString(),
          description == null ? "" : description.getAsString()));
    } catch (RuntimeException notJson) {
      return Optional.empty();
    }
  }

  /**
   * Whether a failure passes, so that the call is worth repeating after a delay: throttling
   * (403 with a rate-limit reason, 429) and Google's own errors (5xx).
   *
   * @param failure what the client threw
   * @return {@code true} to retry
   */
  static boolean isTransient(Throwable failure) {
    return apiError(failure).map(GoogleFailures::isTransient).orElse(false);
  }

  private static boolean isTransient(ApiError error) {
    return error.status() == 429 || error.status() >= 500
        || error.status() == 403 && RATE_LIMIT_REASONS.contains(error.reason());
  }

  /**
   * Describes a failure for an admin, with the reason the hub acts on.
   *
   * @param what the operation, such as "Reading users"
   * @param failure what the client threw
   * @param settings the admin and the API's address, named in messages
   * @return the exception to fail with
   */
  static ConnectorException describe(String what, Throwable failure, GoogleSettings settings) {
    if (failure instanceof ConnectorException known) {
      return known;
    }
    Optional<ApiError> api = apiError(failure);
    if (api.isPresent()) {
      return describe(what, api.get(), failure, settings);
    }
    Optional<TokenError> token = tokenError(failure);
    if (token.isPresent()) {
      return describe(what, token.get(), failure, settings);
    }
    if (failure instanceof HttpResponseException e) {
      Reason reason = e.getStatusCode() >= 500 ? Reason.UNAVAILABLE : Reason.FAILED;
      return new ConnectorException(reason, what + " failed: Google answered "
          + e.getStatusCode() + " " + e.getStatusMessage(), failure);
    }
    if (failure instanceof IOException) {
      return new ConnectorException(Reason.UNAVAILABLE, what + " failed: cannot reach Google ("
          + settings.apiRootUrl() + "): " + failure.getMessage(), failure);
    }
    return new ConnectorException(Reason.FAILED, what + " failed: " + failure, failure);
  }

  private static ConnectorException describe(String what, ApiError error, Throwable failure,
      GoogleSettings settings) {
    String google = " (Google: " + error.status() + " " + error.reason() + ", "
        + error.message() + ")";
    Reason reason;
    String words;
    if (isTransient(error)) {
      reason = error.status() >= 500 ? Reason.UNAVAILABLE : Reason.RATE_LIMITED;
      words = error.status() >= 500 ? "Google failed on its side; try again later"
          : "Google is throttling the connector's requests (quota exceeded); it slows down and "
          + "retries";
    } else if ("accessNotConfigured".equals(error.reason())
        || "SERVICE_DISABLED".equals(error.reason())) {
      reason = Reason.MISCONFIGURED;
      words = "the Admin SDK API is disabled in the service account's Google Cloud project: "
          + "enable \"Admin SDK API\" in the Cloud console (APIs & Services)";
    } else {
      reason = switch (error.status()) {
        case 401 -> Reason.AUTHENTICATION_FAILED;
        case 403 -> Reason.INSUFFICIENT_ACCESS;
        case 404 -> Reason.NOT_FOUND;
        case 409 -> Reason.ALREADY_EXISTS;
        case 400, 412 -> Reason.REJECTED;
        default -> Reason.FAILED;
      };
      words = switch (reason) {
        case AUTHENTICATION_FAILED -> "Google refused the access token";
        case INSUFFICIENT_ACCESS -> settings.adminEmail() + " is not allowed to do this: make "
            + "it an admin with rights to manage users and groups";
        case NOT_FOUND -> "it does not exist in Google Workspace";
        case ALREADY_EXISTS -> "it exists already in Google Workspace";
        case REJECTED -> "Google refused the values";
        default -> "Google answered an error";
      };
    }
    return new ConnectorException(reason, what + " failed: " + words + google, failure);
  }

  private static ConnectorException describe(String what, TokenError error, Throwable failure,
      GoogleSettings settings) {
    String google = " (Google: " + error.error() + ", " + error.description() + ")";
    if ("unauthorized_client".equals(error.error())) {
      return new ConnectorException(Reason.INSUFFICIENT_ACCESS, what + " failed: the service "
          + "account may not act for " + settings.adminEmail() + " with the scopes "
          + "the connector needs. In the Admin console (Security > API controls > Domain-wide "
          + "delegation), add the service account's client id with the scopes "
          + String.join(",", DirectoryClients.SCOPES) + google, failure);
    }
    String description = error.description().toLowerCase(java.util.Locale.ROOT);
    if ("invalid_grant".equals(error.error()) && (description.contains("email")
        || description.contains("user"))) {
      return new ConnectorException(Reason.AUTHENTICATION_FAILED, what + " failed: the admin "
          + "user " + settings.adminEmail() + " was not found in Google Workspace, or is "
          + "suspended: give the email of an active admin" + google, failure);
    }
    if ("invalid_grant".equals(error.error())) {
      return new ConnectorException(Reason.AUTHENTICATION_FAILED, what + " failed: Google "
          + "refused the service account key (deleted, disabled or expired key?): create a new "
          + "key for the service account" + google, failure);
    }
    return new ConnectorException(Reason.AUTHENTICATION_FAILED, what + " failed: Google "
        + "refused to issue an access token" + google, failure);
  }

  private static Optional<Duration> retryAfter(HttpResponseException e) {
    String value = e.getHeaders() == null ? null
        : e.getHeaders().getFirstHeaderStringValue("Retry-After");
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
    } catch (NumberFormatException httpDate) {
      return Optional.empty();
    }
  }
}
