package io.slxconnect.cognito;

import io.slxconnect.api.ExternalGroup;
import io.slxconnect.api.Page;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;

/**
 * Reads a pool's groups one ListGroups page at a time, each with its complete list of members
 * (ListUsersInGroup, page after page). A group's stable id is its name: Cognito groups have no
 * other id, and cannot be renamed. Members are listed by their {@code sub}. Cognito groups do not
 * nest.
 */
final class GroupPages {

  private final CognitoCalls calls;
  private final String userPoolId;
  private final int pageSize;

  /**
   * Creates the reader.
   *
   * @param calls the API gateway
   * @param userPoolId the pool
   * @param pageSize groups and members per request, 1 to 60
   */
  GroupPages(CognitoCalls calls, String userPoolId, int pageSize) {
    this.calls = calls;
    this.userPoolId = userPoolId;
    this.pageSize = pageSize;
  }

  /**
   * Reads one page of groups with their members.
   *
   * @param cursor {@code null} for the first page, else the previous page's {@link Page#next()}
   * @return the groups and the token of the next page, {@code null} after the last
   */
  Future<Page<ExternalGroup>> read(String cursor) {
    return calls.call("Listing the groups of " + userPoolId, client -> client.listGroups(
        r -> r.userPoolId(userPoolId).limit(pageSize).nextToken(cursor)))
        .compose(response -> withMembers(response.groups(), 0, new ArrayList<>())
            .map(groups -> new Page<>(groups, UserPages.blankToNull(response.nextToken()))));
  }

  /** Reads the members of the groups one group after the other, not all at once. */
  private Future<List<ExternalGroup>> withMembers(List<GroupType> groups, int index,
      List<ExternalGroup> done) {
    if (index == groups.size()) {
      return Future.succeededFuture(done);
    }
    GroupType group = groups.get(index);
    return members(group.groupName(), null, new ArrayList<>()).compose(members -> {
      done.add(new ExternalGroup(group.groupName(), group.groupName(), group.description(),
          members, List.of()));
      return withMembers(groups, index + 1, done);
    });
  }

  private Future<List<String>> members(String group, String token, List<String> subs) {
    return calls.call("Listing the members of group " + group, client -> client.listUsersInGroup(
        r -> r.userPoolId(userPoolId).groupName(group).limit(pageSize).nextToken(token)))
        .compose(response -> {
          response.users().stream().map(u -> UserMapper.sub(u.attributes()))
              .filter(Objects::nonNull).forEach(subs::add);
          String next = UserPages.blankToNull(response.nextToken());
          return next == null ? Future.succeededFuture(subs) : members(group, next, subs);
        });
  }
}
