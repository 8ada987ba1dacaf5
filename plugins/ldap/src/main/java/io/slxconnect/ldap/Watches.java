package io.slxconnect.ldap;

import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;

/** Starts the {@link DirectoryWatch} of a change-detection strategy. */
final class Watches {

  private Watches() {
  }

  /**
   * Starts following a directory's changes.
   *
   * @param strategy the strategy
   * @param connections opens the watch's own connections
   * @param settings the settings
   * @param dse the server's root DSE
   * @param resumeFrom the last committed checkpoint, or {@code null} to start from now
   * @param mapper turns entries into change records
   * @param feed where changes go
   * @param logger the connector's logger
   * @return the running watch
   */
  static DirectoryWatch start(ChangeDetectionStrategy strategy, LdapConnections connections,
      LdapSettings settings, RootDse dse, Checkpoint resumeFrom, EntryMapper mapper,
      ChangeFeed feed, System.Logger logger) {
    throw new ConnectorException(Reason.UNSUPPORTED, "Change detection with " + strategy.id()
        + " is not available in this version of the plugin");
  }
}
