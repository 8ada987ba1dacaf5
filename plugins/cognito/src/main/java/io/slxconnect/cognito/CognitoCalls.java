package io.slxconnect.cognito;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;

/**
 * Every call to the Cognito API goes through here. A call returns a Vert.x future completed on
 * the Vert.x context of its caller (the SDK completes its futures on its own I/O threads, which
 * must not touch connector state); throttled calls, server errors and calls that got no answer are
 * retried after {@link RetryDelays} (the SDK's own retries are off, see {@link CognitoClients});
 * and a failure becomes a {@link io.slxconnect.api.ConnectorException} in words.
 */
final class CognitoCalls {

  private final Vertx vertx;
  private final CognitoClients.Client client;
  private final RetryDelays delays;
  private final Logger logger;

  /**
   * Creates the gateway.
   *
   * @param vertx the hub's Vert.x, for timers and contexts
   * @param client the SDK client and its threads; closed by {@link #close()}
   * @param delays how throttled calls are retried
   * @param logger where retries are logged
   */
  CognitoCalls(Vertx vertx, CognitoClients.Client client, RetryDelays delays,
      Logger logger) {
    this.vertx = vertx;
    this.client = client;
    this.delays = delays;
    this.logger = logger;
  }

  /**
   * Calls the API, retrying while Cognito throttles.
   *
   * @param action what is done, in words, for messages: "Listing users"
   * @param request the SDK call; called again for each retry
   * @param <T> the response type
   * @return the response, on the caller's context; or a {@code ConnectorException}
   */
  <T> Future<T> call(String action,
      Function<CognitoIdentityProviderAsyncClient, CompletableFuture<T>> request) {
    return call(action, request, delays);
  }

  /**
   * Calls the API with other retries than the gateway's.
   *
   * @param action what is done, in words, for messages
   * @param request the SDK call; called again for each retry
   * @param retries how often and after which delays to retry
   * @param <T> the response type
   * @return the response, on the caller's context; or a {@code ConnectorException}
   */
  <T> Future<T> call(String action,
      Function<CognitoIdentityProviderAsyncClient, CompletableFuture<T>> request,
      RetryDelays retries) {
    return attempt(action, request, retries, vertx.getOrCreateContext(), 1);
  }

  private <T> Future<T> attempt(String action,
      Function<CognitoIdentityProviderAsyncClient, CompletableFuture<T>> request,
      RetryDelays retries, Context caller, int attempt) {
    CompletableFuture<T> answer;
    try {
      answer = request.apply(client.api());
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    return Future.fromCompletionStage(answer, caller).recover(error -> {
      if (attempt >= retries.attempts() || !CognitoFailures.isTransient(error)) {
        return Future.failedFuture(CognitoFailures.toConnectorException(action, error));
      }
      Duration delay = retries.before(attempt);
      logger.log(Level.DEBUG, "{0}: {1}; retry {2} in {3} ms", action,
          CognitoFailures.rootCause(CognitoFailures.unwrap(error)), attempt, delay.toMillis());
      return caller.owner().timer(delay.toMillis(), TimeUnit.MILLISECONDS)
          .compose(v -> attempt(action, request, retries, caller, attempt + 1));
    });
  }

  /** Closes the SDK client, its connections and its threads; safe to call more than once. */
  void close() {
    client.close();
  }
}
