package io.slxconnect.hub.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Random opaque tokens (setup links, refresh tokens) and the digests the database keeps. */
public final class Tokens {

  private Tokens() {
  }

  /**
   * A new random token.
   *
   * @return 32 random bytes, base64url without padding
   */
  public static String random() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(KeyMaterial.randomBytes(32));
  }

  /**
   * The SHA-256 digest of a token, which is what the database stores: a leaked table does not
   * give working tokens.
   *
   * @param token the token
   * @return the hex digest
   */
  public static String digest(String token) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(hash.length * 2);
      for (byte b : hash) {
        hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
