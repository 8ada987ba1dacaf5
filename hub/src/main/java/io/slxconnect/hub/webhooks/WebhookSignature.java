package io.slxconnect.hub.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code webhook-signature} header of Standard Webhooks: {@code v1,} and the base64
 * HMAC-SHA256 of {@code <webhook-id>.<webhook-timestamp>.<body>}, one per valid secret,
 * separated by spaces (during a rotation the old and the new secret both sign).
 */
public final class WebhookSignature {

  private WebhookSignature() {
  }

  /**
   * Signs a message.
   *
   * @param messageId the {@code webhook-id}
   * @param timestamp the {@code webhook-timestamp}, seconds since the epoch
   * @param body the exact body sent
   * @param secrets the secrets that sign, newest first
   * @return the header value
   */
  public static String header(String messageId, long timestamp, byte[] body,
      List<WebhookSecret> secrets) {
    byte[] prefix = (messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    return secrets.stream()
        .map(secret -> "v1," + sign(secret, prefix, body))
        .collect(Collectors.joining(" "));
  }

  private static String sign(WebhookSecret secret, byte[] prefix, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
      mac.update(prefix);
      return Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
    }
  }
}
