package io.slxconnect.google;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stand-in's OAuth 2.0 token endpoint, as Google's {@code oauth2.googleapis.com/token}
 * answers a service account's JWT bearer grant (RFC 7523): the assertion's RS256 signature must
 * verify with the service account's public key, {@code aud} must be Google's token endpoint (the library always signs that), {@code exp}
 * in the future, {@code sub} an existing admin (else {@code 400 invalid_grant "Invalid email or
 * User ID"}), and every requested scope granted to the client id by domain-wide delegation (else
 * {@code 401 unauthorized_client}). Issued tokens remember their scopes.
 */
public final class StandInTokens {

  private final Map<String, PublicKey> keysByClientEmail = new ConcurrentHashMap<>();
  private final Map<String, String> clientIdByEmail = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> delegation = new ConcurrentHashMap<>();
  private final Set<String> admins = ConcurrentHashMap.newKeySet();
  private final Map<String, Set<String>> scopesByToken = new ConcurrentHashMap<>();
  /** The audience Google requires, whichever URL the assertion is posted to. */
  private static final String AUDIENCE = "https://oauth2.googleapis.com/token";

  /**
   * Registers a service account's public key.
   *
   * @param clientEmail the account's email, the JWT's {@code iss}
   * @param clientId its client id
   * @param key its public key
   */
  public void serviceAccount(String clientEmail, String clientId, PublicKey key) {
    keysByClientEmail.put(clientEmail, key);
    clientIdByEmail.put(clientEmail, clientId);
  }

  /**
   * Sets the scopes the Workspace admin granted the client id (domain-wide delegation).
   *
   * @param clientId the service account's client id
   * @param scopes the scopes granted
   */
  public void delegate(String clientId, Set<String> scopes) {
    delegation.put(clientId, Set.copyOf(scopes));
  }

  void revokeDelegation(String clientId) {
    delegation.remove(clientId);
  }

  /**
   * Makes a user an admin the service account may act for.
   *
   * @param email the admin's primary email, the JWT's {@code sub}
   */
  public void admin(String email) {
    admins.add(email);
  }

  /** {@return the scopes of an access token, or null when it was not issued here} */
  Set<String> scopesOf(String accessToken) {
    return accessToken == null ? null : scopesByToken.get(accessToken);
  }

  void handle(RoutingContext ctx) {
    String grant = ctx.request().getFormAttribute("grant_type");
    String assertion = ctx.request().getFormAttribute("assertion");
    if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(grant) || assertion == null) {
      error(ctx, 400, "unsupported_grant_type", "Invalid grant_type: " + grant);
      return;
    }
    String[] parts = assertion.split("\\.");
    if (parts.length != 3) {
      error(ctx, 400, "invalid_grant", "Invalid JWT.");
      return;
    }
    JsonObject header = new JsonObject(decode(parts[0]));
    JsonObject claims = new JsonObject(decode(parts[1]));
    PublicKey key = keysByClientEmail.get(claims.getString("iss", ""));
    if (!"RS256".equals(header.getString("alg")) || key == null
        || !verifies(key, parts[0] + "." + parts[1], parts[2])) {
      error(ctx, 400, "invalid_grant", "Invalid JWT Signature.");
      return;
    }
    long now = Instant.now().getEpochSecond();
    if (!AUDIENCE.equals(claims.getString("aud")) || claims.getLong("exp", 0L) < now) {
      error(ctx, 400, "invalid_grant", "Invalid JWT: Token must be a short-lived token (60 "
          + "minutes) and in a reasonable timeframe.");
      return;
    }
    Set<String> requested = Set.of(claims.getString("scope", "").split(" "));
    Set<String> granted = delegation.get(clientIdByEmail.get(claims.getString("iss")));
    if (granted == null || !granted.containsAll(requested)) {
      error(ctx, 401, "unauthorized_client", "Client is unauthorized to retrieve access tokens "
          + "using this method, or client not authorized for any of the scopes requested.");
      return;
    }
    if (!admins.contains(claims.getString("sub", ""))) {
      error(ctx, 400, "invalid_grant", "Invalid email or User ID");
      return;
    }
    String token = "ya29.standin-" + UUID.randomUUID();
    scopesByToken.put(token, requested);
    ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
        .end(new JsonObject().put("access_token", token).put("expires_in", 3599)
            .put("token_type", "Bearer").encode());
  }

  private static boolean verifies(PublicKey key, String signed, String signature) {
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(key);
      rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
      return rsa.verify(Base64.getUrlDecoder().decode(signature));
    } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  private static void error(RoutingContext ctx, int status, String error, String description) {
    ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(new JsonObject().put("error", error).put("error_description", description).encode());
  }
}
