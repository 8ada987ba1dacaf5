package io.slxconnect.ldap;

import io.slxconnect.api.Checkpoint;
import java.lang.System.Logger;
import java.time.Duration;

/**
 * The fallback that works on every server: every interval, a search for the users and groups
 * whose {@code modifyTimestamp} (or {@code createTimestamp}) is at or after the newest time seen
 * so far, which is the checkpoint ({@link ModifiedEntries}).
 *
 * <p>Deletes cannot be seen: a deleted entry is simply no longer found, so it stays in the hub
 * until a full import reconciles. Choose the changelog or a push strategy where deletes matter.
 * Without a checkpoint the watch starts at the present and does not replay existing entries (the
 * import covers those).
 */
final class PollWatch implements DirectoryWatch {

  private final WatchLoop loop;

  /**
   * Creates the watch; {@link #start()} starts it.
   *
   * @param connections opens the watch's own connection
   * @param settings what to watch
   * @param checkpoint a {@code modifyTimestamp:} position to resume from, or {@code null} to
   *     start at the present
   * @param mapper turns entries into records
   * @param feed where changes go
   * @param logger where outages are reported
   * @param interval the time between two searches
   * @throws io.slxconnect.api.ConnectorException when the checkpoint is no time position
   */
  PollWatch(LdapConnections connections, LdapSettings settings, Checkpoint checkpoint,
      EntryMapper mapper, ChangeFeed feed, Logger logger, Duration interval) {
    ChangeReader reader =
        new ModifiedEntries(mapper, WatchScope.of(settings), settings.pageSize(), feed);
    CatchUp poll = new CatchUp(reader,
        WatchPosition.parse(checkpoint, WatchPosition.Kind.MODIFIED_AT), feed);
    loop = new WatchLoop("poll-" + settings.urls().get(0).url(), connections, feed, logger,
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
