package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.util.StaticUtils;
import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import java.text.ParseException;
import java.util.Comparator;
import java.util.Date;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How far a watch has read, in one of the two orders an LDAP server offers: a changelog number
 * (draft-good-ldap-changelog) or a modification time. Stored as the checkpoint
 * {@code changeNumber:<n>} or {@code modifyTimestamp:<generalized time>}; the kind is part of
 * the text so that a watch never reads one as the other after the strategy changed.
 *
 * @param kind which order
 * @param value the number, or the time exactly as the server wrote it (servers compare their
 *     own format best, so it is never reformatted)
 */
record WatchPosition(Kind kind, String value) {

  /** The order a position is in. */
  enum Kind {
    /** A changelog's changeNumber. */
    CHANGE_NUMBER("changeNumber"),
    /** The newest modifyTimestamp or createTimestamp seen. */
    MODIFIED_AT("modifyTimestamp");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }
  }

  /** The operational attributes that say when an entry last changed. */
  static final String[] TIMESTAMP_ATTRIBUTES = {"modifyTimestamp", "createTimestamp"};

  /**
   * Creates a position.
   *
   * @param kind which order
   * @param value the number or time
   */
  WatchPosition {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
  }

  /**
   * A changelog position.
   *
   * @param changeNumber the last change read
   * @return the position
   */
  static WatchPosition changeNumber(long changeNumber) {
    return new WatchPosition(Kind.CHANGE_NUMBER, Long.toString(changeNumber));
  }

  /**
   * A time position.
   *
   * @param generalizedTime the newest time seen, as the server wrote it
   * @return the position
   */
  static WatchPosition modifiedAt(String generalizedTime) {
    return new WatchPosition(Kind.MODIFIED_AT, generalizedTime);
  }

  /**
   * Reads a stored checkpoint.
   *
   * @param checkpoint the checkpoint, or {@code null} when the watch starts afresh
   * @param accepted the kinds the watch can resume from
   * @return the position, or {@code null} for a {@code null} checkpoint
   * @throws ConnectorException when the checkpoint is not a position of an accepted kind (it
   *     was written by another strategy): the hub must then import again
   */
  static WatchPosition parse(Checkpoint checkpoint, Kind... accepted) {
    if (checkpoint == null) {
      return null;
    }
    String text = checkpoint.value();
    for (Kind kind : accepted) {
      if (text.startsWith(kind.prefix + ":")) {
        WatchPosition position = new WatchPosition(kind, text.substring(kind.prefix.length() + 1));
        position.validate();
        return position;
      }
    }
    throw unreadable(text);
  }

  /** {@return the changelog number; only for {@link Kind#CHANGE_NUMBER}} */
  long number() {
    return Long.parseLong(value);
  }

  /** {@return this position as the hub stores it} */
  Checkpoint checkpoint() {
    return new Checkpoint(kind.prefix + ":" + value);
  }

  /**
   * The later of this time position and the time an entry last changed.
   *
   * @param entry an entry read with {@link #TIMESTAMP_ATTRIBUTES}
   * @return this position, or the entry's newer time
   */
  WatchPosition laterOf(Entry entry) {
    String newest = newestTime(entry);
    return newest != null && parseTime(newest).after(parseTime(value)) ? modifiedAt(newest) : this;
  }

  /**
   * Whether an entry last changed exactly at this position's time.
   *
   * @param entry an entry read with {@link #TIMESTAMP_ATTRIBUTES}
   * @return {@code true} when it did
   */
  boolean isTimeOf(Entry entry) {
    String newest = newestTime(entry);
    return newest != null && parseTime(newest).equals(parseTime(value));
  }

  /** The newer of an entry's times (ApacheDS sets no modifyTimestamp on add), or null. */
  private static String newestTime(Entry entry) {
    return Stream.of(TIMESTAMP_ATTRIBUTES).map(entry::getAttributeValue).filter(Objects::nonNull)
        .max(Comparator.comparing(WatchPosition::parseTime)).orElse(null);
  }

  private void validate() {
    try {
      if (kind == Kind.CHANGE_NUMBER) {
        number();
      } else {
        StaticUtils.decodeGeneralizedTime(value);
      }
    } catch (NumberFormatException | ParseException e) {
      throw unreadable(kind.prefix + ":" + value);
    }
  }

  private static Date parseTime(String generalizedTime) {
    try {
      return StaticUtils.decodeGeneralizedTime(generalizedTime);
    } catch (ParseException e) {
      // Timestamps come from the server's operational attributes, validated by its schema.
      throw new IllegalStateException("The server wrote a time that is not generalized time: "
          + generalizedTime, e);
    }
  }

  private static ConnectorException unreadable(String text) {
    return new ConnectorException(Reason.FAILED, "The stored checkpoint '" + text
        + "' is no changelog number or modification time this LDAP watch can resume from (was "
        + "it written by another change-detection strategy?); import again to start afresh");
  }
}
