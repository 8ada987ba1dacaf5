package io.slxconnect.ldap;

import java.util.concurrent.CompletionStage;

/**
 * One running way of following a directory's changes (a strategy of
 * {@link ChangeDetectionStrategy}): it reads changes from the server, maps them to change
 * records, and offers them with its position to a {@link ChangeFeed}. It reconnects by itself
 * with {@link Backoff} after a lost connection and catches up from its last position.
 */
interface DirectoryWatch extends AutoCloseable {

  /**
   * Starts following; returns at once. The watch connects and reads on a thread of its own and
   * offers what it sees to its feed until it is closed or the feed fails.
   *
   * @return completes once the watch follows the directory: a change made after that is
   *     reported; fails, and the watch closes, when it cannot connect the first time (later
   *     outages are retried without end)
   */
  CompletionStage<Void> start();

  /** Stops following and releases the connection; safe to call more than once. */
  @Override
  void close();
}
