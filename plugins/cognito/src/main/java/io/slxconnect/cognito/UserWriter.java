package io.slxconnect.cognito;

import io.slxconnect.api.ConnectorException.Reason;
import io.slxconnect.api.ExternalUser;
import io.slxconnect.api.Password;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * Writes user accounts with Cognito's Admin* operations: create, update attributes, disable and
 * enable, delete, set the password. Accounts are addressed by {@code sub} and found through
 * {@link Accounts}. Every write is idempotent, as the hub expects: enabling an enabled user,
 * deleting a missing one and writing unchanged attributes all succeed.
 */
final class UserWriter {

  private final CognitoCalls calls;
  private final CognitoSettings settings;
  private final UserMapper mapper;
  private final Accounts accounts;

  /**
   * Creates the writer.
   *
   * @param calls the API gateway
   * @param settings the pool and the provisioning switches
   * @param mapper the attribute mapping
   * @param accounts finds users by sub
   */
  UserWriter(CognitoCalls calls, CognitoSettings settings, UserMapper mapper, Accounts accounts) {
    this.calls = calls;
    this.settings = settings;
    this.mapper = mapper;
    this.accounts = accounts;
  }

  /**
   * Creates a user (AdminCreateUser) with the invitation the settings ask for, then sets its
   * password and disables it when asked.
   *
   * @param user the account to create
   * @param password the first password, or {@code null}
   * @return the account as created, with its sub
   */
  Future<ExternalUser> create(ExternalUser user, Password password) {
    String username;
    try {
      username = mapper.newUsername(user);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    AdminCreateUserRequest request = invite(AdminCreateUserRequest.builder()
        .userPoolId(settings.userPoolId()).username(username)
        .userAttributes(mapper.changes(user, List.of()))).build();
    Future<UserType> created = calls.call("Creating user " + username,
        client -> client.adminCreateUser(request)).map(response -> response.user());
    return created.compose(cognito -> {
      Future<Void> after = Future.succeededFuture();
      if (password != null) {
        after = after.compose(v -> setPasswordByName(cognito.username(), password));
      }
      if (!user.active()) {
        after = after.compose(v -> setEnabledByName(cognito.username(), false));
      }
      return after.map(v -> mapper.toUser(cognito.username(), cognito.attributes(),
          user.active(), cognito.userStatusAsString()));
    });
  }

  private AdminCreateUserRequest.Builder invite(AdminCreateUserRequest.Builder request) {
    return switch (settings.invitation()) {
      case SUPPRESS -> request.messageAction(MessageActionType.SUPPRESS);
      case EMAIL -> request.desiredDeliveryMediums(DeliveryMediumType.EMAIL);
      case SMS -> request.desiredDeliveryMediums(DeliveryMediumType.SMS);
      case EMAIL_AND_SMS ->
          request.desiredDeliveryMediums(DeliveryMediumType.EMAIL, DeliveryMediumType.SMS);
    };
  }

  /**
   * Writes the attributes that differ from the hub's state (AdminUpdateUserAttributes).
   *
   * @param user the hub's state, with the account's sub
   * @return the account as it now is
   */
  Future<ExternalUser> update(ExternalUser user) {
    return accounts.find(user.externalId()).compose(current -> {
      List<AttributeType> changes = mapper.changes(user, current.attributes());
      if (changes.isEmpty()) {
        return Future.succeededFuture(mapper.toUser(current));
      }
      return calls.call("Updating the attributes of user " + current.username(),
          client -> client.adminUpdateUserAttributes(r -> r.userPoolId(settings.userPoolId())
              .username(current.username()).userAttributes(changes)))
          .map(v -> mapper.toUser(current.username(), merged(current.attributes(), changes),
              !Boolean.FALSE.equals(current.enabled()), current.userStatusAsString()));
    });
  }

  /**
   * Enables or disables a user (AdminEnableUser, AdminDisableUser).
   *
   * @param sub the account's stable id
   * @param enabled the state wanted
   * @return completes when the user is in that state
   */
  Future<Void> setEnabled(String sub, boolean enabled) {
    return accounts.find(sub).compose(user -> setEnabledByName(user.username(), enabled));
  }

  private Future<Void> setEnabledByName(String username, boolean enabled) {
    return enabled
        ? calls.call("Enabling user " + username, client -> client.adminEnableUser(
            r -> r.userPoolId(settings.userPoolId()).username(username))).mapEmpty()
        : calls.call("Disabling user " + username, client -> client.adminDisableUser(
            r -> r.userPoolId(settings.userPoolId()).username(username))).mapEmpty();
  }

  /**
   * Deletes a user (AdminDeleteUser); a user that is gone already counts as deleted.
   *
   * @param sub the account's stable id
   * @return completes when the user is gone
   */
  Future<Void> delete(String sub) {
    return accounts.find(sub)
        .compose(user -> calls.call("Deleting user " + user.username(),
            client -> client.adminDeleteUser(
                r -> r.userPoolId(settings.userPoolId()).username(user.username()))))
        .<Void>mapEmpty()
        .recover(error -> CognitoFailures.is(error, Reason.NOT_FOUND) ? Future.succeededFuture()
            : Future.failedFuture(error));
  }

  /**
   * Sets a user's password (AdminSetUserPassword), permanent or temporary as configured; the
   * password is cleared afterwards.
   *
   * @param sub the account's stable id
   * @param password the password
   * @return completes when it is set
   */
  Future<Void> setPassword(String sub, Password password) {
    return accounts.find(sub).compose(user -> setPasswordByName(user.username(), password));
  }

  private Future<Void> setPasswordByName(String username, Password password) {
    char[] chars = password.chars();
    String value = new String(chars);
    Arrays.fill(chars, '\0');
    password.clear();
    return calls.call("Setting the password of user " + username,
        client -> client.adminSetUserPassword(r -> r.userPoolId(settings.userPoolId())
            .username(username).password(value).permanent(settings.permanentPasswords())))
        .mapEmpty();
  }

  private static List<AttributeType> merged(List<AttributeType> current,
      List<AttributeType> changes) {
    List<AttributeType> merged = new ArrayList<>(changes);
    for (AttributeType attribute : current) {
      if (changes.stream().noneMatch(c -> c.name().equals(attribute.name()))) {
        merged.add(attribute);
      }
    }
    return merged;
  }
}
