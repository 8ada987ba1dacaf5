package io.slxconnect.hrfile;

import io.slxconnect.api.Checkpoint;
import java.time.LocalDate;
import java.util.Optional;

/**
 * How far the watch has come: the digest of the file it last delivered, and the day it
 * evaluated start and end dates for. A few dozen characters however large the file is, well
 * within {@link Checkpoint#MAX_LENGTH}.
 *
 * <p>On a restart the watch compares: the same digest and day mean nothing happened while the
 * hub was away; the same digest on a later day means only dates passed, which it can replay
 * exactly; another digest means the file changed, and since the checkpoint holds no copy of the
 * old rows, every row is delivered again. That costs little: the hub's ingest writes nothing
 * for a user whose state did not change.
 *
 * @param digest the SHA-256 of the file, in hex
 * @param day the day dates were evaluated for
 */
record HrCheckpoint(String digest, LocalDate day) {

  private static final String PREFIX = "hr-file/1;";

  /** {@return the checkpoint the hub stores} */
  Checkpoint toCheckpoint() {
    return new Checkpoint(PREFIX + "sha256=" + digest + ";day=" + day);
  }

  /**
   * Reads a stored checkpoint.
   *
   * @param checkpoint what the hub stored, or {@code null}
   * @return the position, or empty for {@code null} or a checkpoint of another format (then
   *     the watch delivers every row, which is always safe)
   */
  static Optional<HrCheckpoint> from(Checkpoint checkpoint) {
    if (checkpoint == null || !checkpoint.value().startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = checkpoint.value().substring(PREFIX.length()).split(";");
    if (parts.length != 2 || !parts[0].startsWith("sha256=") || !parts[1].startsWith("day=")) {
      return Optional.empty();
    }
    try {
      return Optional.of(new HrCheckpoint(parts[0].substring("sha256=".length()),
          LocalDate.parse(parts[1].substring("day=".length()))));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
