package io.slxconnect.api;

import java.util.Objects;

/**
 * How far a watch has come, in the connected system's own terms: a DirSync cookie, a syncrepl
 * cookie, a changelog number, a last-modified time. Opaque to the hub, which stores it together
 * with the changes it follows, in one transaction, and hands it back after a restart.
 *
 * @param value the position, serialised by the connector (at most 64 KiB)
 */
public record Checkpoint(String value) {

  /** The largest checkpoint the hub stores, in characters. */
  public static final int MAX_LENGTH = 64 * 1024;

  /**
   * Creates a checkpoint.
   *
   * @param value the serialised position
   */
  public Checkpoint {
    Objects.requireNonNull(value, "value");
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("Checkpoint longer than " + MAX_LENGTH + " characters");
    }
  }
}
