package io.slxconnect.cognito;

import io.slxconnect.api.Page;
import io.vertx.core.Future;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * Reads a pool's users one ListUsers page at a time: at most the configured page size (Cognito
 * allows 60), with the pagination token of the previous page as the cursor. The import and the
 * watch both read through it.
 */
final class UserPages {

  private final CognitoCalls calls;
  private final String userPoolId;
  private final int pageSize;

  /**
   * Creates the reader.
   *
   * @param calls the API gateway
   * @param userPoolId the pool
   * @param pageSize users per request, 1 to 60
   */
  UserPages(CognitoCalls calls, String userPoolId, int pageSize) {
    this.calls = calls;
    this.userPoolId = userPoolId;
    this.pageSize = pageSize;
  }

  /**
   * Reads one page.
   *
   * @param cursor {@code null} for the first page, else the previous page's {@link Page#next()}
   * @return the users and the token of the next page, {@code null} after the last
   */
  Future<Page<UserType>> read(String cursor) {
    return calls.call("Listing the users of " + userPoolId, client -> client.listUsers(
        r -> r.userPoolId(userPoolId).limit(pageSize).paginationToken(cursor)))
        .map(response -> new Page<>(response.users(), blankToNull(response.paginationToken())));
  }

  /**
   * Cognito ends a listing with no token; an empty one is read the same way.
   *
   * @param token a pagination token
   * @return the token, or {@code null} when there is none
   */
  static String blankToNull(String token) {
    return token == null || token.isEmpty() ? null : token;
  }
}
