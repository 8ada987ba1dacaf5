package io.slxconnect.api;

import java.util.Arrays;

/**
 * A password on its way to a connected system. The hub never stores passwords; it hands them
 * to connectors in this wrapper, whose {@link #toString()} never shows the value, so that a
 * stray log line cannot leak one.
 */
public final class Password {

  private final char[] value;

  /**
   * Wraps a password; the array is copied.
   *
   * @param value the password characters
   */
  public Password(char[] value) {
    this.value = value.clone();
  }

  /**
   * The password characters. The caller clears its copy once used.
   *
   * @return a copy of the characters
   */
  public char[] chars() {
    return value.clone();
  }

  /** Overwrites the password in memory. */
  public void clear() {
    Arrays.fill(value, '\0');
  }

  /** {@return a fixed mask, never the value} */
  @Override
  public String toString() {
    return "Password[********]";
  }
}
