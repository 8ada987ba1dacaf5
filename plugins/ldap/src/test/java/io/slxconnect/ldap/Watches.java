package io.slxconnect.ldap;

import java.time.Duration;

/** Conditions on watches that tests wait for. */
final class Watches {

  private Watches() {
  }

  /**
   * Waits until no thread of a watch is alive: the watch has stopped.
   *
   * @param name the watch's name, as in its thread's name {@code slx-ldap-<name>}
   * @param timeout how long at most
   */
  static void awaitStopped(String name, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().equals("slx-ldap-" + name))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Watch " + name + " still runs after " + timeout);
      }
      Thread.sleep(10);
    }
  }
}
