package io.slxconnect.hub.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which URLs subscriptions may use, with and without an allow-list. */
class DestinationPolicyTest {

  @Test
  void withoutAnAllowListAnyHttpOrHttpsHostMayBeUsed() {
    DestinationPolicy any = new DestinationPolicy(List.of());
    assertEquals(Optional.empty(), any.refusal("https://hooks.example.com/slx"));
    assertEquals(Optional.empty(), any.refusal("http://127.0.0.1:8080/x"));
    assertTrue(any.refusal("file:///etc/passwd").orElseThrow().contains("http"));
    assertTrue(any.refusal("https:///no-host").isPresent());
  }

  @Test
  void anAllowListAdmitsItsHostsAndTheirSubdomainsOnly() {
    DestinationPolicy list = new DestinationPolicy(List.of("hooks.example.com", "*.corp.test"));
    assertEquals(Optional.empty(), list.refusal("https://hooks.example.com/a"));
    assertEquals(Optional.empty(), list.refusal("https://HR.corp.test/a"));
    assertTrue(list.refusal("https://corp.test.evil.io/a").isPresent());
    assertTrue(list.refusal("http://169.254.169.254/latest/meta-data").orElseThrow()
        .contains("SLX_WEBHOOK_ALLOWED_HOSTS"));
  }
}
