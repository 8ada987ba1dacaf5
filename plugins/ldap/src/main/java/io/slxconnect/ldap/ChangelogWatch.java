package io.slxconnect.ldap;

import io.slxconnect.api.Checkpoint;
import java.lang.System.Logger;
import java.time.Duration;

/**
 * Follows a server's {@code cn=changelog} (draft-good-ldap-changelog): every interval, the
 * changes after the last changeNumber read, in order ({@link ChangelogReader}). The checkpoint
 * is that changeNumber; without one the watch starts at the server's current
 * {@code lastChangeNumber}, so existing entries are not replayed (the import covers those).
 *
 * <p>Unlike polling, it sees deletes, as far as the changelog keeps the deleted entry's stable
 * id (see {@link ChangelogReader}). Changes the server purged from its changelog before they
 * were read are missed, and logged.
 */
final class ChangelogWatch implements DirectoryWatch {

  private final WatchLoop loop;

  /**
   * Creates the watch; {@link #start()} starts it.
   *
   * @param connections opens the watch's own connection
   * @param settings what to watch
   * @param checkpoint a {@code changeNumber:} position to resume from, or {@code null} to start
   *     at the present
   * @param mapper turns entries into records
   * @param feed where changes go
   * @param logger where outages, purged changes and unidentifiable deletes are reported
   * @param interval the time between two reads of the changelog
   * @throws io.slxconnect.api.ConnectorException when the checkpoint is no changelog position
   */
  ChangelogWatch(LdapConnections connections, LdapSettings settings, Checkpoint checkpoint,
      EntryMapper mapper, ChangeFeed feed, Logger logger, Duration interval) {
    ChangeReader reader = new ChangelogReader(mapper, WatchScope.of(settings),
        settings.pageSize(), feed, logger);
    CatchUp poll = new CatchUp(reader,
        WatchPosition.parse(checkpoint, WatchPosition.Kind.CHANGE_NUMBER), feed);
    loop = new WatchLoop("changelog-" + settings.urls().get(0).url(), connections, feed, logger,
        interval, poll);
  }

  @Override
  public void start() {
    loop.start();
  }

  @Override
  public void close() {
    loop.close();
  }
}
