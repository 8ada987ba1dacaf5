package io.slxconnect.cognito;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;

/**
 * The harmless calls that tell whether the IAM policy allows each action the connector uses:
 * every one addresses a user and a group that do not exist, so the best answer Cognito can give
 * is "not found", and an {@code AccessDeniedException} says the action is missing.
 */
final class PermissionProbes {

  /**
   * One action and the harmless call that probes it.
   *
   * @param action the IAM action without the {@code cognito-idp:} prefix
   * @param request the call
   */
  record Probe(String action,
      Function<CognitoIdentityProviderAsyncClient, CompletableFuture<?>> request) {
  }

  private final String pool;
  private final String nobody;

  /**
   * Creates the probes.
   *
   * @param pool the user pool
   * @param nobody a username and group name that exist nowhere
   */
  PermissionProbes(String pool, String nobody) {
    this.pool = pool;
    this.nobody = nobody;
  }

  /** {@return the probes of the actions imports and the watch need} */
  List<Probe> reads() {
    return List.of(
        new Probe("ListUsers", c -> c.listUsers(r -> r.userPoolId(pool).limit(1))),
        new Probe("ListGroups", c -> c.listGroups(r -> r.userPoolId(pool).limit(1))),
        new Probe("ListUsersInGroup", c -> c.listUsersInGroup(
            r -> r.userPoolId(pool).groupName(nobody).limit(1))),
        new Probe("AdminGetUser", c -> c.adminGetUser(r -> r.userPoolId(pool).username(nobody))));
  }

  /** {@return the probes of the actions provisioning needs, as far as they can be probed} */
  List<Probe> writes() {
    return List.of(
        new Probe("AdminUpdateUserAttributes", c -> c.adminUpdateUserAttributes(
            r -> r.userPoolId(pool).username(nobody).userAttributes(
                AttributeType.builder().name("name").value(nobody).build()))),
        new Probe("AdminDisableUser", c -> c.adminDisableUser(
            r -> r.userPoolId(pool).username(nobody))),
        new Probe("AdminEnableUser", c -> c.adminEnableUser(
            r -> r.userPoolId(pool).username(nobody))),
        new Probe("AdminDeleteUser", c -> c.adminDeleteUser(
            r -> r.userPoolId(pool).username(nobody))),
        new Probe("AdminSetUserPassword", c -> c.adminSetUserPassword(
            r -> r.userPoolId(pool).username(nobody).password(randomPassword()).permanent(true))),
        new Probe("AdminAddUserToGroup", c -> c.adminAddUserToGroup(
            r -> r.userPoolId(pool).username(nobody).groupName(nobody))),
        new Probe("AdminRemoveUserFromGroup", c -> c.adminRemoveUserFromGroup(
            r -> r.userPoolId(pool).username(nobody).groupName(nobody))));
  }

  /** A password no one knows, for a user that does not exist; never logged. */
  private static String randomPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return "Aa1!" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
