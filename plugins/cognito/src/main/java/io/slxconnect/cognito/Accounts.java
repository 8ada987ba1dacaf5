package io.slxconnect.cognito;

import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.vertx.core.Future;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * Finds a user by its stable id. Cognito's Admin* operations address users by username, while
 * the hub addresses them by {@code sub}: a ListUsers request with the filter
 * {@code sub = "..."} (one request of the UserList quota) turns one into the other.
 */
final class Accounts {

  /** What a sub looks like (a UUID); anything else cannot be one, and is never put in a filter. */
  private static final Pattern SUB = Pattern.compile("^[0-9A-Za-z-]{1,64}$");

  private final CognitoCalls calls;
  private final String userPoolId;

  /**
   * Creates the lookup.
   *
   * @param calls the API gateway
   * @param userPoolId the pool
   */
  Accounts(CognitoCalls calls, String userPoolId) {
    this.calls = calls;
    this.userPoolId = userPoolId;
  }

  /**
   * The user with a stable id.
   *
   * @param sub the stable id
   * @return the user, or a {@code NOT_FOUND} failure when the pool has none with that id
   */
  Future<UserType> find(String sub) {
    if (sub == null || !SUB.matcher(sub).matches()) {
      return Future.failedFuture(missing(sub));
    }
    return calls.call("Looking up the user with sub " + sub, client -> client.listUsers(
        r -> r.userPoolId(userPoolId).filter("sub = \"" + sub + "\"").limit(1)))
        .compose(response -> response.users().isEmpty() ? Future.failedFuture(missing(sub))
            : Future.succeededFuture(response.users().get(0)));
  }

  private ConnectorException missing(String sub) {
    return new ConnectorException(Reason.NOT_FOUND, "User pool " + userPoolId
        + " has no user with sub " + sub + " (deleted in Cognito?)");
  }
}
