package io.slxconnect.hub.auth;

import io.slxconnect.hub.crypto.PasswordHasher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/**
 * Runs the deliberately slow password hashing on a small worker pool of its own, so that logins
 * never block an event loop and a burst of them cannot starve other blocking work.
 */
public final class PasswordWorker implements AutoCloseable {

  private static final int THREADS = 2;

  private final PasswordHasher hasher = new PasswordHasher();
  private final WorkerExecutor executor;
  private volatile String decoy;

  /**
   * Creates the worker.
   *
   * @param vertx the Vert.x instance
   */
  public PasswordWorker(Vertx vertx) {
    this.executor = vertx.createSharedWorkerExecutor("slx-password-hashing", THREADS);
  }

  /**
   * Hashes a password.
   *
   * @param password the password
   * @return the stored form
   */
  public Future<String> hash(String password) {
    return executor.executeBlocking(() -> hasher.hash(password.toCharArray()), false);
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
    return executor.executeBlocking(() -> {
      if (storedHash == null && decoy == null) {
        decoy = hasher.decoy();
      }
      boolean match = hasher.verify(password.toCharArray(), storedHash == null ? decoy
          : storedHash);
      return match && storedHash != null;
    }, false);
  }

  @Override
  public void close() {
    executor.close();
  }
}
