package io.slxconnect.cognito;

import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns the Cognito API's errors into words an admin can act on, and into
 * {@link ConnectorException}s whose reason tells the hub whether to retry. Errors are told apart
 * by the error code Cognito sends ({@code __type}), the same whether or not the SDK has a class
 * for it. Messages never contain credentials: Cognito does not put them in its messages, and the
 * connector adds only the action and the object.
 */
final class CognitoFailures {

  /** Throttling: retried by {@link CognitoCalls}, then reported as {@code RATE_LIMITED}. */
  private static final Set<String> THROTTLING = Set.of("TooManyRequestsException",
      "ThrottlingException", "Throttling", "RequestLimitExceeded");

  /** Error codes with the reason they mean. */
  private static final Map<String, Reason> REASONS = Map.ofEntries(
      Map.entry("AccessDeniedException", Reason.INSUFFICIENT_ACCESS),
      Map.entry("NotAuthorizedException", Reason.INSUFFICIENT_ACCESS),
      Map.entry("UnrecognizedClientException", Reason.AUTHENTICATION_FAILED),
      Map.entry("InvalidSignatureException", Reason.AUTHENTICATION_FAILED),
      Map.entry("IncompleteSignature", Reason.AUTHENTICATION_FAILED),
      Map.entry("ExpiredTokenException", Reason.AUTHENTICATION_FAILED),
      Map.entry("InvalidClientTokenId", Reason.AUTHENTICATION_FAILED),
      Map.entry("UserNotFoundException", Reason.NOT_FOUND),
      Map.entry("ResourceNotFoundException", Reason.NOT_FOUND),
      Map.entry("UsernameExistsException", Reason.ALREADY_EXISTS),
      Map.entry("AliasExistsException", Reason.ALREADY_EXISTS),
      Map.entry("GroupExistsException", Reason.ALREADY_EXISTS),
      Map.entry("InvalidPasswordException", Reason.REJECTED),
      Map.entry("InvalidParameterException", Reason.REJECTED),
      Map.entry("LimitExceededException", Reason.REJECTED),
      Map.entry("UserLambdaValidationException", Reason.REJECTED),
      Map.entry("CodeDeliveryFailureException", Reason.REJECTED),
      Map.entry("UnsupportedUserStateException", Reason.REJECTED),
      Map.entry("InvalidSmsRoleAccessPolicyException", Reason.MISCONFIGURED),
      Map.entry("InvalidSmsRoleTrustRelationshipException", Reason.MISCONFIGURED),
      Map.entry("InvalidEmailRoleAccessPolicyException", Reason.MISCONFIGURED),
      Map.entry("InternalErrorException", Reason.UNAVAILABLE));

  /** What the errors a connector meets most often mean for an admin. */
  private static final Map<String, String> WORDS = Map.ofEntries(
      Map.entry("AccessDeniedException", "the IAM policy of the connector's credentials does not "
          + "allow this action"),
      Map.entry("NotAuthorizedException", "Cognito does not allow this"),
      Map.entry("UnrecognizedClientException", "AWS does not know the access key id"),
      Map.entry("InvalidSignatureException", "the secret access key does not match the access "
          + "key id"),
      Map.entry("ExpiredTokenException", "the credentials have expired"),
      Map.entry("UserNotFoundException", "no such user in the pool"),
      Map.entry("ResourceNotFoundException", "the user pool or group does not exist"),
      Map.entry("UsernameExistsException", "a user with that username already exists"),
      Map.entry("AliasExistsException", "another user already has that e-mail address or phone "
          + "number as a sign-in alias"),
      Map.entry("InvalidPasswordException", "the password does not meet the pool's password "
          + "policy"),
      Map.entry("InvalidParameterException", "Cognito refused a value (check the attribute "
          + "mapping and the pool's attributes)"),
      Map.entry("LimitExceededException", "a limit of the pool is reached"),
      Map.entry("TooManyRequestsException", "Cognito is throttling requests (the account's "
          + "request rate quota is reached)"));

  private CognitoFailures() {
  }

