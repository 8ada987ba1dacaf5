package io.slxconnect.hub.webhooks;

import java.util.List;
import java.util.UUID;

/**
 * An enabled subscription as the dispatcher sends to it.
 *
 * @param id the subscription
 * @param url where deliveries go
 * @param maxInFlight how many deliveries may be under way at once
 * @param secrets the secrets that sign, newest first; empty when its secret cannot be
 *     decrypted (then nothing is sent: never unsigned)
 */
public record Target(UUID id, String url, int maxInFlight, List<WebhookSecret> secrets) {
}
