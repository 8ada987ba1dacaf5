package io.slxconnect.ldap;

import io.slxconnect.api.Checkpoint;
import java.lang.System.Logger;
import java.time.Duration;

/** The watches that look for changes every interval, on a {@link WatchLoop}. */
final class PollingWatches {

  private PollingWatches() {
  }

  /**
   * Follows a server's {@code cn=changelog} (draft-good-ldap-changelog): every interval, the
   * changes after the last changeNumber read, in order ({@link ChangelogReader}). The checkpoint
   * is that changeNumber; without one the watch starts at the server's current
   * {@code lastChangeNumber}, so existing entries are not replayed (the import covers those).
   *
   * <p>Unlike polling, it sees deletes, as far as the changelog keeps the deleted entry's stable
   * id (see {@link ChangelogReader}). Changes the server purged from its changelog before they
   * were read are missed, and logged.
   *
   * @param connections opens the watch's own connection
   * @param settings what to watch
   * @param checkpoint a {@code changeNumber:} position to resume from, or {@code null} to start
   *     at the present
   * @param mapper turns entries into records
   * @param feed where changes go
   * @param logger where outages, purged changes and unidentifiable deletes are reported
   * @param interval the time between two reads of the changelog
   * @return the watch, not started
   * @throws io.slxconnect.api.ConnectorException when the checkpoint is no changelog position
   */
  static DirectoryWatch changelog(LdapConnections connections, LdapSettings settings,
      Checkpoint checkpoint, EntryMapper mapper, ChangeFeed feed, Logger logger,
      Duration interval) {
    ChangeReader reader = new ChangelogReader(mapper, WatchScope.of(settings),
        settings.pageSize(), feed, logger);
    return loop("changelog", connections, settings, feed, logger, interval, new CatchUp(reader,
        WatchPosition.parse(checkpoint, WatchPosition.Kind.CHANGE_NUMBER), feed));
  }

  /**
   * The fallback that works on every server: every interval, a search for the users and groups
   * whose {@code modifyTimestamp} (or {@code createTimestamp}) is at or after the newest time seen
   * so far, which is the checkpoint ({@link ModifiedEntries}).
   *
   * <p>Deletes cannot be seen: a deleted entry is simply no longer found, so it stays in the hub
   * until a full import reconciles. Choose the changelog or a push strategy where deletes matter.
   * Without a checkpoint the watch starts at the present and does not replay existing entries (the
   * import covers those).
   *
   * @param connections opens the watch's own connection
   * @param settings what to watch
   * @param checkpoint a {@code modifyTimestamp:} position to resume from, or {@code null} to
   *     start at the present
   * @param mapper turns entries into records
   * @param feed where changes go
   * @param logger where outages are reported
   * @param interval the time between two searches
   * @return the watch, not started
   * @throws io.slxconnect.api.ConnectorException when the checkpoint is no time position
   */
  static DirectoryWatch modifiedEntries(LdapConnections connections, LdapSettings settings,
      Checkpoint checkpoint, EntryMapper mapper, ChangeFeed feed, Logger logger,
      Duration interval) {
    ChangeReader reader =
        new ModifiedEntries(mapper, WatchScope.of(settings), settings.pageSize(), feed);
    return loop("poll", connections, settings, feed, logger, interval, new CatchUp(reader,
        WatchPosition.parse(checkpoint, WatchPosition.Kind.MODIFIED_AT), feed));
  }

  private static WatchLoop loop(String kind, LdapConnections connections, LdapSettings settings,
      ChangeFeed feed, Logger logger, Duration interval, CatchUp poll) {
    return new WatchLoop(kind + "-" + settings.urls().get(0).url(), connections, feed, logger,
        interval, poll);
  }
}
