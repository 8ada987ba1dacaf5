package io.slxconnect.hub.webhooks;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The signing key of a subscription, written as Standard Webhooks writes it: {@code whsec_}
 * followed by the base64 key. {@link #toString()} never shows the key.
 */
public final class WebhookSecret {

  private static final String PREFIX = "whsec_";
  private static final int KEY_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;

  private WebhookSecret(byte[] key) {
    this.key = key;
  }

  /** {@return a new random 256-bit secret} */
  public static WebhookSecret generate() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return new WebhookSecret(key);
  }

  /**
   * Reads a secret in its {@code whsec_} form.
   *
   * @param text the secret
   * @return the secret
   * @throws IllegalArgumentException when it is not one
   */
  public static WebhookSecret parse(String text) {
    if (!text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("A webhook secret starts with " + PREFIX);
    }
    return new WebhookSecret(Base64.getDecoder().decode(text.substring(PREFIX.length())));
  }

  /** {@return the key the signatures are computed with} */
  byte[] key() {
    return key.clone();
  }

  /** {@return the secret in its {@code whsec_} form, to show once or to seal} */
  public String text() {
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  @Override
  public String toString() {
    return PREFIX + "***";
  }
}
