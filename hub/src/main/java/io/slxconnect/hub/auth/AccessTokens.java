package io.slxconnect.hub.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Issues and verifies the short-lived access tokens of the API: JWTs signed with HS256 and a
 * 256-bit key that is generated at first start (or given), with {@code iss}, {@code aud} and
 * {@code exp} checked on every request. A token names its login session ({@code sid}), so that
 * logout ends it at once.
 */
public final class AccessTokens {

  private static final String ALGORITHM = "HS256";

  private final JWTAuth jwt;
  private final String issuer;
  private final Duration ttl;

  /**
   * Creates the token service.
   *
   * @param vertx the Vert.x instance
   * @param key the HMAC key, 32 bytes
   * @param issuer the issuer, also used as audience
   * @param ttl how long tokens live
   */
  public AccessTokens(Vertx vertx, byte[] key, String issuer, Duration ttl) {
    this.issuer = issuer;
    this.ttl = ttl;
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions()
            .setAlgorithm(ALGORITHM)
            .setBuffer(Buffer.buffer(key)))
        .setJWTOptions(new JWTOptions()
            .setAlgorithm(ALGORITHM)
            .setIssuer(issuer)
            .setAudience(List.of(issuer))
            .setLeeway(5)));
  }

  /** @return how long a token lives */
  public Duration ttl() {
    return ttl;
  }

  /**
   * Signs a token for a session.
   *
   * @param adminId the admin
   * @param username the admin's name
   * @param sessionId the session
   * @return the compact JWT
   */
  public String issue(UUID adminId, String username, UUID sessionId) {
    return jwt.generateToken(
        new JsonObject().put("sub", adminId.toString()).put("name", username)
            .put("sid", sessionId.toString()),
        new JWTOptions().setAlgorithm(ALGORITHM).setIssuer(issuer)
            .setAudience(List.of(issuer)).setExpiresInSeconds((int) ttl.toSeconds()));
  }

  /**
   * Verifies signature, algorithm, issuer, audience and expiry.
   *
   * @param token the compact JWT
   * @return the session id and admin id it names
   */
  public Future<Claims> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token)).map(user -> {
      JsonObject p = user.principal();
      return new Claims(UUID.fromString(p.getString("sub")), UUID.fromString(p.getString("sid")));
    });
  }

  /**
   * What a valid token says.
   *
   * @param adminId the admin
   * @param sessionId the session
   */
  public record Claims(UUID adminId, UUID sessionId) {
  }
}
