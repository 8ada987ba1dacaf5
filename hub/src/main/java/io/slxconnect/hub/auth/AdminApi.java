package io.slxconnect.hub.auth;

import io.slxconnect.hub.audit.AuditLog;
import io.slxconnect.hub.http.ApiException;
import io.slxconnect.hub.http.ApiRequest;
import io.slxconnect.hub.http.ApiRouter;
import io.slxconnect.hub.http.Reply;
import io.slxconnect.hub.store.AdminAccount;
import io.slxconnect.hub.store.AdminStore;
import io.slxconnect.hub.store.SessionStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;

/**
 * Admin accounts: list, create, change role, password or state, delete. A password change or a
 * disabled account ends the account's sessions; the last enabled admin cannot be removed,
 * demoted or disabled, so the hub is never left without one.
 */
public final class AdminApi {

  private final Pool pool;
  private final AdminStore admins;
  private final SessionStore sessions;
  private final PasswordWorker passwords;
  private final AuditLog audit;

  /**
   * Creates the API.
   *
   * @param pool the database
   * @param admins the accounts
   * @param sessions the sessions
   * @param passwords password hashing
   * @param audit the audit log
   */
  public AdminApi(Pool pool, AdminStore admins, SessionStore sessions, PasswordWorker passwords,
      AuditLog audit) {
    this.pool = pool;
    this.admins = admins;
    this.sessions = sessions;
    this.passwords = passwords;
    this.audit = audit;
  }

  /**
   * Registers the operations.
   *
   * @param api the router
   */
  public void register(ApiRouter api) {
    api.handle("listAdmins", this::list)
        .handle("createAdmin", this::create)
        .handle("updateAdmin", this::update)
        .handle("deleteAdmin", this::delete);
  }

  private Future<Reply> list(ApiRequest request) {
    return admins.list().map(all -> Reply.ok(new JsonArray(
        all.stream().map(AdminAccount::toJson).toList())));
  }

  private Future<Reply> create(ApiRequest request) {
    JsonObject body = request.body();
    String username = body.getString("username");
    Role role = Role.fromApiName(body.getString("role"));
    return passwords.hash(body.getString("password"))
        .compose(hash -> admins.create(pool, username, hash, role))
        .compose(created -> created.isEmpty()
            ? Future.failedFuture(ApiException.conflict("An admin named " + username
                + " already exists"))
            : audit.record(request, "admin.created", username, true,
                new JsonObject().put("role", role.apiName()))
                .map(v -> Reply.created(created.get().toJson())));
  }

  private Future<Reply> update(ApiRequest request) {
    String username = request.path("username");
    JsonObject body = request.body();
    Role role = body.containsKey("role") ? Role.fromApiName(body.getString("role")) : null;
    Boolean enabled = body.getBoolean("enabled");
    boolean weakens = (role != null && role != Role.ADMIN) || Boolean.FALSE.equals(enabled);
    return existing(username)
        .compose(current -> body.containsKey("password")
            ? passwords.hash(body.getString("password")) : Future.<String>succeededFuture(null))
        .compose(hash -> guarded(conn -> admins.findByUsername(conn, username)
            .compose(current -> current.isPresent() && weakens && current.get().role() == Role.ADMIN
                && current.get().enabled()
                ? refuseIfLastAdmin(conn, "demote or disable") : Future.succeededFuture())
            .compose(v -> admins.update(conn, username, hash, role, enabled))))
        .map(updated -> updated.orElseThrow(() -> ApiException.notFound(
            "No admin named " + username)))
        .compose(updated -> (body.containsKey("password") || Boolean.FALSE.equals(enabled)
                ? sessions.revokeAll(updated.id()) : Future.<Void>succeededFuture())
            .compose(v -> audit.record(request, "admin.updated", username, true,
                changes(body)))
            .map(v -> Reply.ok(updated.toJson())));
  }

  private Future<Reply> delete(ApiRequest request) {
    String username = request.path("username");
    return guarded(conn -> admins.findByUsername(conn, username)
            .map(found -> found.orElseThrow(() -> ApiException.notFound(
                "No admin named " + username)))
            .compose(current -> current.role() == Role.ADMIN && current.enabled()
                ? refuseIfLastAdmin(conn, "delete") : Future.succeededFuture())
            .compose(v -> admins.delete(conn, username)))
        .compose(v -> audit.record(request, "admin.deleted", username, true, new JsonObject()))
        .map(v -> Reply.noContent());
  }

  private Future<AdminAccount> existing(String username) {
    return admins.findByUsername(username).map(found -> found.orElseThrow(
        () -> ApiException.notFound("No admin named " + username)));
  }

  /**
   * Runs a change in a transaction that holds other admin changes off, so that two concurrent
   * removals cannot both pass the last-admin check.
   */
  private <T> Future<T> guarded(java.util.function.Function<SqlConnection, Future<T>> change) {
    return pool.withTransaction(conn -> conn
        .query("LOCK TABLE admins IN SHARE ROW EXCLUSIVE MODE").execute()
        .compose(v -> change.apply(conn)));
  }

  private Future<Void> refuseIfLastAdmin(SqlClient client, String what) {
    return admins.countEnabledAdmins(client).compose(count -> count <= 1
        ? Future.failedFuture(ApiException.conflict("Cannot " + what
            + " the last enabled admin; create another admin first"))
        : Future.succeededFuture());
  }

  /** What changed, for the audit log: field names and new values, never the password. */
  private static JsonObject changes(JsonObject body) {
    JsonObject changes = new JsonObject();
    body.fieldNames().forEach(f -> changes.put(f, "password".equals(f) ? "changed"
        : body.getValue(f)));
    return changes;
  }
}
