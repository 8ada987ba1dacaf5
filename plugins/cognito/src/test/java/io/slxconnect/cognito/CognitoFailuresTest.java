package io.slxconnect.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Cognito's error codes in words, with the reason that decides whether the hub retries. */
class CognitoFailuresTest {

  private static Throwable answer(int status, String code, String message) {
    return new CompletionException(AwsServiceException.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
        .build());
  }

  private static ConnectorException mapped(Throwable error) {
    return CognitoFailures.toConnectorException("Setting the password of user alice", error);
  }

  @Test
  void errorsBecomeReasonsTheHubActsOn() {
    assertEquals(Reason.REJECTED, mapped(answer(400, "InvalidPasswordException",
        "Password did not conform with policy: Password not long enough")).reason());
    assertEquals(Reason.NOT_FOUND, mapped(answer(400, "UserNotFoundException", "x")).reason());
    assertEquals(Reason.ALREADY_EXISTS,
        mapped(answer(400, "UsernameExistsException", "x")).reason());
    assertEquals(Reason.REJECTED, mapped(answer(400, "InvalidParameterException", "x")).reason());
    assertEquals(Reason.INSUFFICIENT_ACCESS,
        mapped(answer(400, "NotAuthorizedException", "x")).reason());
    assertEquals(Reason.INSUFFICIENT_ACCESS,
        mapped(answer(400, "AccessDeniedException", "x")).reason());
    assertEquals(Reason.AUTHENTICATION_FAILED,
        mapped(answer(400, "UnrecognizedClientException", "x")).reason());
    assertEquals(Reason.RATE_LIMITED,
        mapped(answer(400, "TooManyRequestsException", "x")).reason());
    assertEquals(Reason.UNAVAILABLE, mapped(answer(500, "InternalErrorException", "x")).reason());
    assertEquals(Reason.UNAVAILABLE,
        mapped(SdkClientException.create("Connection refused")).reason());
    assertEquals(Reason.FAILED, mapped(answer(400, "SomethingNewException", "x")).reason());
  }

  @Test
  void messagesSayWhatFailedInWordsAndKeepCognitosOwn() {
    assertEquals("Setting the password of user alice failed: the password does not meet the "
        + "pool's password policy [InvalidPasswordException: Password did not conform with "
        + "policy: Password not long enough]", mapped(answer(400, "InvalidPasswordException",
            "Password did not conform with policy: Password not long enough")).getMessage());
    assertEquals("Setting the password of user alice failed: HTTP 500",
        mapped(answer(500, null, null)).getMessage());
  }

  @Test
  void onlyThrottlingServerErrorsAndMissingAnswersAreRetried() {
    assertTrue(CognitoFailures.isTransient(answer(400, "TooManyRequestsException", "x")));
    assertTrue(CognitoFailures.isTransient(answer(503, "ServiceUnavailable", "x")));
    assertTrue(CognitoFailures.isTransient(SdkClientException.create("timeout")));
    assertFalse(CognitoFailures.isTransient(answer(400, "UserNotFoundException", "x")));
    assertFalse(CognitoFailures.isTransient(answer(400, "AccessDeniedException", "x")));
  }

  @Test
  void aHostWithoutCredentialsIsAMisconfigurationNotAnOutage() {
    Throwable none = SdkClientException.create("Unable to load credentials from any of the "
        + "providers in the chain AwsCredentialsProviderChain");

    assertFalse(CognitoFailures.isTransient(none));
    ConnectorException e = mapped(none);
    assertEquals(Reason.MISCONFIGURED, e.reason());
    assertTrue(e.getMessage().contains("no AWS credentials in the default chain"), e.getMessage());
  }

  @Test
  void theErrorCodeIsFoundThroughTheConnectorException() {
    ConnectorException mapped = mapped(answer(400, "ResourceNotFoundException", "x"));

    assertTrue(CognitoFailures.hasCode(mapped, "ResourceNotFoundException"));
    assertTrue(CognitoFailures.answered(mapped));
    assertFalse(CognitoFailures.answered(mapped(SdkClientException.create("refused"))));
  }
}
