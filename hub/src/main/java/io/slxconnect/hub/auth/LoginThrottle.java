package io.slxconnect.hub.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after too many failed logins for one account, or from one
 * address, within a window, further attempts are refused until the oldest failure leaves the
 * window. Counting per account stops a distributed guess at one password; counting per address
 * stops one client from trying many accounts.
 */
public final class LoginThrottle {

  static final int MAX_FAILURES_PER_ACCOUNT = 5;
  static final int MAX_FAILURES_PER_ADDRESS = 20;
  static final Duration WINDOW = Duration.ofMinutes(15);
  private static final int MAX_TRACKED_KEYS = 100_000;

  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  /**
   * Creates a throttle.
   *
   * @param clock the time source
   */
  public LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /**
   * When the next attempt is allowed, if it is not now.
   *
   * @param username the account tried
   * @param address the client address
   * @return how long to wait, or empty when an attempt is allowed
   */
  public Optional<Duration> blockedFor(String username, String address) {
    Instant now = clock.instant();
    return wait(account(username), MAX_FAILURES_PER_ACCOUNT, now)
        .or(() -> wait(address(address), MAX_FAILURES_PER_ADDRESS, now));
  }

  /**
   * Counts a failed attempt.
   *
   * @param username the account tried
   * @param address the client address
   */
  public void failed(String username, String address) {
    if (failures.size() > MAX_TRACKED_KEYS) {
      prune();
    }
    Instant now = clock.instant();
    for (String key : new String[] {account(username), address(address)}) {
      failures.compute(key, (k, times) -> {
        Deque<Instant> list = times == null ? new ArrayDeque<>() : times;
        list.addLast(now);
        return list;
      });
    }
  }

  /**
   * Forgets the account's failures after a successful login.
   *
   * @param username the account
   */
  public void succeeded(String username) {
    failures.remove(account(username));
  }

  private Optional<Duration> wait(String key, int max, Instant now) {
    Deque<Instant> times = failures.get(key);
    if (times == null) {
      return Optional.empty();
    }
    synchronized (times) {
      times.removeIf(t -> t.isBefore(now.minus(WINDOW)));
      if (times.size() < max) {
        return Optional.empty();
      }
      return Optional.of(Duration.between(now, times.peekFirst().plus(WINDOW)));
    }
  }

  private void prune() {
    Instant cutoff = clock.instant().minus(WINDOW);
    failures.values().removeIf(times -> times.isEmpty() || times.peekLast().isBefore(cutoff));
  }

  private static String account(String username) {
    return "u:" + username.toLowerCase(java.util.Locale.ROOT);
  }

  private static String address(String address) {
    return "a:" + address;
  }
}
