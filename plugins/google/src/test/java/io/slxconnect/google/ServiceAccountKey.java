package io.slxconnect.google;

import io.vertx.core.json.JsonObject;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * A service account key made for a test: a fresh RSA key pair (never written to disk), and the
 * JSON key file Google would hand out for it, with {@code token_uri} pointing at the stand-in.
 */
public final class ServiceAccountKey {

  /** The service account's email. */
  public static final String CLIENT_EMAIL = "slx-connect@slx-test.iam.gserviceaccount.com";
  /** Its OAuth client id, the one domain-wide delegation names. */
  public static final String CLIENT_ID = "104583201234567890123";

  /** The key pair, made for this test. */
  public final KeyPair pair;
  /** The JSON key file. */
  public final String json;

  /**
   * Makes a key.
   *
   * @param tokenUri the token endpoint the key names
   * @throws Exception when no RSA key can be made
   */
  public ServiceAccountKey(String tokenUri) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    pair = generator.generateKeyPair();
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    json = new JsonObject().put("type", "service_account").put("project_id", "slx-test")
        .put("private_key_id", "0123456789abcdef").put("private_key", pem)
        .put("client_email", CLIENT_EMAIL).put("client_id", CLIENT_ID)
        .put("auth_uri", "https://accounts.google.com/o/oauth2/auth")
        .put("token_uri", tokenUri).encode();
  }
}
