package io.slxconnect.hub.auth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final LoginThrottle throttle = new LoginThrottle(new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  });

  @Test
  void anAccountIsLockedAfterFiveFailuresUntilTheWindowPasses() {
    for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_ACCOUNT; i++) {
      assertTrue(throttle.blockedFor("alice", "10.0.0." + i).isEmpty());
      throttle.failed("alice", "10.0.0." + i);
    }
    assertTrue(throttle.blockedFor("ALICE", "10.0.0.99").isPresent(), "names are case-blind");
    assertTrue(throttle.blockedFor("bob", "10.0.0.99").isEmpty());
    now = now.plus(LoginThrottle.WINDOW).plus(Duration.ofSeconds(1));
    assertTrue(throttle.blockedFor("alice", "10.0.0.99").isEmpty());
  }

  @Test
  void attemptsAreCountedBeforeTheirOutcomeIsKnown() {
    for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_ACCOUNT; i++) {
      assertTrue(throttle.attempt("dave", "203.0.113.1").isEmpty(), "attempt " + i);
    }
    assertTrue(throttle.attempt("dave", "203.0.113.1").isPresent(),
        "parallel guesses in flight already count");
  }

  @Test
  void successfulLoginsDoNotLockTheirAddress() {
    for (int i = 0; i < 3 * LoginThrottle.MAX_FAILURES_PER_ADDRESS; i++) {
      assertTrue(throttle.attempt("user" + (i % 3), "192.0.2.9").isEmpty());
      throttle.succeeded("user" + (i % 3), "192.0.2.9");
    }
  }

  @Test
  void oneAddressTryingManyAccountsIsLocked() {
    for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_ADDRESS; i++) {
      throttle.failed("user" + i, "192.0.2.1");
    }
    assertTrue(throttle.blockedFor("someone-new", "192.0.2.1").isPresent());
    assertTrue(throttle.blockedFor("someone-new", "192.0.2.2").isEmpty());
  }

  @Test
  void aSuccessfulLoginClearsTheAccountsFailures() {
    for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_ACCOUNT - 1; i++) {
      throttle.failed("carol", "198.51.100.1");
    }
    throttle.succeeded("carol", "198.51.100.1");
    throttle.failed("carol", "198.51.100.1");
    assertTrue(throttle.blockedFor("carol", "198.51.100.7").isEmpty());
  }
}
