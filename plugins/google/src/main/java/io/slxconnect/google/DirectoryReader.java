package io.slxconnect.google;

import com.google.api.services.directory.Directory;
import com.google.api.services.directory.model.Group;
import com.google.api.services.directory.model.Groups;
import com.google.api.services.directory.model.Member;
import com.google.api.services.directory.model.Members;
import com.google.api.services.directory.model.User;
import com.google.api.services.directory.model.Users;
import io.slxconnect.api.ExternalGroup;
import io.slxconnect.api.ExternalUser;
import io.slxconnect.api.Page;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads users and groups one page at a time ({@code users.list}, {@code groups.list}, each
 * group's {@code members.list}), Google's page token being the cursor. Its methods block: run
 * them through {@link GoogleCalls}.
 */
final class DirectoryReader {

  private final Directory directory;
  private final GoogleSettings settings;

  DirectoryReader(Directory directory, GoogleSettings settings) {
    this.directory = directory;
    this.settings = settings;
  }

  /**
   * One page of users, ordered by email.
   *
   * @param pageToken {@code null} for the first page
   * @return the page; its cursor is Google's next page token
   * @throws IOException what the client threw
   */
  Page<ExternalUser> users(String pageToken) throws IOException {
    Users page = listUsers(pageToken).execute();
    List<ExternalUser> users = page.getUsers() == null ? List.of()
        : page.getUsers().stream().map(UserMapper::toAccount).toList();
    return new Page<>(users, page.getNextPageToken());
  }

  /**
   * One page of the users deleted in the last 20 days (Google keeps them that long).
   *
   * @param pageToken {@code null} for the first page
   * @return their ids, with the next page token
   * @throws IOException what the client threw
   */
  Page<String> deletedUserIds(String pageToken) throws IOException {
    Users page = listUsers(pageToken).setShowDeleted("true").execute();
    List<String> ids = page.getUsers() == null ? List.of()
        : page.getUsers().stream().map(User::getId).toList();
    return new Page<>(ids, page.getNextPageToken());
  }

  /**
   * One user.
   *
   * @param userKey the user's id or email
   * @return the user, or empty when Google does not know it (deleted)
   * @throws IOException what the client threw
   */
  Optional<ExternalUser> user(String userKey) throws IOException {
    try {
      return Optional.of(UserMapper.toAccount(
          directory.users().get(userKey).setProjection("full").execute()));
    } catch (com.google.api.client.googleapis.json.GoogleJsonResponseException e) {
      if (e.getStatusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * One page of groups, each with its direct members.
   *
   * @param pageToken {@code null} for the first page
   * @return the page
   * @throws IOException what the client threw
   */
  Page<ExternalGroup> groups(String pageToken) throws IOException {
    Groups page = settings.scoped(directory.groups().list()
        .setMaxResults(settings.groupPageSize()).setPageToken(pageToken)).execute();
    List<ExternalGroup> groups = new ArrayList<>();
    if (page.getGroups() != null) {
      for (Group group : page.getGroups()) {
        groups.add(withMembers(group));
      }
    }
    return new Page<>(groups, page.getNextPageToken());
  }

  private ExternalGroup withMembers(Group group) throws IOException {
    List<String> users = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    String token = null;
    do {
      Members page = directory.members().list(group.getId()).setMaxResults(200)
          .setPageToken(token).execute();
      if (page.getMembers() != null) {
        for (Member member : page.getMembers()) {
          if ("USER".equals(member.getType())) {
            users.add(member.getId());
          } else if ("GROUP".equals(member.getType())) {
            groups.add(member.getId());
          }
        }
      }
      token = page.getNextPageToken();
    } while (token != null);
    String name = group.getEmail() != null ? group.getEmail() : group.getName();
    return new ExternalGroup(group.getId(), name, group.getDescription(), users, groups);
  }

  private Directory.Users.List listUsers(String pageToken) throws IOException {
    return settings.scoped(directory.users().list().setMaxResults(settings.pageSize())
        .setOrderBy("email").setProjection("full").setPageToken(pageToken));
  }
}
