package io.slxconnect.hub.auth;

import io.slxconnect.hub.crypto.PasswordHasher;
import io.slxconnect.hub.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the deliberately slow password hashing on a small worker pool of its own, so that logins
 * never block an event loop and a burst of them cannot starve other blocking work.
 */
public final class PasswordWorker implements AutoCloseable {

  private static final int THREADS = 2;
  /** Hashes waiting beyond this are refused (503), so a flood cannot queue without end. */
  private static final int MAX_PENDING = 32;

  private final PasswordHasher hasher = new PasswordHasher();
  private final WorkerExecutor executor;
  private final AtomicInteger pending = new AtomicInteger();
  private final Future<String> decoy;

  /**
   * Creates the worker.
   *
   * @param vertx the Vert.x instance
   */
  public PasswordWorker(Vertx vertx) {
    this.executor = vertx.createSharedWorkerExecutor("slx-password-hashing", THREADS);
    this.decoy = executor.executeBlocking(hasher::decoy, false);
  }

  /**
   * Hashes a password.
   *
   * @param password the password
   * @return the stored form
   */
  public Future<String> hash(String password) {
    return bounded(() -> hasher.hash(password.toCharArray()));
  }

  /**
   * Checks a password; with no stored hash, checks against a decoy so that timing does not tell
   * whether the account exists.
   *
   * @param password the password given
   * @param storedHash the stored hash, or {@code null} when there is no such account
   * @return whether it matches (always {@code false} without an account)
   */
  public Future<Boolean> verify(String password, String storedHash) {
    return decoy.compose(fallback -> bounded(() -> {
      boolean match = hasher.verify(password.toCharArray(),
          storedHash == null ? fallback : storedHash);
      return match && storedHash != null;
    }));
  }

  private <T> Future<T> bounded(Callable<T> work) {
    if (pending.incrementAndGet() > MAX_PENDING) {
      pending.decrementAndGet();
      return Future.failedFuture(ApiException.unavailable(
          "Too many password checks at once; try again in a few seconds", 5));
    }
    return executor.executeBlocking(work, false).onComplete(done -> pending.decrementAndGet());
  }

  @Override
  public void close() {
    executor.close();
  }
}
