package io.slxconnect.google;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.directory.Directory;
import com.google.api.services.directory.model.Member;
import com.google.api.services.directory.model.User;
import io.slxconnect.api.ExternalUser;
import java.io.IOException;
import java.security.SecureRandom;

/**
 * Writes users and memberships: {@code users.insert}, {@code users.patch}, {@code users.delete},
 * {@code members.insert} and {@code members.delete}. Idempotent as the hub needs: deleting a
 * missing user, adding an existing member and removing a non-member succeed. Its methods block:
 * run them through {@link GoogleCalls}. (Google answers 404 to removing a non-member, and to
 * removing anyone from a group that is gone: either way the user is not a member.)
 */
final class DirectoryWriter {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PASSWORD_ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.!#%";

  private final Directory directory;
  private final GoogleSettings settings;

  DirectoryWriter(Directory directory, GoogleSettings settings) {
    this.directory = directory;
    this.settings = settings;
  }

  /**
   * Creates a user in the configured org unit. Google requires a password: without one, a
   * random one that nobody knows is set, so the user gets in only after a reset.
   *
   * @param account the account to create
   * @param password the first password, or {@code null}
   * @return the created account, with Google's id
   * @throws IOException what the client threw
   */
  ExternalUser create(ExternalUser account, char[] password) throws IOException {
    User user = UserMapper.toNewUser(account, settings.orgUnitPath())
        .setPassword(password == null ? randomPassword() : new String(password))
        .setChangePasswordAtNextLogin(settings.requirePasswordChange());
    return UserMapper.toAccount(directory.users().insert(user).execute());
  }

  /**
   * Patches a user to the account's known values.
   *
   * @param account the desired state, with Google's id
   * @return the user as it now is
   * @throws IOException what the client threw
   */
  ExternalUser update(ExternalUser account) throws IOException {
    return UserMapper.toAccount(directory.users()
        .patch(account.externalId(), UserMapper.changes(account)).execute());
  }

  /**
   * Suspends or unsuspends a user.
   *
   * @param userId Google's id
   * @param enabled {@code false} to suspend
   * @throws IOException what the client threw
   */
  void setEnabled(String userId, boolean enabled) throws IOException {
    directory.users().patch(userId, new User().setSuspended(!enabled)).execute();
  }

  /**
   * Deletes a user; a user Google no longer knows counts as deleted.
   *
   * @param userId Google's id
   * @throws IOException what the client threw
   */
  void delete(String userId) throws IOException {
    try {
      directory.users().delete(userId).execute();
    } catch (GoogleJsonResponseException e) {
      if (e.getStatusCode() != 404) {
        throw e;
      }
    }
  }

  /**
   * Sets a user's password as an admin does.
   *
   * @param userId Google's id
   * @param password the new password
   * @throws IOException what the client threw
   */
  void setPassword(String userId, char[] password) throws IOException {
    directory.users().patch(userId, new User().setPassword(new String(password))
        .setChangePasswordAtNextLogin(settings.requirePasswordChange())).execute();
  }

  /**
   * Adds a user to a group, or removes it.
   *
   * @param groupId the group's id
   * @param userId the user's id
   * @param member {@code true} to add
   * @throws IOException what the client threw
   */
  void setMember(String groupId, String userId, boolean member) throws IOException {
    try {
      if (member) {
        directory.members().insert(groupId, new Member().setId(userId).setRole("MEMBER"))
            .execute();
      } else {
        directory.members().delete(groupId, userId).execute();
      }
    } catch (GoogleJsonResponseException e) {
      boolean alreadyThere = member && e.getStatusCode() == 409;
      boolean alreadyGone = !member && e.getStatusCode() == 404;
      if (!alreadyThere && !alreadyGone) {
        throw e;
      }
    }
  }

  private static String randomPassword() {
    StringBuilder password = new StringBuilder(24);
    for (int i = 0; i < 24; i++) {
      password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
    }
    return password.toString();
  }
}