  /**
   * The SDK's error, without the wrappers of the futures it travelled through.
   *
   * @param error the error a future failed with
   * @return its cause, when wrapped
   */
  static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /**
   * The error code Cognito answered with.
   *
   * @param error the failure
   * @return the code, for example {@code UserNotFoundException}, or {@code ""} when the call
   *     did not get an answer or the answer named no code
   */
  static String errorCode(Throwable error) {
    Throwable e = unwrap(error);
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
        && aws.awsErrorDetails().errorCode() != null) {
      return aws.awsErrorDetails().errorCode();
    }
    return "";
  }

  /**
   * Whether a failure has a reason.
   *
   * @param error a failure, usually a {@link ConnectorException}
   * @param reason the reason
   * @return {@code true} when it is a connector error with that reason
   */
  static boolean is(Throwable error, Reason reason) {
    return unwrap(error) instanceof ConnectorException e && e.reason() == reason;
  }

  /**
   * Whether Cognito answered a failed call with an error code, also when the failure was
   * already turned into a {@link ConnectorException}.
   *
   * @param error the failure
   * @param code the error code, for example {@code ResourceNotFoundException}
   * @return {@code true} when Cognito answered with that code
   */
  static boolean hasCode(Throwable error, String code) {
    Throwable e = unwrap(error);
    if (e instanceof ConnectorException && e.getCause() != null) {
      e = e.getCause();
    }
    return code.equals(errorCode(e));
  }

  /**
   * Whether Cognito answered the call at all (with an error), rather than the call failing on
   * the way: no connection, no answer in time.
   *
   * @param error the failure, also when already turned into a {@link ConnectorException}
   * @return {@code true} when the failure is Cognito's answer
   */
  static boolean answered(Throwable error) {
    Throwable e = unwrap(error);
    if (e instanceof ConnectorException && e.getCause() != null) {
      e = e.getCause();
    }
    return e instanceof AwsServiceException;
  }

  /**
   * Whether trying again later may succeed: throttling, a server error, no answer.
   *
   * @param error the failure
   * @return {@code true} for transient failures
   */
  static boolean isTransient(Throwable error) {
    Throwable e = unwrap(error);
    if (e instanceof AwsServiceException aws) {
      return THROTTLING.contains(errorCode(aws)) || aws.isThrottlingException()
          || aws.statusCode() >= 500;
    }
    return e instanceof SdkClientException && !noCredentials(e);
  }

  /** Whether the SDK found no credentials (the default chain of a host that has none). */
  private static boolean noCredentials(Throwable error) {
    String message = error.getMessage();
    return message != null && message.startsWith("Unable to load credentials");
  }

  /**
   * Maps a failed call to the connector error the hub acts on.
   *
   * @param action what was being done, for example "Creating user alice"
   * @param error the failure
   * @return the exception
   */
  static ConnectorException toConnectorException(String action, Throwable error) {
    Throwable e = unwrap(error);
    if (e instanceof ConnectorException known) {
      return known;
    }
    if (e instanceof AwsServiceException aws) {
      String code = errorCode(aws);
      Reason reason = reasonOf(aws, code);
      String words = WORDS.get(code);
      String message = aws.awsErrorDetails() == null ? aws.getMessage()
          : aws.awsErrorDetails().errorMessage();
      String said = (code.isEmpty() ? "HTTP " + aws.statusCode() : code)
          + (message == null || message.isBlank() ? "" : ": " + message);
      return new ConnectorException(reason, action + " failed: "
          + (words == null ? said : words + " [" + said + "]"), e);
    }
    if (e instanceof SdkClientException && noCredentials(e)) {
      return new ConnectorException(Reason.MISCONFIGURED, action + " failed: the hub's host has "
          + "no AWS credentials in the default chain (environment variables, ~/.aws profile, "
          + "container or instance role); set them, or use credentials access-key", e);
    }
    if (e instanceof SdkClientException) {
      return new ConnectorException(Reason.UNAVAILABLE, action + " failed: cannot reach "
          + "Cognito (" + rootCause(e) + ")", e);
    }
    return new ConnectorException(Reason.FAILED, action + " failed: " + rootCause(e), e);
  }

  private static Reason reasonOf(AwsServiceException aws, String code) {
    if (THROTTLING.contains(code) || aws.isThrottlingException()) {
      return Reason.RATE_LIMITED;
    }
    Reason reason = REASONS.get(code);
    if (reason != null) {
      return reason;
    }
    return aws.statusCode() >= 500 ? Reason.UNAVAILABLE : Reason.FAILED;
  }

  /**
   * The innermost cause of an error, as "Type: message".
   *
   * @param error the error
   * @return its root cause, described
   */
  static String rootCause(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
