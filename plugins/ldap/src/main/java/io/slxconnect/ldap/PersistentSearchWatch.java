package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.AsyncRequestID;
import com.unboundid.ldap.sdk.AsyncSearchResultListener;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.controls.EntryChangeNotificationControl;
import com.unboundid.ldap.sdk.controls.PersistentSearchChangeType;
import com.unboundid.ldap.sdk.controls.PersistentSearchRequestControl;
import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.Checkpoint;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.concurrent.CompletionStage;

/**
 * Follows a directory with the persistent search control (draft-ietf-ldapext-psearch,
 * {@value ChangeDetectionStrategy#PERSISTENT_SEARCH_OID}): the server sends each added,
 * modified, renamed or deleted user or group as it happens, with an entry change notification
 * saying which; an upsert carries the entry's new state, a delete its last state, whose stable id
 * is taken. The search runs asynchronously on the watch's own connection; notifications are
 * handled on the SDK's reader thread, never on a Vert.x event loop.
 *
 * <p>A persistent search has no position of its own: after a disconnect it only reports what
 * happens from then on. So the checkpoint is a catch-up position in another order: the server's
 * changelog number where its root DSE names a {@code cn=changelog} (taken from the notification
 * where the server puts one in, such as 389-ds and OpenDJ; otherwise it stays at the last
 * catch-up and the next catch-up reads a little more than needed), else the newest
 * {@code modifyTimestamp} or {@code createTimestamp} seen (at first the newest in the directory,
 * see {@link ModifiedEntries#now}). On every (re)connect the watch first starts the persistent
 * search, then catches up from the checkpoint, so that no change falls between the two;
 * notifications that arrive during the catch-up are held back and delivered after it, so that
 * an entry's older state never overtakes its newer one.
 *
 * <p>Deletes made while the watch was disconnected are caught up only where a changelog exists:
 * a modification-time search cannot find entries that are gone, so such entries stay in the hub
 * until a full import.
 */
final class PersistentSearchWatch implements DirectoryWatch {

  private final LdapSettings settings;
  private final WatchPosition start;
  private final EntryMapper mapper;
  private final ChangeFeed feed;
  private final Logger logger;
  private final String[] attributes;
  private final WatchLoop loop;
  /** Chosen at the first connection, from the checkpoint or the server's root DSE. */
  private CatchUp catchUp;

  /**
   * Creates the watch; {@link #start()} starts it.
   *
   * @param connections opens the watch's own connection
   * @param settings what to watch
   * @param checkpoint a {@code changeNumber:} or {@code modifyTimestamp:} position to catch up
   *     from, or {@code null} to start at the present
   * @param mapper turns entries into records
   * @param feed where changes go
   * @param logger where outages are reported
   * @throws io.slxconnect.api.ConnectorException when the checkpoint is no position of either
   *     kind
   */
  PersistentSearchWatch(LdapConnections connections, LdapSettings settings,
      Checkpoint checkpoint, EntryMapper mapper, ChangeFeed feed, Logger logger) {
    this.settings = settings;
    this.start = WatchPosition.parse(checkpoint, WatchPosition.Kind.CHANGE_NUMBER,
        WatchPosition.Kind.MODIFIED_AT);
    this.mapper = mapper;
    this.feed = feed;
    this.logger = logger;
    this.attributes = Stream.concat(Stream.of(mapper.attributes()),
        Stream.of(WatchPosition.TIMESTAMP_ATTRIBUTES)).toArray(String[]::new);
    loop = new WatchLoop("psearch-" + settings.urls().get(0).url(), connections, feed, logger,
        null, this::follow);
  }

  @Override
  public CompletionStage<Void> start() {
    return loop.start();
  }

  @Override
  public void close() {
    loop.close();
  }

  /** Starts the persistent searches on a new connection, then catches up; on the loop thread. */
  private void follow(LDAPConnection connection) throws LDAPException {
    CatchUp position = catchUp(connection);
    Notifications notifications = new Notifications(connection, position);
    for (WatchScope scope : WatchScope.of(settings)) {
      SearchRequest request = new SearchRequest(notifications, scope.base().toString(),
          scope.scope(), scope.filter(), attributes);
      // Critical: a server without the control must refuse, not run an ordinary search.
      request.addControl(new PersistentSearchRequestControl(
          PersistentSearchChangeType.allChangeTypes(), true, true, true));
      // A persistent search never completes: the connection's response timeout must not end it.
      request.setResponseTimeoutMillis(0);
      connection.asyncSearch(request);
    }
    position.run(connection);
    notifications.caughtUp();
  }

