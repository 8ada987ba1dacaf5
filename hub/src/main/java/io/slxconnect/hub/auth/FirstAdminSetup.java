package io.slxconnect.hub.auth;

import io.slxconnect.hub.audit.AuditLog;
import io.slxconnect.hub.config.ConfigException;
import io.slxconnect.hub.crypto.Tokens;
import io.slxconnect.hub.http.ApiException;
import io.slxconnect.hub.http.ApiRequest;
import io.slxconnect.hub.http.ApiRouter;
import io.slxconnect.hub.http.Reply;
import io.slxconnect.hub.store.AdminStore;
import io.slxconnect.hub.store.SetupTokenStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the first admin; there is no default password. At start, with no admin yet, the hub
 * either creates one from {@code SLX_ADMIN_USERNAME}/{@code SLX_ADMIN_PASSWORD}, or prints a
 * one-time setup link whose token lets whoever holds it choose the first admin's password in
 * the console. The token is stored as a digest, works once, and is replaced at every start.
 */
public final class FirstAdminSetup {

  private static final Logger LOG = LoggerFactory.getLogger(FirstAdminSetup.class);
  static final int MIN_PASSWORD_LENGTH = 12;
  private static final Duration TOKEN_TTL = Duration.ofHours(24);

  private final Pool pool;
  private final AdminStore admins;
  private final SetupTokenStore tokens;
  private final PasswordWorker passwords;
  private final AuditLog audit;

  /**
   * Creates the setup.
   *
   * @param pool the database, for the setup transaction
   * @param admins the accounts
   * @param tokens the setup tokens
   * @param passwords password hashing
   * @param audit the audit log
   */
  public FirstAdminSetup(Pool pool, AdminStore admins, SetupTokenStore tokens,
      PasswordWorker passwords, AuditLog audit) {
    this.pool = pool;
    this.admins = admins;
    this.tokens = tokens;
    this.passwords = passwords;
    this.audit = audit;
  }

  /**
   * Runs at start: creates the first admin from the environment, or prints a setup link.
   *
   * @param username the name from the environment
   * @param password the password from the environment, if set
   * @param publicUrl where the console is reached
   * @return completes when there is an admin or a valid setup link
   */
  public Future<Void> prepare(String username, Optional<String> password, URI publicUrl) {
    return admins.any().compose(exists -> {
      if (exists) {
        return Future.succeededFuture();
      }
      if (password.isPresent()) {
        if (password.get().length() < MIN_PASSWORD_LENGTH) {
          return Future.failedFuture(new ConfigException("SLX_ADMIN_PASSWORD must have at least "
              + MIN_PASSWORD_LENGTH + " characters"));
        }
        return passwords.hash(password.get())
            .compose(hash -> admins.create(pool, username, hash, Role.ADMIN))
            .compose(created -> audit.record(null, null, "setup.admin_from_environment",
                username, true, new JsonObject()))
            .onSuccess(v -> LOG.info("Created the first admin '{}' from SLX_ADMIN_PASSWORD",
                username));
      }
      String token = Tokens.random();
      return tokens.replace(Tokens.digest(token), TOKEN_TTL).onSuccess(v -> LOG.warn(
          "\n\n  No admin exists yet. Open this one-time link within 24 hours to create one:\n"
              + "  {}/setup#token={}\n", publicUrl, token));
    });
  }

  /**
   * Registers the setup operations.
   *
   * @param api the router
   */
  public void register(ApiRouter api) {
    api.handle("getSetupStatus", request -> admins.any()
            .map(exists -> Reply.ok(new JsonObject().put("setupRequired", !exists))))
        .handle("completeSetup", this::complete);
  }

  private Future<Reply> complete(ApiRequest request) {
    JsonObject body = request.body();
    String username = body.getString("username");
    String digest = Tokens.digest(body.getString("token"));
    // Cheap checks first: the slow hash is only spent on a request holding a live token.
    return admins.any()
        .compose(exists -> exists
            ? Future.failedFuture(ApiException.conflict("Setup is already complete; log in instead"))
            : tokens.isLive(digest))
        .compose(live -> live ? passwords.hash(body.getString("password"))
            : Future.failedFuture(ApiException.forbidden(
                "The setup link is invalid or has expired; restart the hub for a new one")))
        .compose(hash -> pool.withTransaction(conn -> conn
            .query("LOCK TABLE admins IN EXCLUSIVE MODE").execute()
            .compose(v -> admins.any(conn))
            .compose(exists -> exists
                ? Future.failedFuture(ApiException.conflict(
                    "Setup is already complete; log in instead"))
                : tokens.consume(conn, digest))
            .compose(valid -> valid
                ? admins.create(conn, username, hash, Role.ADMIN)
                : Future.failedFuture(ApiException.forbidden(
                    "The setup link is invalid or has expired; restart the hub for a new one")))))
        .compose(created -> audit.record(username, request.remoteAddress(), "setup.completed",
                username, true, new JsonObject())
            .map(v -> Reply.created(created.orElseThrow().toJson())))
        .onFailure(e -> audit.record(null, request.remoteAddress(), "setup.completed", username,
            false, new JsonObject().put("reason", e.getMessage())));
  }
}
