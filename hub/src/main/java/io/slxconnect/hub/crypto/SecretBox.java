package io.slxconnect.hub.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-256-GCM. Each value gets a fresh 96-bit nonce; the stored
 * form is {@code version(1) | nonce(12) | ciphertext+tag}. The associated data binds a value to
 * the record it belongs to, so a ciphertext copied to another row does not decrypt.
 */
public final class SecretBox {

  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;

  /**
   * Creates a box.
   *
   * @param key the 32-byte master key
   */
  public SecretBox(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /**
   * Encrypts.
   *
   * @param plaintext the secret bytes
   * @param associatedData what the value belongs to, for example a connector id
   * @return the stored form
   */
  public byte[] seal(byte[] plaintext, byte[] associatedData) {
    byte[] nonce = KeyMaterial.randomBytes(NONCE_BYTES);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData);
      byte[] sealed = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
          .put(VERSION).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * Decrypts.
   *
   * @param stored the stored form from {@link #seal}
   * @param associatedData the same associated data as when sealed
   * @return the secret bytes
   * @throws SecretBoxException when the value was tampered with or the key is wrong
   */
  public byte[] open(byte[] stored, byte[] associatedData) {
    if (stored.length < 1 + NONCE_BYTES || stored[0] != VERSION) {
      throw new SecretBoxException("Unknown secret format");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key,
          new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
      cipher.updateAAD(associatedData);
      return cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new SecretBoxException(
          "Secret cannot be decrypted: wrong master key (SLX_MASTER_KEY) or tampered data");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** A stored secret cannot be opened. */
  public static final class SecretBoxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SecretBoxException(String message) {
      super(message);
    }
  }
}