  private CatchUp catchUp(LDAPConnection connection) throws LDAPException {
    if (catchUp == null) {
      boolean changelog = start != null
          ? start.kind() == WatchPosition.Kind.CHANGE_NUMBER
          : RootDse.read(connection).hasChangelog();
      ChangeReader reader = changelog
          ? new ChangelogReader(mapper, WatchScope.of(settings), settings.pageSize(), feed, logger)
          : new ModifiedEntries(mapper, WatchScope.of(settings), settings.pageSize(), feed);
      catchUp = new CatchUp(reader, start, feed);
    }
    return catchUp;
  }

  /**
   * The notifications of one connection's persistent searches. Until {@link #caughtUp()} they
   * are held back; afterwards each is offered as it arrives, on the SDK's reader thread.
   */
  private final class Notifications implements AsyncSearchResultListener {

    // The SDK's listener interfaces are Serializable; this listener is never serialised.
    private static final long serialVersionUID = 1L;

    private final transient LDAPConnection connection;
    private final transient CatchUp position;
    /** Notifications held back during the catch-up; {@code null} after it. */
    private transient List<SearchResultEntry> held = new ArrayList<>();
    /** Set when a notification failed: this connection's later ones are not offered. */
    private transient volatile boolean broken;

    Notifications(LDAPConnection connection, CatchUp position) {
      this.connection = connection;
      this.position = position;
    }

    @Override
    public void searchEntryReturned(SearchResultEntry entry) {
      synchronized (this) {
        if (held != null) {
          held.add(entry);
          return;
        }
      }
      offer(entry);
    }

    /** Offers the held-back notifications, in order; later ones are offered as they come. */
    void caughtUp() {
      // Under the lock: a notification arriving meanwhile waits until the held ones are out.
      synchronized (this) {
        held.forEach(this::offer);
        held = null;
      }
    }

    @Override
    public void searchReferenceReturned(SearchResultReference reference) {
      // Referrals to other servers are not followed: a watch follows one directory.
    }

    @Override
    public void searchResultReceived(AsyncRequestID requestId, SearchResult result) {
      // A persistent search only ends when the connection drops, the server ends it, or the
      // watch closed the connection (then the loop ignores this).
      loop.connectionLost(connection, "the persistent search ended: "
          + result.getResultCode() + " " + Optional.ofNullable(result.getDiagnosticMessage())
              .orElse(""));
    }

    private void offer(SearchResultEntry entry) {
      if (broken) {
        // A notification before this one failed: moving the position past it would skip it.
        return;
      }
      try {
        EntryChangeNotificationControl change = EntryChangeNotificationControl.get(entry);
        Optional<ChangeRecord> record = change != null
            && change.getChangeType() == PersistentSearchChangeType.DELETE
            ? deleted(entry) : mapper.upserted(entry);
        WatchPosition before = position.position();
        WatchPosition after = after(before, entry, change);
        if (record.isEmpty() && after.equals(before)) {
          return;
        }
        position.moveTo(after);
        feed.offer(record.map(List::of).orElse(List.of()), after.checkpoint());
      } catch (LDAPException | RuntimeException e) {
        // Reconnecting catches up from the last position, which covers this notification.
        logger.log(Level.ERROR, "A persistent search notification for " + entry.getDN()
            + " could not be handled", e);
        broken = true;
        loop.connectionLost(connection, LdapFailures.rootCause(e));
      }
      if (feed.failed()) {
        loop.close();
      }
    }

    private Optional<ChangeRecord> deleted(SearchResultEntry entry) {
      Optional<String> id = mapper.stableId(entry);
      if (id.isEmpty()) {
        logger.log(Level.WARNING, "{0} was deleted, but the notification carries no stable id "
            + "of it; the hub keeps it until a full import", entry.getDN());
      }
      return id.map(mapper::deleted);
    }

    /** The position after a notification: its change number, or its entry's time. */
    private WatchPosition after(WatchPosition before, SearchResultEntry entry,
        EntryChangeNotificationControl change) {
      if (before.kind() == WatchPosition.Kind.MODIFIED_AT) {
        return before.laterOf(entry);
      }
      long number = change == null ? -1 : change.getChangeNumber();
      return number > before.number() ? WatchPosition.changeNumber(number) : before;
    }
  }
}
