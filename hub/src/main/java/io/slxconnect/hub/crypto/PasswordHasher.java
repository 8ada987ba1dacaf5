package io.slxconnect.hub.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes admin passwords with PBKDF2-HMAC-SHA256, a 16-byte random salt and 600 000 iterations
 * (OWASP's 2023 recommendation). The stored form names algorithm and count, so they can be raised
 * later without invalidating existing hashes. Hashing is slow on purpose: call it on a worker
 * thread, never on an event loop.
 */
public final class PasswordHasher {

  private static final String PREFIX = "pbkdf2-sha256";
  private static final int ITERATIONS = 600_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;

  /**
   * Hashes a password.
   *
   * @param password the password
   * @return {@code pbkdf2-sha256$iterations$salt$hash}, base64 parts
   */
  public String hash(char[] password) {
    byte[] salt = KeyMaterial.randomBytes(SALT_BYTES);
    byte[] hash = derive(password, salt, ITERATIONS);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$"
        + b64.encodeToString(hash);
  }

  /**
   * Checks a password against a stored hash in constant time.
   *
   * @param password the password given
   * @param stored the stored hash
   * @return whether they match
   */
  public boolean verify(char[] password, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !PREFIX.equals(parts[0])) {
      return false;
    }
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] expected = b64.decode(parts[3]);
    byte[] actual = derive(password, b64.decode(parts[2]), Integer.parseInt(parts[1]));
    return MessageDigest.isEqual(expected, actual);
  }

  /**
   * A hash of a password nobody knows, to verify against when an account does not exist, so
   * that a login for an unknown name takes as long as one with a wrong password.
   *
   * @return a valid stored hash
   */
  public String decoy() {
    return hash(Base64.getEncoder().encodeToString(KeyMaterial.randomBytes(24)).toCharArray());
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
      try {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec)
            .getEncoded();
      } finally {
        spec.clearPassword();
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    }
  }
}
