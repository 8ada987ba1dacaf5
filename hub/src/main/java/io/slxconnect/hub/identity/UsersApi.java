package io.slxconnect.hub.identity;

import io.slxconnect.hub.audit.AuditLog;
import io.slxconnect.hub.http.ApiException;
import io.slxconnect.hub.http.ApiRequest;
import io.slxconnect.hub.http.ApiRouter;
import io.slxconnect.hub.http.Pages;
import io.slxconnect.hub.http.Reply;
import io.slxconnect.hub.store.SqlErrors;
import io.slxconnect.hub.pipeline.AdminChanges;
import io.slxconnect.hub.pipeline.PasswordPush;
import io.slxconnect.hub.store.UserData;
import io.slxconnect.hub.store.UserQuery;
import io.slxconnect.hub.store.UserRecord;
import io.slxconnect.hub.store.UserStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * Canonical users through the API: list with search and filters, read with groups and linked
 * accounts, create, replace, enable, disable, delete. Every change is audited.
 */
public final class UsersApi {

  private final UserStore users;
  private final AdminChanges changes;
  private final PasswordPush passwords;
  private final AuditLog audit;

  /**
   * Creates the API.
   *
   * @param users the users table
   * @param changes writes changes with their events and provisioning
   * @param passwords pushes passwords to the linked systems
   * @param audit the audit log
   */
  public UsersApi(UserStore users, AdminChanges changes, PasswordPush passwords,
      AuditLog audit) {
    this.users = users;
    this.passwords = passwords;
    this.changes = changes;
    this.audit = audit;
  }

  /**
   * Registers the operations.
   *
   * @param api the router
   */
  public void register(ApiRouter api) {
    api.handle("listUsers", this::list)
        .handle("createUser", this::create)
        .handle("getUser", this::get)
        .handle("updateUser", this::update)
        .handle("deleteUser", this::delete)
        .handle("disableUser", request -> setActive(request, false))
        .handle("enableUser", request -> setActive(request, true))
        .handle("setUserPassword", this::setPassword);
  }

  private Future<Reply> list(ApiRequest request) {
    var paging = request.paging();
    Boolean active = request.query("status").map("active"::equals).orElse(null);
    UserQuery query = new UserQuery(request.query("q").map(String::trim)
        .filter(q -> !q.isEmpty()).orElse(null), active,
        request.queryUuid("source").orElse(null), request.queryUuid("group").orElse(null),
        paging.limit(), paging.cursor());
    return users.list(query)
        .map(page -> Reply.ok(Pages.toJson(page, UserRecord::toSummaryJson)));
  }

  private Future<Reply> create(ApiRequest request) {
    UserData data = UserData.fromJson(request.body());
    return checkManager(null, data)
        .compose(v -> changes.createUser(data, request.actor()))
        .recover(e -> Future.failedFuture(translate(e, data)))
        .map(created -> created.orElseThrow(() -> taken(data)))
        .compose(created -> audit.record(request, "user.created", target(created), true,
                new JsonObject().put("user", created.toJson()))
            .compose(v -> detail(created))
            .map(Reply::created));
  }

  private Future<Reply> get(ApiRequest request) {
    return existing(request).compose(this::detail).map(Reply::ok);
  }

  private Future<Reply> update(ApiRequest request) {
    UserData data = UserData.fromJson(request.body());
    return existing(request)
        .compose(current -> checkManager(current.id(), data)
            .compose(v -> changes.updateUser(current.id(), data, request.actor()))
            .recover(e -> Future.failedFuture(translate(e, data)))
            .map(updated -> updated.orElseThrow(() -> notFound(current.id())))
            .compose(updated -> audit.record(request, "user.updated", target(updated), true,
                    new JsonObject().put("before", current.toJson())
                        .put("after", updated.toJson()))
                .compose(v -> detail(updated))))
        .map(Reply::ok);
  }

  private Future<Reply> setActive(ApiRequest request, boolean active) {
    return existing(request)
        .compose(current -> changes.setActive(current.id(), active, request.actor()))
        .map(updated -> updated.orElseThrow(() -> notFound(request.pathUuid("userId", "user"))))
        .compose(updated -> audit.record(request, active ? "user.enabled" : "user.disabled",
                target(updated), true, new JsonObject())
            .compose(v -> detail(updated)))
        .map(Reply::ok);
  }

  private Future<Reply> setPassword(ApiRequest request) {
    char[] password = request.body().getString("password").toCharArray();
    return existing(request)
        .compose(user -> passwords.push(user, password, request.actor())
            .compose(results -> {
              if (results == null) {
                throw ApiException.conflict("None of this user's linked systems is set to "
                    + "receive passwords, so the password was not set anywhere");
              }
              boolean allSucceeded = results.stream()
                  .allMatch(r -> "succeeded".equals(((JsonObject) r).getString("status")));
              return audit.record(request, "user.password_set", target(user), allSucceeded,
                      new JsonObject().put("results", results))
                  .map(v -> Reply.ok(new JsonObject().put("results", results)));
            }))
        .onComplete(done -> java.util.Arrays.fill(password, '\0'));
  }

  private Future<Reply> delete(ApiRequest request) {
    return existing(request)
        .compose(current -> changes.deleteUser(current.id(), request.actor())
            .compose(v -> audit.record(request, "user.deleted", target(current), true,
                new JsonObject().put("user", current.toJson()))))
        .map(v -> Reply.noContent());
  }

  /** The user with its manager, groups and linked accounts, as the API shows one user. */
  private Future<JsonObject> detail(UserRecord user) {
    UUID managerId = user.data().managerId();
    Future<JsonObject> manager = managerId == null ? Future.succeededFuture(null)
        : users.find(managerId).map(found -> found.map(m -> new JsonObject()
            .put("id", m.id().toString()).put("userName", m.data().userName())
            .put("displayName", m.data().displayName())).orElse(null));
    return Future.all(manager, users.groupsOf(user.id()), users.accountsOf(user.id()))
        .map(all -> user.toJson()
            .put("manager", all.resultAt(0))
            .put("groups", all.resultAt(1))
            .put("accounts", all.resultAt(2)));
  }

  /** A manager must be another existing user. */
  private Future<Void> checkManager(UUID self, UserData data) {
    UUID manager = data.managerId();
    if (manager == null) {
      return Future.succeededFuture();
    }
    if (manager.equals(self)) {
      return Future.failedFuture(invalidManager("A user cannot be their own manager"));
    }
    return users.find(manager).compose(found -> found.isPresent() ? Future.succeededFuture()
        : Future.failedFuture(invalidManager("No user with id " + manager)));
  }

  private Future<UserRecord> existing(ApiRequest request) {
    UUID id = request.pathUuid("userId", "user");
    return users.find(id).map(found -> found.orElseThrow(() -> notFound(id)));
  }

  private static Throwable translate(Throwable e, UserData data) {
    if (SqlErrors.isUniqueViolation(e)) {
      return taken(data);
    }
    if (SqlErrors.isForeignKeyViolation(e)) {
      return invalidManager("The manager was deleted meanwhile");
    }
    return e;
  }

  private static ApiException taken(UserData data) {
    return ApiException.conflict("A user named '" + data.userName() + "' already exists");
  }

  private static ApiException invalidManager(String message) {
    return ApiException.unprocessable(message,
        List.of(new ApiException.FieldError("/managerId", message)));
  }

  private static ApiException notFound(UUID id) {
    return ApiException.notFound("No user with id " + id);
  }

  private static String target(UserRecord user) {
    return "user:" + user.id() + " (" + user.data().userName() + ")";
  }
}
