package io.slxconnect.ldap;

import io.slxconnect.api.Checkpoint;
import java.time.Duration;

/** Starts the {@link DirectoryWatch} of a change-detection strategy. */
final class Watches {

  private Watches() {
  }

  /**
   * Makes the watch of a strategy; {@link DirectoryWatch#start()} starts it. {@code dirsync} and {@code ad-notification} share
   * one watch: DirSync gives the changes and the resumable cookie, the notification control
   * only wakes it at once instead of at its next safety run.
   *
   * @param strategy the strategy
   * @param connections opens the watch's own connections
   * @param settings the settings
   * @param resumeFrom the last committed checkpoint, or {@code null} to start from now
   * @param mapper turns entries into change records
   * @param feed where changes go
   * @param logger the connector's logger
   * @return the watch, not started
   */
  static DirectoryWatch create(ChangeDetectionStrategy strategy, LdapConnections connections,
      LdapSettings settings, Checkpoint resumeFrom, EntryMapper mapper, ChangeFeed feed,
      System.Logger logger) {
    Duration interval = Duration.ofSeconds(settings.pollIntervalSeconds());
    return switch (strategy) {
      case AD_NOTIFICATION, DIRSYNC ->
          new AdChangeWatch(connections, settings, resumeFrom, mapper, feed, logger);
      case CONTENT_SYNC ->
          new ContentSyncWatch(connections, settings, resumeFrom, mapper, feed, logger);
      case PERSISTENT_SEARCH ->
          new PersistentSearchWatch(connections, settings, resumeFrom, mapper, feed, logger);
      case CHANGELOG -> PollingWatches.changelog(connections, settings, resumeFrom, mapper, feed,
          logger, interval);
      case POLL -> PollingWatches.modifiedEntries(connections, settings, resumeFrom, mapper,
          feed, logger, interval);
    };
  }
}
