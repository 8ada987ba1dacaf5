package io.slxconnect.hub.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs subscriptions may send to: http or https with a host, and, when an allow-list is
 * configured, only its hosts ({@code *.example.com} matches any subdomain). The list guards
 * against an admin account being used to make the hub call internal services (SSRF); see
 * docs/webhooks.md for what it does not cover.
 */
public final class DestinationPolicy {

  private final List<String> allowedHosts;

  /**
   * Creates the policy.
   *
   * @param allowedHosts the allowed hosts, lower case; empty: any host
   */
  public DestinationPolicy(List<String> allowedHosts) {
    this.allowedHosts = List.copyOf(allowedHosts);
  }

  /**
   * Checks a URL.
   *
   * @param url the URL
   * @return why it may not be used, or empty when it may
   */
  public Optional<String> refusal(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("only http and https URLs can receive webhooks");
    }
    if (uri.getHost() == null) {
      return Optional.of("the URL has no host");
    }
    if (uri.getUserInfo() != null) {
      return Optional.of("the URL must not carry a user name or password");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (allowedHosts.isEmpty() || allowedHosts.stream().anyMatch(allowed -> matches(allowed,
        host))) {
      return Optional.empty();
    }
    return Optional.of("the host " + host + " is not in SLX_WEBHOOK_ALLOWED_HOSTS");
  }

  private static boolean matches(String allowed, String host) {
    return allowed.startsWith("*.") ? host.endsWith(allowed.substring(1)) : allowed.equals(host);
  }
}
