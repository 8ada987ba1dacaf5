package io.slxconnect.cognito;

import io.slxconnect.api.ConnectorException.Reason;
import io.vertx.core.Future;

/**
 * Adds users to groups and removes them (AdminAddUserToGroup, AdminRemoveUserFromGroup). A group
 * is addressed by its name, its only id in Cognito; when it does not exist and the settings allow
 * it, it is created (CreateGroup) and the addition made again. Both are idempotent: adding a
 * member twice, or removing a non-member, a missing user or from a missing group, succeeds.
 */
final class Memberships {

  private static final String GROUP_MISSING = "ResourceNotFoundException";

  private final CognitoCalls calls;
  private final CognitoSettings settings;
  private final Accounts accounts;

  /**
   * Creates the writer.
   *
   * @param calls the API gateway
   * @param settings the pool and whether missing groups are created
   * @param accounts finds users by sub
   */
  Memberships(CognitoCalls calls, CognitoSettings settings, Accounts accounts) {
    this.calls = calls;
    this.settings = settings;
    this.accounts = accounts;
  }

  /**
   * Makes a user a member of a group, creating the group when missing and allowed.
   *
   * @param group the group's name
   * @param sub the user's stable id
   * @return completes when the user is a member
   */
  Future<Void> add(String group, String sub) {
    return accounts.find(sub).compose(user -> addByName(group, user.username())
        .recover(error -> {
          if (!settings.createMissingGroups() || !CognitoFailures.hasCode(error, GROUP_MISSING)) {
            return Future.failedFuture(error);
          }
          return createGroup(group).compose(v -> addByName(group, user.username()));
        }));
  }

  /**
   * Ends a user's membership of a group.
   *
   * @param group the group's name
   * @param sub the user's stable id
   * @return completes when the user is not a member
   */
  Future<Void> remove(String group, String sub) {
    return accounts.find(sub)
        .compose(user -> calls.call("Removing user " + user.username() + " from group " + group,
            client -> client.adminRemoveUserFromGroup(r -> r.userPoolId(settings.userPoolId())
                .groupName(group).username(user.username()))))
        .<Void>mapEmpty()
        .recover(error -> CognitoFailures.is(error, Reason.NOT_FOUND) ? Future.succeededFuture()
            : Future.failedFuture(error));
  }

  private Future<Void> addByName(String group, String username) {
    return calls.call("Adding user " + username + " to group " + group,
        client -> client.adminAddUserToGroup(r -> r.userPoolId(settings.userPoolId())
            .groupName(group).username(username))).mapEmpty();
  }

  private Future<Void> createGroup(String group) {
    return calls.call("Creating group " + group, client -> client.createGroup(
            r -> r.userPoolId(settings.userPoolId()).groupName(group)
                .description("Created by SLX Connect")))
        .<Void>mapEmpty()
        .recover(error -> CognitoFailures.hasCode(error, "GroupExistsException")
            ? Future.succeededFuture() : Future.failedFuture(error));
  }
}
