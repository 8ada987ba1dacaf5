package io.slxconnect.google;

import com.google.api.services.directory.Directory;
import io.slxconnect.api.ExternalGroup;
import io.slxconnect.api.ExternalUser;
import io.slxconnect.api.Page;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * A started connection to one Google Workspace: the client, and its reads as futures run on the
 * worker pool with retries. Writes go through {@link #writer()} and {@link #calls()}.
 *
 * @param settings the settings
 * @param directory the Directory API client
 * @param calls runs blocking calls with retries
 * @param reader the reads
 * @param writer the writes
 */
record Workspace(GoogleSettings settings, Directory directory, GoogleCalls calls,
    DirectoryReader reader, DirectoryWriter writer) {

  /**
   * One page of users.
   *
   * @param cursor the page token, or {@code null}
   * @return the page
   */
  Future<Page<ExternalUser>> users(String cursor) {
    return calls.run("Reading users", () -> reader.users(cursor));
  }

  /**
   * One page of deleted users' ids.
   *
   * @param cursor the page token, or {@code null}
   * @return the page
   */
  Future<Page<String>> deletedUserIds(String cursor) {
    return calls.run("Reading deleted users", () -> reader.deletedUserIds(cursor));
  }

  /**
   * One page of groups with their members.
   *
   * @param cursor the page token, or {@code null}
   * @return the page
   */
  Future<Page<ExternalGroup>> groups(String cursor) {
    return calls.run("Reading groups", () -> reader.groups(cursor));
  }

  /**
   * One user.
   *
   * @param userId Google's id
   * @return the user, or empty when it is deleted
   */
  Future<Optional<ExternalUser>> user(String userId) {
    return calls.run("Reading user " + userId, () -> reader.user(userId));
  }
}
