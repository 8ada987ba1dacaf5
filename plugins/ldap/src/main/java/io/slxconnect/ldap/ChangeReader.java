package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;

/**
 * Reads what changed in a directory after a {@link WatchPosition}: the whole work of a polling
 * watch, and how a push watch catches up after a reconnect. Methods block; they run on a
 * {@link WatchLoop}'s thread.
 */
interface ChangeReader {

  /**
   * The position of the present, to start from when there is no checkpoint.
   *
   * @param connection a bound connection
   * @return the position; changes after it are read by the next {@link #offerAfter}
   * @throws LDAPException when the directory fails
   */
  WatchPosition now(LDAPConnection connection) throws LDAPException;

  /**
   * Offers the changes after a position to the feed, in order and with the positions after
   * them.
   *
   * @param connection a bound connection
   * @param from the position to read after
   * @return the position reached, the last one offered; {@code from} when nothing changed
   * @throws LDAPException when the directory fails; what was offered before stays offered
   */
  WatchPosition offerAfter(LDAPConnection connection, WatchPosition from) throws LDAPException;
}
