package io.slxconnect.hub.auth;

import io.slxconnect.hub.audit.AuditLog;
import io.slxconnect.hub.crypto.Tokens;
import io.slxconnect.hub.http.ApiException;
import io.slxconnect.hub.http.ApiRequest;
import io.slxconnect.hub.http.ApiRouter;
import io.slxconnect.hub.http.Reply;
import io.slxconnect.hub.store.AdminAccount;
import io.slxconnect.hub.store.AdminStore;
import io.slxconnect.hub.store.SessionStore;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;

/**
 * Login, token refresh, logout and "who am I". A login opens a session and answers with a
 * short-lived access token; the refresh token travels only in an HttpOnly, SameSite=Strict
 * cookie scoped to the auth path, and is rotated at every use.
 */
public final class AuthApi {

  static final String REFRESH_COOKIE = "slx_refresh";
  private static final String COOKIE_PATH = "/api/v1/auth";

  private final AdminStore admins;
  private final SessionStore sessions;
  private final AccessTokens tokens;
  private final PasswordWorker passwords;
  private final LoginThrottle throttle;
  private final AuditLog audit;
  private final Duration sessionTtl;
  private final boolean secureCookies;

  /**
   * Creates the API.
   *
   * @param admins the accounts
   * @param sessions the sessions
   * @param tokens the access tokens
   * @param passwords password checks
   * @param throttle failed-login limits
   * @param audit the audit log
   * @param sessionTtl how long a session lives
   * @param secureCookies whether the hub is reached over HTTPS
   */
  public AuthApi(AdminStore admins, SessionStore sessions, AccessTokens tokens,
      PasswordWorker passwords, LoginThrottle throttle, AuditLog audit, Duration sessionTtl,
      boolean secureCookies) {
    this.admins = admins;
    this.sessions = sessions;
    this.tokens = tokens;
    this.passwords = passwords;
    this.throttle = throttle;
    this.audit = audit;
    this.sessionTtl = sessionTtl;
    this.secureCookies = secureCookies;
  }

  /**
   * Registers the operations.
   *
   * @param api the router
   */
  public void register(ApiRouter api) {
    api.handle("login", this::login)
        .handle("refresh", this::refresh)
        .handle("logout", this::logout)
        .handle("getCurrentAdmin", this::me);
  }

  private Future<Reply> login(ApiRequest request) {
    String username = request.body().getString("username");
    String password = request.body().getString("password");
    String address = request.remoteAddress();
    var blocked = throttle.attempt(username, address);
    if (blocked.isPresent()) {
      return audit.record(username, address, "auth.login", username, false,
              new JsonObject().put("reason", "throttled"))
          .compose(v -> Future.failedFuture(ApiException.tooManyRequests(
              "Too many failed logins; try again in " + blocked.get().toMinutes() + " min",
              Math.max(1, blocked.get().toSeconds()))));
    }
    return admins.findByUsername(username).compose(account -> passwords
        .verify(password, account.filter(AdminAccount::enabled)
            .map(AdminAccount::passwordHash).orElse(null))
        .compose(ok -> {
          if (!ok) {
            return audit.record(username, address, "auth.login", username, false,
                    new JsonObject().put("reason", "bad credentials"))
                .compose(v -> Future.failedFuture(
                    ApiException.unauthorized("Wrong username or password")));
          }
          throttle.succeeded(username, address);
          AdminAccount admin = account.get();
          String refresh = Tokens.random();
          return sessions.open(admin.id(), Tokens.digest(refresh), sessionTtl, address,
                  request.context().request().getHeader("User-Agent"))
              .compose(sessionId -> admins.touchLogin(admin.id())
                  .compose(v -> audit.record(admin.username(), address, "auth.login",
                      admin.username(), true, new JsonObject().put("session",
                          sessionId.toString())))
                  .map(v -> session(request, admin, sessionId, refresh)));
        }));
  }

  private Future<Reply> refresh(ApiRequest request) {
    Cookie cookie = request.context().request().getCookie(REFRESH_COOKIE);
    String[] parts = cookie == null ? new String[0] : cookie.getValue().split("\\.", 2);
    UUID sessionId;
    try {
      sessionId = parts.length == 2 ? UUID.fromString(parts[0]) : null;
    } catch (IllegalArgumentException e) {
      sessionId = null;
    }
    if (sessionId == null) {
      return Future.failedFuture(ApiException.unauthorized("No session; log in"));
    }
    UUID session = sessionId;
    String next = Tokens.random();
    return sessions.rotate(session, Tokens.digest(parts[1]), Tokens.digest(next))
        .compose(adminId -> adminId.isEmpty()
            ? refuseReplay(request, session)
            : sessions.live(session, adminId.get()))
        .compose(principal -> principal.isEmpty()
            ? Future.failedFuture(ApiException.unauthorized("The session has ended; log in"))
            : admins.findByUsername(principal.get().username()))
        .map(account -> session(request, account.orElseThrow(
            () -> ApiException.unauthorized("The account is gone")), session, next));
  }

  /**
   * A refresh token that does not match its session was used before (or stolen and used by
   * someone else first): end the session, so that neither copy keeps working.
   */
  private <T> Future<T> refuseReplay(ApiRequest request, UUID session) {
    return sessions.revoke(session)
        .compose(v -> audit.record(null, request.remoteAddress(), "auth.refresh_reused",
            "session:" + session, false, new JsonObject()))
        .compose(v -> Future.failedFuture(ApiException.unauthorized(
            "The session has ended; log in")));
  }

  private Future<Reply> logout(ApiRequest request) {
    Principal caller = request.caller();
    clearCookie(request);
    return sessions.revoke(caller.sessionId())
        .compose(v -> audit.record(request, "auth.logout", caller.username(), true,
            new JsonObject().put("session", caller.sessionId().toString())))
        .map(v -> Reply.noContent());
  }

  private Future<Reply> me(ApiRequest request) {
    return admins.findByUsername(request.caller().username())
        .map(account -> Reply.ok(account.orElseThrow(
            () -> ApiException.unauthorized("The account is gone")).toJson()));
  }

  private Reply session(ApiRequest request, AdminAccount admin, UUID sessionId,
      String refreshToken) {
    request.context().response().addCookie(Cookie.cookie(REFRESH_COOKIE,
            sessionId + "." + refreshToken)
        .setPath(COOKIE_PATH)
        .setHttpOnly(true)
        .setSecure(secureCookies)
        .setSameSite(CookieSameSite.STRICT)
        .setMaxAge(sessionTtl.toSeconds()));
    return Reply.ok(new JsonObject()
        .put("accessToken", tokens.issue(admin.id(), admin.username(), sessionId))
        .put("tokenType", "Bearer")
        .put("expiresIn", tokens.ttl().toSeconds())
        .put("admin", admin.toJson()));
  }

  private void clearCookie(ApiRequest request) {
    request.context().response().addCookie(Cookie.cookie(REFRESH_COOKIE, "")
        .setPath(COOKIE_PATH).setHttpOnly(true).setSecure(secureCookies)
        .setSameSite(CookieSameSite.STRICT).setMaxAge(0));
  }
}
