package io.slxconnect.cognito;

import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The checkpoint of a Cognito watch: the newest {@code UserLastModifiedDate} it has delivered, as
 * {@code lastModified:2026-11-26T04:00:00Z}. After a restart, the users modified at or after it
 * are reported again (at worst once too often, which changes nothing in the hub); the others are
 * taken as known.
 */
final class WatchMark {

  private static final String PREFIX = "lastModified:";

  private WatchMark() {
  }

  /**
   * Writes a mark.
   *
   * @param lastModified the newest modification delivered
   * @return the checkpoint
   */
  static Checkpoint of(Instant lastModified) {
    return new Checkpoint(PREFIX + lastModified);
  }

  /**
   * Reads a mark.
   *
   * @param checkpoint a checkpoint this watch wrote, or {@code null}
   * @return the time in it, or {@code null} without a checkpoint
   * @throws ConnectorException {@code FAILED} for a checkpoint of another kind
   */
  static Instant parse(Checkpoint checkpoint) {
    if (checkpoint == null) {
      return null;
    }
    String value = checkpoint.value();
    try {
      if (value.startsWith(PREFIX)) {
        return Instant.parse(value.substring(PREFIX.length()));
      }
    } catch (DateTimeParseException e) {
      // Reported below, as every checkpoint this watch cannot read.
    }
    throw new ConnectorException(Reason.FAILED, "The stored watch position '" + value
        + "' is not a Cognito one (lastModified:<time>); run an import, then restart the "
        + "connector");
  }
}
