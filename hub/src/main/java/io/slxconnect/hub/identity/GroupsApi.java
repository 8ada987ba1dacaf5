package io.slxconnect.hub.identity;

import io.slxconnect.hub.audit.AuditLog;
import io.slxconnect.hub.http.ApiException;
import io.slxconnect.hub.http.ApiRequest;
import io.slxconnect.hub.http.ApiRouter;
import io.slxconnect.hub.http.Pages;
import io.slxconnect.hub.http.Reply;
import io.slxconnect.hub.pipeline.AdminChanges;
import io.slxconnect.hub.store.GroupRecord;
import io.slxconnect.hub.store.GroupStore;
import io.slxconnect.hub.store.LinkStore;
import io.slxconnect.hub.store.SqlErrors;
import io.slxconnect.hub.store.UserQuery;
import io.slxconnect.hub.store.UserRecord;
import io.slxconnect.hub.store.UserStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Canonical groups through the API: list, read, create, rename, delete, and their direct
 * members. Every change is audited.
 */
public final class GroupsApi {

  private final GroupStore groups;
  private final UserStore users;
  private final AdminChanges changes;
  private final LinkStore links;
  private final AuditLog audit;

  /**
   * Creates the API.
   *
   * @param groups the groups table
   * @param users the users table
   * @param changes writes changes with their events and provisioning
   * @param links the group's counterparts in connected systems
   * @param audit the audit log
   */
  public GroupsApi(GroupStore groups, UserStore users, AdminChanges changes, LinkStore links,
      AuditLog audit) {
    this.groups = groups;
    this.links = links;
    this.changes = changes;
    this.users = users;
    this.audit = audit;
  }

  /**
   * Registers the operations.
   *
   * @param api the router
   */
  public void register(ApiRouter api) {
    api.handle("listGroups", this::list)
        .handle("createGroup", this::create)
        .handle("getGroup", request -> existing(request).compose(this::detail).map(Reply::ok))
        .handle("updateGroup", this::update)
        .handle("deleteGroup", this::delete)
        .handle("listGroupMembers", this::members)
        .handle("addGroupMember", request -> membership(request, true))
        .handle("removeGroupMember", request -> membership(request, false));
  }

  private Future<Reply> list(ApiRequest request) {
    var paging = request.paging();
    String text = request.query("q").map(String::trim).filter(q -> !q.isEmpty()).orElse(null);
    return groups.list(text, paging.limit(), paging.cursor())
        .map(page -> Reply.ok(Pages.toJson(page, GroupRecord::toJson)));
  }

  private Future<Reply> create(ApiRequest request) {
    String name = request.body().getString("name").trim();
    String description = request.body().getString("description");
    return changes.createGroup(name, description, request.actor())
        .map(created -> created.orElseThrow(() -> taken(name)))
        .compose(created -> audit.record(request, "group.created", target(created), true,
                new JsonObject().put("group", created.toJson()))
            .map(v -> Reply.created(created.toJson())));
  }

  private Future<Reply> update(ApiRequest request) {
    String name = request.body().getString("name").trim();
    String description = request.body().getString("description");
    return existing(request).compose(current -> changes.updateGroup(current.id(), name, description,
            request.actor())
        .recover(e -> Future.failedFuture(SqlErrors.isUniqueViolation(e) ? taken(name) : e))
        .map(updated -> updated.orElseThrow(() -> notFound(current.id())))
        .compose(updated -> audit.record(request, "group.updated", target(updated), true,
                new JsonObject().put("before", current.toJson()).put("after", updated.toJson()))
            .map(v -> Reply.ok(updated.toJson()))));
  }

  private Future<Reply> delete(ApiRequest request) {
    return existing(request).compose(current -> changes.deleteGroup(current, request.actor())
            .compose(v -> audit.record(request, "group.deleted", target(current), true,
                new JsonObject().put("group", current.toJson()))))
        .map(v -> Reply.noContent());
  }

  private Future<Reply> members(ApiRequest request) {
    var paging = request.paging();
    return existing(request)
        .compose(group -> users.list(new UserQuery(null, null, null, group.id(),
            paging.limit(), paging.cursor())))
        .map(page -> Reply.ok(Pages.toJson(page, UserRecord::toSummaryJson)));
  }

  private Future<Reply> membership(ApiRequest request, boolean add) {
    UUID userId = request.pathUuid("userId", "user");
    return existing(request).compose(group -> users.find(userId)
        .map(user -> user.orElseThrow(() -> ApiException.notFound("No user with id " + userId)))
        .compose(user -> changes.changeMembership(add, group, user, request.actor())
            .compose(changed -> changed
                ? audit.record(request, add ? "group.member_added" : "group.member_removed",
                    target(group), true, new JsonObject().put("userId", user.id().toString())
                        .put("userName", user.data().userName()))
                : Future.<Void>succeededFuture())))
        .map(v -> Reply.noContent());
  }

  /** The group with the groups it is linked to in connected systems. */
  private Future<JsonObject> detail(GroupRecord group) {
    return links.groupsOf(List.of(group.id())).map(all -> {
      JsonArray linked = new JsonArray();
      all.getOrDefault(group.id(), Map.of()).forEach((connector, external) -> linked.add(
          new JsonObject().put("connectorId", connector.toString())
              .put("externalId", external)));
      return group.toJson().put("links", linked);
    });
  }

  private Future<GroupRecord> existing(ApiRequest request) {
    UUID id = request.pathUuid("groupId", "group");
    return groups.find(id).map(found -> found.orElseThrow(() -> notFound(id)));
  }

  private static ApiException taken(String name) {
    return ApiException.conflict("A group named '" + name + "' already exists");
  }

  private static ApiException notFound(UUID id) {
    return ApiException.notFound("No group with id " + id);
  }

  private static String target(GroupRecord group) {
    return "group:" + group.id() + " (" + group.name() + ")";
  }
}
