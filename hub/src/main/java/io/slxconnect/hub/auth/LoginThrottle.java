package io.slxconnect.hub.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

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
  private final Map<String, Deque<Instant>> failures = new HashMap<>();

  /**
   * Creates a throttle.
   *
   * @param clock the time source
   */
  public LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /**
   * Admits a login attempt and counts it as failed until {@link #succeeded} says otherwise,
   * so that a burst of parallel guesses is counted before the slow password checks finish.
   *
   * @param username the account tried
   * @param address the client address
   * @return how long to wait when the attempt is refused, or empty when it may go ahead
   */
  public synchronized Optional<Duration> attempt(String username, String address) {
    Optional<Duration> blocked = blockedFor(username, address);
    if (blocked.isEmpty()) {
      failed(username, address);
    }
    return blocked;
  }

  /**
   * When the next attempt is allowed, if it is not now.
   *
   * @param username the account tried
   * @param address the client address
   * @return how long to wait, or empty when an attempt is allowed
   */
  synchronized Optional<Duration> blockedFor(String username, String address) {
    Instant now = clock.instant();
    return wait(account(username), MAX_FAILURES_PER_ACCOUNT, now)
        .or(() -> wait(address(address), MAX_FAILURES_PER_ADDRESS, now));
  }

  /**
   * Counts a failed attempt (done by {@link #attempt}).
   *
   * @param username the account tried
   * @param address the client address
   */
  synchronized void failed(String username, String address) {
    if (failures.size() > MAX_TRACKED_KEYS) {
      prune();
    }
    Instant now = clock.instant();
    for (String key : new String[] {account(username), address(address)}) {
      failures.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
    }
  }

  /**
   * Forgets the account's failures after a successful login, including the attempt itself.
   *
   * @param username the account
   * @param address the client address
   */
  public synchronized void succeeded(String username, String address) {
    failures.remove(account(username));
    Deque<Instant> fromAddress = failures.get(address(address));
    if (fromAddress != null) {
      fromAddress.pollLast();
    }
  }

  private Optional<Duration> wait(String key, int max, Instant now) {
    Deque<Instant> times = failures.get(key);
    if (times == null) {
      return Optional.empty();
    }
    times.removeIf(t -> t.isBefore(now.minus(WINDOW)));
    if (times.size() < max) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, times.peekFirst().plus(WINDOW)));
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
