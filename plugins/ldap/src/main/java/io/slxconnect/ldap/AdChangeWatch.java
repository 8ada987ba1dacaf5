package io.slxconnect.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.AsyncRequestID;
import com.unboundid.ldap.sdk.AsyncSearchResultListener;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.experimental.ActiveDirectoryDirSyncControl;
import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Follows an Active Directory domain in real time: the change notification control
 * ({@value ChangeDetectionStrategy#AD_NOTIFICATION_OID}) says <em>that</em> something changed,
 * DirSync ({@value ChangeDetectionStrategy#DIRSYNC_OID}) says <em>what</em> changed and where to
 * resume.
 *
 * <p>Why both: a notification carries no change type and no position, is lost while the
 * connection is down, and the server may drop the search at any time. DirSync carries a cookie
 * that survives restarts and returns every object changed since it, deletions included
 * ({@code isDeleted=TRUE}), but it has to be asked. So each notification only wakes the watch,
 * which then runs an incremental DirSync from its last cookie and offers exactly what it returns,
 * with the new cookie as the checkpoint. The checkpoint is therefore always exact, a burst of
 * notifications costs one DirSync, and a notification that never came is made up for by the
 * next one (and by a DirSync after {@link #QUIET_RESYNC} without any).
 *
 * <p>DirSync returns only the changed attributes, so the watch re-reads the full state of each
 * changed object by its objectGUID before the {@link EntryMapper} sees it; an object that is
 * gone by then is skipped, since its deletion comes with a later DirSync. Deletions become
 * {@link EntryMapper#deleted(String) deletes} of any object the domain lost: a deleted object
 * keeps neither its place nor its attributes, so whether it was in scope is left to the hub,
 * which ignores deletes of ids it does not know.
 *
 * <p>Everything runs on one platform thread owned by the watch (the SDK's calls block); the
 * notification search's listener runs on the SDK's reader thread and only queues a wake-up.
 * {@link #close()} never blocks, so a Vert.x event loop may call it. One dedicated connection
 * carries the notification search and the DirSync searches: the server handles a connection's
 * requests in order, so the notification search is in place before the DirSync that follows
 * it, and no change falls between the two.
 */
final class AdChangeWatch implements DirectoryWatch {

  /** LDAP_SERVER_SHOW_DELETED_OID: without it, deletions are not notified. */
  static final String SHOW_DELETED_OID = "1.2.840.113556.1.4.417";

  /** A DirSync runs after this long without a notification, in case one was lost. */
  static final Duration QUIET_RESYNC = Duration.ofMinutes(5);

  /** GUIDs per re-read search: keeps filters short on a large catch-up. */
  private static final int REREAD_CHUNK = 100;

  /** No object has the nil GUID: a DirSync with this filter returns just a cookie for now. */
  private static final Filter NO_OBJECT = Filter.createEqualityFilter("objectGUID", new byte[16]);

  private static final Filter EVERY_OBJECT = Filter.createPresenceFilter("objectClass");

  /** What wakes the watch thread. */
  private enum Signal {
    /** The server notified a change. */
    CHANGED,
    /** The notification search ended, mostly because the connection dropped. */
    LOST,
    /** {@link #close()} was called. */
    CLOSED
  }

  private final LdapConnections connections;
  private final LdapSettings settings;
  private final EntryMapper mapper;
  private final ChangeFeed feed;
  private final CompletableFuture<Void> established = new CompletableFuture<>();
  private final System.Logger logger;
  /** What DirSync reports changes of: the mapped attributes, renames and deletions. */
  private final String[] dirSyncAttributes;
  /** What the full state of a changed object is read with. */
  private final String[] readAttributes;
  private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
  private final Backoff backoff = new Backoff();
  private final Thread thread;
  private volatile boolean closed;

  // Touched by the watch thread only.
  private ASN1OctetString cookie;
  private boolean objectSecurity;

  /**
   * Creates a watch; {@link #start()} starts it.
   *
   * @param connections opens the watch's own connection
   * @param settings the connector settings; the user base DN selects the naming context
   * @param resumeFrom the last committed checkpoint (a DirSync cookie), or {@code null} to
   *     follow changes from now on
   * @param mapper turns objects into change records
   * @param feed where changes go
   * @param logger the instance's logger
   * @throws ConnectorException when the checkpoint is not a DirSync cookie
   */
  AdChangeWatch(LdapConnections connections, LdapSettings settings, Checkpoint resumeFrom,
      EntryMapper mapper, ChangeFeed feed, System.Logger logger) {
    this.connections = connections;
    this.settings = settings;
    this.mapper = mapper;
    this.feed = feed;
    this.logger = logger;
    this.cookie = resumeFrom == null ? null : decodeCookie(resumeFrom);
    this.dirSyncAttributes = union(mapper.attributes(), "objectGUID", "isDeleted", "name");
    this.readAttributes = union(mapper.attributes(), "objectGUID");
    this.thread = new Thread(this::run, "slx-ad-watch");
    thread.setDaemon(true);
  }

  /** Starts following on the watch's own thread; returns at once. */
  @Override
  public CompletionStage<Void> start() {
    thread.start();
    return established.minimalCompletionStage();
  }

  @Override
  public void close() {
    established.completeExceptionally(new IllegalStateException("The watch was closed"));
    closed = true;
    signals.offer(Signal.CLOSED);
    // Ends a wait for an LDAP response too; the thread then closes its connection itself.
    thread.interrupt();
  }

  /** Follows until closed or until the feed failed, reconnecting with growing delays. */
  private void run() {
    while (!stopping()) {
      try {
        follow();
      } catch (LDAPException e) {
        if (!established.isDone()) {
          // The first connection failed: the start fails and the hub retries the connector.
          established.completeExceptionally(LdapFailures.toConnectorException(
              "Starting the Active Directory change watch", e, settings.bindIdentity()));
          return;
        }
        if (!stopping()) {
          logger.log(Level.WARNING, "Active Directory change watch: {0}; reconnecting and "
              + "catching up with DirSync", LdapFailures.describe(e));
          feed.connectionLost(LdapFailures.describe(e) + "; reconnecting");
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (established.completeExceptionally(e)) {
          return;
        }
        // A mapping or settings problem: retried after a delay, since the entry or the server
        // may be fixed meanwhile, and logged each time so that it is seen.
        logger.log(Level.ERROR, "Active Directory change watch failed; retrying", e);
        feed.connectionLost(LdapFailures.rootCause(e) + "; retrying");
      }
      if (stopping() || !awaitReconnect()) {
        return;
      }
    }
  }

  /**
   * One connection's life: subscribe to notifications, catch up (or take a cookie for now),
   * then run a DirSync after each burst of notifications until the connection or the watch
   * ends.
   */
  private void follow() throws LDAPException, InterruptedException {
    signals.clear();
    try (LDAPConnectionPool pool = connections.openPool("slx-ad-watch")) {
      LDAPConnection connection = pool.getConnection();
      Notifications notifications = new Notifications();
      try {
        DN root = namingContext(connection);
        subscribe(connection, root, notifications);
        if (cookie == null) {
          startFromNow(connection, root);
        }
        // Started once subscribed with a position: catching up a long backlog must not hold up
        // the start.
        established.complete(null);
        feed.connected();
        sync(connection, root);
        backoff.reset();
        logger.log(Level.INFO, "Following Active Directory changes below {0} on {1}:{2} "
            + "(change notification and DirSync)", root, connection.getConnectedAddress(),
            String.valueOf(connection.getConnectedPort()));
        syncOnNotifications(connection, root, notifications);
      } finally {
        notifications.active = false;
        connection.close();
      }
    }
  }

  /** Waits for notifications and runs one DirSync per burst; returns when closed. */
  private void syncOnNotifications(LDAPConnection connection, DN root,
      Notifications notifications) throws LDAPException, InterruptedException {
    while (!stopping()) {
      List<Signal> burst = new ArrayList<>();
      Signal first = signals.poll(QUIET_RESYNC.toMillis(), TimeUnit.MILLISECONDS);
      if (first != null) {
        burst.add(first);
      }
      signals.drainTo(burst);
      if (burst.contains(Signal.CLOSED)) {
        return;
      }
      if (burst.contains(Signal.LOST)) {
        throw notifications.ended();
      }
      sync(connection, root);
    }
  }

  /**
   * Starts the notification search: subtree at the naming-context root with deleted objects
   * shown, as the server only notifies deletions that way. It lives as long as the connection.
   */
  private void subscribe(LDAPConnection connection, DN root, Notifications notifications)
      throws LDAPException {
    SearchRequest request = new SearchRequest(notifications, root, SearchScope.SUB,
        EVERY_OBJECT, "objectGUID");
    request.addControl(new Control(ChangeDetectionStrategy.AD_NOTIFICATION_OID, true));
    request.addControl(new Control(SHOW_DELETED_OID, true));
    request.setResponseTimeoutMillis(0);
    connection.asyncSearch(request);
  }

  /**
   * Without a checkpoint: takes a cookie for the present and commits it, so that a restart
   * catches up from here. A DirSync that matches no object is the cheapest way: the server
   * still answers with a cookie at its highest change number.
   */
  private void startFromNow(LDAPConnection connection, DN root) throws LDAPException {
    boolean more = true;
    while (more && !stopping()) {
      Page page = dirSync(connection, root, NO_OBJECT, "objectGUID");
      cookie = page.cookie;
      more = page.more;
    }
    if (!stopping()) {
      feed.offer(List.of(), checkpoint());
    }
  }

  /**
   * Runs DirSync from the cookie until the server has no more, offering each page's changes
   * with the cookie after them.
   */
  private void sync(LDAPConnection connection, DN root) throws LDAPException {
    boolean more = true;
    while (more && !stopping()) {
      Page page = dirSync(connection, root, EVERY_OBJECT, dirSyncAttributes);
      more = page.more;
      if (page.entries.isEmpty()) {
        // Only moves the cookie; it goes with the next offer.
        cookie = page.cookie;
        continue;
      }
      List<ChangeRecord> records = records(connection, page.entries);
      if (stopping()) {
        return;
      }
      // The cookie moves only once the page's changes are handed over: a failure before
      // (a lost connection during the re-read) makes the next DirSync return them again.
      cookie = page.cookie;
      feed.offer(records, checkpoint());
    }
  }

  /** One DirSync page: the changed objects, the cookie after them, whether more follow. */
  private record Page(List<SearchResultEntry> entries, ASN1OctetString cookie, boolean more) {
  }

  /**
   * One DirSync request from the current cookie; the caller keeps the new cookie once it
   * has handed over the page.
   * Without the "Replicating Directory Changes" right the server refuses a plain DirSync;
   * the watch then asks with object security, which returns what the account may read.
   */
  private Page dirSync(LDAPConnection connection, DN root, Filter filter, String... attributes)
      throws LDAPException {
    SearchResult result;
    try {
      result = connection.search(dirSyncRequest(root, filter, attributes));
    } catch (LDAPSearchException e) {
      if (objectSecurity || e.getResultCode() != ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
        throw e;
      }
      logger.log(Level.INFO, "{0} may not replicate directory changes; using DirSync with "
          + "object security, which sees only what the account may read",
          settings.bindIdentity());
      objectSecurity = true;
      result = connection.search(dirSyncRequest(root, filter, attributes));
    }
    ActiveDirectoryDirSyncControl response = ActiveDirectoryDirSyncControl.get(result);
    if (response == null) {
      throw new LDAPException(ResultCode.CONTROL_NOT_FOUND,
          "The server answered a DirSync search without a DirSync cookie");
    }
    // In a response, a non-zero flag means that the server holds more changes.
    return new Page(result.getSearchEntries(), response.getCookie(), response.getFlags() != 0);
  }

  private SearchRequest dirSyncRequest(DN root, Filter filter, String... attributes) {
    SearchRequest request = new SearchRequest(root, SearchScope.SUB, filter, attributes);
    int flags = objectSecurity ? ActiveDirectoryDirSyncControl.FLAG_OBJECT_SECURITY : 0;
    // The server decides how much goes into one page; the largest limit leaves it to it.
    request.addControl(new ActiveDirectoryDirSyncControl(true, flags, Integer.MAX_VALUE, cookie));
    return request;
  }

  /**
   * Turns a DirSync page into change records, in the page's order: deleted objects into
   * deletes, the others into upserts of their full current state.
   */
  private List<ChangeRecord> records(LDAPConnection connection,
      List<SearchResultEntry> changed) throws LDAPException {
    List<byte[]> live = changed.stream().filter(e -> !isDeleted(e))
        .map(e -> e.getAttributeValueBytes("objectGUID")).filter(Objects::nonNull).toList();
    Map<String, Entry> current = reread(connection, live);
    List<ChangeRecord> records = new ArrayList<>();
    for (SearchResultEntry entry : changed) {
      if (isDeleted(entry)) {
        mapper.stableId(entry).map(mapper::deleted).ifPresent(records::add);
        continue;
      }
      Entry state = current.get(guidKey(entry.getAttributeValueBytes("objectGUID")));
      if (state != null) {
        mapper.upserted(state).ifPresent(records::add);
      }
    }
    return records;
  }

  /**
   * Reads the full state of objects by objectGUID, within the users' and the groups' base,
   * scope and filter: the server applies the filters, which Active Directory alone understands
   * fully ({@code objectCategory}, matching rules). Objects gone meanwhile, or out of scope,
   * are missing.
   */
  private Map<String, Entry> reread(LDAPConnection connection, List<byte[]> guids)
      throws LDAPException {
    Map<String, Entry> byGuid = new HashMap<>();
    for (int from = 0; from < guids.size(); from += REREAD_CHUNK) {
      List<Filter> oneOf = guids.subList(from, Math.min(guids.size(), from + REREAD_CHUNK))
          .stream().map(g -> Filter.createEqualityFilter("objectGUID", g)).toList();
      for (WatchScope scope : WatchScope.of(settings)) {
        SearchResult result = connection.search(new SearchRequest(scope.base(), scope.scope(),
            Filter.createANDFilter(scope.filter(), Filter.createORFilter(oneOf)),
            readAttributes));
        for (SearchResultEntry entry : result.getSearchEntries()) {
          byGuid.put(guidKey(entry.getAttributeValueBytes("objectGUID")), entry);
        }
      }
    }
    return byGuid;
  }

  /**
   * The naming context holding the user base: DirSync only accepts a naming-context root, and
   * notifications of deletions only come for a subtree search from there.
   */
  private DN namingContext(LDAPConnection connection) throws LDAPException {
    DN base = settings.userBaseDn();
    return RootDse.read(connection).namingContextOf(base).orElseThrow(() ->
        new ConnectorException(Reason.MISCONFIGURED, "'userBaseDn' " + base
            + " is in none of the server's naming contexts, so its changes cannot be followed"));
  }

  /**
   * Checks that the account may use DirSync without object security, i.e. that it has the
   * "Replicating Directory Changes" right that makes DirSync report every change and deletion.
   *
   * @param connection a bound connection
   * @param root the naming context
   * @throws LDAPException with INSUFFICIENT_ACCESS_RIGHTS when it may not
   */
  static void checkReplicationRight(LDAPConnection connection, DN root) throws LDAPException {
    SearchRequest request = new SearchRequest(root.toString(), SearchScope.SUB, NO_OBJECT,
        "objectGUID");
    request.addControl(new ActiveDirectoryDirSyncControl(true, 0, Integer.MAX_VALUE, null));
    connection.search(request);
  }

  /**
   * Waits the backoff delay before reconnecting.
   *
   * @return {@code false} when the watch was closed meanwhile
   */
  private boolean awaitReconnect() {
    try {
      signals.poll(backoff.nextDelay().toMillis(), TimeUnit.MILLISECONDS);
      return !stopping();
    } catch (InterruptedException e) {
      return false;
    }
  }

  private boolean stopping() {
    return closed || feed.failed();
  }

  private Checkpoint checkpoint() {
    return new Checkpoint(Base64.getEncoder().encodeToString(cookie.getValue()));
  }

  private static ASN1OctetString decodeCookie(Checkpoint checkpoint) {
    try {
      return new ASN1OctetString(Base64.getDecoder().decode(checkpoint.value()));
    } catch (IllegalArgumentException e) {
      throw new ConnectorException(Reason.FAILED, "The stored checkpoint is not a DirSync "
          + "cookie (base64), so Active Directory changes cannot be resumed from it");
    }
  }

  private static boolean isDeleted(Entry entry) {
    return "TRUE".equalsIgnoreCase(entry.getAttributeValue("isDeleted"));
  }

  private static String guidKey(byte[] guid) {
    return guid == null ? "" : HexFormat.of().formatHex(guid);
  }

  private static String[] union(String[] attributes, String... more) {
    Set<String> all = new LinkedHashSet<>(Arrays.asList(attributes));
    all.addAll(Arrays.asList(more));
    return all.toArray(String[]::new);
  }

  /**
   * The notification search's listener, on the SDK's reader thread: it only queues wake-ups.
   * After its connection's life it stays silent, so that the end of an old search cannot end
   * the next connection.
   */
  private final class Notifications implements AsyncSearchResultListener {

    private volatile boolean active = true;
    private volatile SearchResult end;

    @Override
    public void searchEntryReturned(SearchResultEntry entry) {
      if (active) {
        signals.offer(Signal.CHANGED);
      }
    }

    @Override
    public void searchReferenceReturned(SearchResultReference reference) {
      // References point to other servers' naming contexts, which this watch does not follow.
    }

    @Override
    public void searchResultReceived(AsyncRequestID requestId, SearchResult result) {
      if (active) {
        end = result;
        signals.offer(Signal.LOST);
      }
    }

    /** {@return why the notification search ended, as an exception} */
    LDAPException ended() {
      SearchResult result = end;
      return new LDAPException(result.getResultCode(), "the change notification search ended"
          + (result.getDiagnosticMessage() == null ? "" : ": " + result.getDiagnosticMessage()));
    }
  }
}
