package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.List;

/**
 * A watch's position and the step that brings it up to the present with a
 * {@link ChangeReader}: each poll of a polling watch, and the catch-up of a push watch after
 * each (re)connect. Thread-safe: a push watch moves the position from the SDK's listener thread.
 */
final class CatchUp implements WatchLoop.Work {

  private final ChangeReader reader;
  private final ChangeFeed feed;
  private WatchPosition position;

  /**
   * Creates the step.
   *
   * @param reader reads the changes
   * @param start the position from the checkpoint, or {@code null} to start at the present
   * @param feed where the changes go
   */
  CatchUp(ChangeReader reader, WatchPosition start, ChangeFeed feed) {
    this.reader = reader;
    this.position = start;
    this.feed = feed;
  }

  /**
   * Offers what changed since the position and moves it; without a position yet, takes the
   * present as the position instead, and offers it alone.
   */
  @Override
  public void run(LDAPConnection connection) throws LDAPException {
    WatchPosition from = position();
    if (from == null) {
      from = reader.now(connection);
      // Committed at once: otherwise a restart before the first change would start from a new
      // present and lose what happened in between.
      feed.offer(List.of(), from.checkpoint());
    }
    moveTo(reader.offerAfter(connection, from));
  }

  /** {@return the position reached, or {@code null} before the first run without checkpoint} */
  synchronized WatchPosition position() {
    return position;
  }

  /**
   * Moves the position, for changes offered by other means (a push watch's notifications).
   *
   * @param next the new position
   */
  synchronized void moveTo(WatchPosition next) {
    position = next;
  }
}
