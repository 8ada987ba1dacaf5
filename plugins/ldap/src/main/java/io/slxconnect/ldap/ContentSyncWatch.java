package io.slxconnect.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.AsyncRequestID;
import com.unboundid.ldap.sdk.AsyncSearchResultListener;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.IntermediateResponse;
import com.unboundid.ldap.sdk.IntermediateResponseListener;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultListener;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.ContentSyncDoneControl;
import com.unboundid.ldap.sdk.controls.ContentSyncInfoIntermediateResponse;
import com.unboundid.ldap.sdk.controls.ContentSyncInfoType;
import com.unboundid.ldap.sdk.controls.ContentSyncRequestControl;
import com.unboundid.ldap.sdk.controls.ContentSyncRequestMode;
import com.unboundid.ldap.sdk.controls.ContentSyncStateControl;
import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectorException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Follows a directory with RFC 4533 content synchronization in refreshAndPersist mode, as
 * OpenLDAP's syncprov overlay offers it: one long search whose refresh phase catches up from a
 * cookie and whose persist phase then streams each change as it is made.
 *
 * <p><b>What it searches.</b> One subtree search, filter {@code (objectClass=*)}, below the user
 * base or, when a group base is set, the deepest entry above both: one search has one cookie, so
 * the checkpoint stays one value. The {@link EntryMapper} decides which entries are users or
 * groups. An entry it does not take is reported deleted by its stable id, because that is how a
 * user moved out of the user base, or no longer matching the user filter, looks; the hub counts
 * the deletion of an id it does not know as unchanged. Entries are keyed by entryUUID, so a
 * rename, which arrives as a change under the new DN, is an upsert of the same id.
 *
 * <p><b>Where it starts.</b> A checkpoint is the server's cookie, {@code rfc4533:} + base64. Each
 * start first lists the entryUUIDs below the base (refreshOnly, no cookie, no attributes) to learn
 * which entries exist. Without a checkpoint the hub imports the existing entries itself, so the
 * watch then follows from that listing's cookie, which it offers at once as the first checkpoint:
 * nothing existing is replayed, and nothing made after the listing is missed.
 *
 * <p><b>Deletions.</b> The server reports them as a delete state, as an ID set with
 * refreshDeletes (from its session log), or only implicitly: when a cookie is older than the
 * session log (after a server restart, or many deletions) the refresh is a present phase, which
 * lists every entry that still exists, and when the server refuses a cookie with
 * {@code e-syncRefreshRequired} the watch starts again without one, which lists all entries.
 * After such a listing, every entry the watch knew and that was not listed is reported deleted.
 * The known set starts with the listing at start, so no deletion after the watch started is
 * missed; deletions between an older checkpoint and the start cannot be told from a listing, and
 * the watch logs a warning when that case occurs.
 *
 * <p><b>Checkpoints.</b> A cookie comes in a sync state control, a sync info message or the done
 * control; the records before it are offered to the {@link ChangeFeed} with it, records without a
 * new cookie with {@code null}, so that they ride with the next one. After a lost connection the
 * watch reconnects with {@link Backoff} and resumes from the newest cookie the sink committed;
 * changes offered after that one come again, which is harmless: an upsert carries the full state.
 *
 * <p><b>Threads.</b> Connecting, the start listing and reconnect delays run on the watch's own
 * thread; the sync search's messages arrive in order on the SDK's reader thread. Nothing runs on a
 * Vert.x event loop. The watch's monitor guards its state.
 *
 * <p>The bind identity must be allowed to read entryUUID below the base without a size limit:
 * the listing and a refresh return every entry at once (a sync search cannot be paged).
 */
final class ContentSyncWatch implements DirectoryWatch {

  /** Marks a checkpoint as a cookie, so another strategy's position is never sent as one. */
  private static final String CHECKPOINT_PREFIX = "rfc4533:";
  /** Asks for no attributes: the listing needs only the entryUUID in each sync state control. */
  private static final String NO_ATTRIBUTES = "1.1";
  private static final Filter ANY_ENTRY = Filter.createPresenceFilter("objectClass");

  private final LdapConnections connections;
  private final LdapSettings settings;
  private final EntryMapper mapper;
  private final ChangeFeed feed;
  private final Logger logger;
  private final DN base;
  private final String[] attributes;
  /** Whether the watch started without checkpoint, so follows from its start listing. */
  private final boolean fromNow;
  private final ScheduledExecutorService thread;
  private final CompletableFuture<Void> established = new CompletableFuture<>();
  private final Backoff backoff = new Backoff();
  /** The entryUUIDs of the entries below the base, as far as the server has told. */
  private final Set<UUID> known = new HashSet<>();
  /** Where to resume until the sink has committed a cookie. */
  private ASN1OctetString startCookie;
  private boolean listed;
  /** Whether {@link #known} holds every entry that existed at the resume position. */
  private boolean knownCoversResume;
  private LDAPConnection connection;
  private Follow following;
  private boolean closed;

  /**
   * Creates a watch; {@link #start()} starts it.
   *
   * @param connections opens the watch's own connection
   * @param settings the bases to search and the bind identity to name in errors
   * @param resumeFrom the last committed checkpoint, or {@code null} to follow from now
   * @param mapper turns entries into change records and names the attributes to read
   * @param feed where the records go
   * @param logger where connection losses and catch-ups are reported
   */
  ContentSyncWatch(LdapConnections connections, LdapSettings settings, Checkpoint resumeFrom,
      EntryMapper mapper, ChangeFeed feed, Logger logger) {
    this.connections = connections;
    this.settings = settings;
    this.mapper = mapper;
    this.feed = feed;
    this.logger = logger;
    this.base = searchBase(settings);
    this.attributes = withEntryUuid(mapper.attributes());
    this.fromNow = resumeFrom == null;
    this.knownCoversResume = fromNow;
    this.startCookie = fromNow ? null : startCookie(resumeFrom);
    this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread t = new Thread(task, "slx-content-sync");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * The one subtree the search covers: the user base, or the deepest entry above both the user
   * and the group base.
   *
   * @param settings the settings
   * @return the search base
   * @throws ConnectorException when the two bases share no entry above them
   */
  static DN searchBase(LdapSettings settings) {
    DN base = settings.userBaseDn();
    DN groups = settings.groupBaseDn();
    while (groups != null && base != null && !base.isAncestorOf(groups, true)) {
      base = base.getParent();
    }
    if (base == null) {
      throw LdapSettings.misconfigured("Content synchronization follows one subtree, but "
          + "'userBaseDn' and 'groupBaseDn' lie in different naming contexts; choose another "
          + "change detection strategy, or bases below one suffix");
    }
    return base;
  }

  /**
   * Connects and starts following, on the watch's own thread; returns at once.
   *
   * @return completes once the refreshAndPersist search is in place (its refresh follows);
   *     fails, and the watch closes, when the first connection, listing or search fails
   */
  @Override
  public CompletionStage<Void> start() {
    thread.execute(() -> attempt(this::connect));
    return established.minimalCompletionStage();
  }

  /** Abandons the search, closes the connection and stops reconnecting. */
  @Override
  public void close() {
    LDAPConnection open;
    Follow search;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      open = connection;
      search = following;
      connection = null;
      following = null;
    }
    thread.shutdownNow();
    established.completeExceptionally(new IllegalStateException("The watch was closed"));
    if (open == null) {
      return;
    }
    if (search != null && search.id != null) {
      try {
        open.abandon(search.id);
      } catch (LDAPException e) {
        logger.log(Level.DEBUG, "Abandoning the sync search failed: {0}", LdapFailures.describe(e));
      }
    }
    open.close();
  }

  /** Opens the connection, lists the entries on the first one, and starts the sync search. */
  private void connect() throws LDAPException {
    LDAPConnection opened = connections.openConnection();
    synchronized (this) {
      if (closed) {
        opened.close();
        return;
      }
      connection = opened;
    }
    if (!listed) {
      list(opened);
    }
    follow(opened, resumeCookie());
  }

  /**
   * Learns which entries exist with a refreshOnly search without cookie and without attributes;
   * when following from now, its cookie becomes the first checkpoint.
   */
  private void list(LDAPConnection opened) throws LDAPException {
    Lister lister = new Lister();
    SearchRequest request = new SearchRequest(lister, base, SearchScope.SUB, ANY_ENTRY,
        NO_ATTRIBUTES);
    request.addControl(
        new ContentSyncRequestControl(true, ContentSyncRequestMode.REFRESH_ONLY, null, false));
    ContentSyncDoneControl done = ContentSyncDoneControl.get(opened.search(request));
    Set<UUID> existing = lister.ids();
    synchronized (this) {
      known.addAll(existing);
      listed = true;
      if (fromNow) {
        startCookie = done == null ? null : done.getCookie();
        offer(List.of(), startCookie);
      }
    }
  }

  /** Sends the refreshAndPersist search; its messages go to a new {@link Follow}. */
  private synchronized void follow(LDAPConnection opened, ASN1OctetString cookie)
      throws LDAPException {
    if (closed || opened != connection) {
      // Given up meanwhile; a reconnect is scheduled or the watch is closed.
      return;
    }
    Follow search = new Follow(cookie == null);
    SearchRequest request = new SearchRequest(search, base, SearchScope.SUB, ANY_ENTRY,
        attributes);
    request.setIntermediateResponseListener(search);
    request.addControl(new ContentSyncRequestControl(true,
        ContentSyncRequestMode.REFRESH_AND_PERSIST, cookie, false));
    // The persist phase never ends by itself: a response timeout would cut it off.
    request.setResponseTimeoutMillis(0);
    following = search;
    // Messages wait for this monitor, so none is handled before the id is known.
    search.id = opened.asyncSearch(request);
    // Started once the search is in place: the refresh of a long backlog follows, and must not
    // hold up the start.
    established.complete(null);
  }

  /** {@return the newest cookie the sink committed, else the one the watch started from} */
  private ASN1OctetString resumeCookie() {
    Checkpoint committed = feed.committed();
    return committed == null ? startCookie : decode(committed);
  }

  /** Runs a step on the watch's thread; a failure counts as a lost connection. */
  private void attempt(LdapStep step) {
    try {
      step.run();
    } catch (LDAPException e) {
      lost(null, e);
    }
  }

  /**
   * Gives up the connection after a failure and reconnects after a growing delay; before the
   * watch was ever established, fails its start instead and closes it.
   *
   * @param search the search that failed, or {@code null} for a failure while connecting
   * @param cause the failure
   */
  private synchronized void lost(Follow search, LDAPException cause) {
    if (closed || (search != null && search != following)) {
      return;
    }
    following = null;
    if (connection != null) {
      connection.close();
      connection = null;
    }
    if (!established.isDone()) {
      established.completeExceptionally(LdapFailures.toConnectorException(
          "Starting content synchronization below " + base, cause, settings.bindIdentity()));
      close();
      return;
    }
    Duration delay = backoff.nextDelay();
    logger.log(Level.WARNING, "Content synchronization below {0} lost its connection ({1}); "
        + "resuming in {2} ms from the last committed position", base,
        LdapFailures.describe(cause), String.valueOf(delay.toMillis()));
    feed.connectionLost(LdapFailures.describe(cause) + "; reconnecting");
    thread.schedule(() -> attempt(this::connect), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Offers records and the cookie after them; a failed feed means the hub restarts the watch. */
  private void offer(List<ChangeRecord> records, ASN1OctetString cookie) {
    feed.offer(records, cookie == null ? null : new Checkpoint(CHECKPOINT_PREFIX
        + Base64.getEncoder().encodeToString(cookie.getValue())));
    if (feed.failed()) {
      close();
    }
  }

  /** Notes that an entry exists; during a refresh, also that the refresh listed it. */
  private void exists(Follow search, UUID id) {
    known.add(id);
    if (search.refreshing) {
      search.present.add(id);
    }
  }

  /** The record for an entry added, changed or renamed, read with its attributes. */
  private List<ChangeRecord> upserted(SearchResultEntry entry, UUID id) throws LDAPException {
    try {
      Optional<ChangeRecord> upsert = mapper.upserted(entry);
      if (upsert.isPresent()) {
        return List.of(upsert.get());
      }
      // Outside the users and groups (moved away, no longer matching the filter, or never
      // one): the hub must not keep it as one. In scope, it has no stable id to report.
      return mapper.inScope(entry) ? List.of()
          : List.of(mapper.deleted(mapper.stableId(entry).orElse(id.toString())));
    } catch (ConnectorException e) {
      if (e.reason().isTransient()) {
        // Reading the rest (a group's members) failed for now: the connection is given up and
        // the watch resumes from the last committed cookie, so this change comes again.
        throw new LDAPException(ResultCode.SERVER_DOWN, "Reading " + entry.getDN()
            + " failed: " + e.getMessage(), e);
      }
      logger.log(Level.WARNING, "Skipped the change of {0}: {1}", entry.getDN(), e.getMessage());
      return List.of();
    }
  }

  /** Deletions for entryUUIDs the server reports gone. */
  private List<ChangeRecord> deleted(List<UUID> ids) {
    ids.forEach(known::remove);
    return ids.stream().map(id -> mapper.deleted(id.toString())).toList();
  }

  /**
   * After a refresh phase that listed every entry that exists: deletions for the known entries
   * it did not list.
   */
  private List<ChangeRecord> unlisted(Set<UUID> listedIds) {
    List<UUID> gone = known.stream().filter(id -> !listedIds.contains(id)).toList();
    known.retainAll(listedIds);
    if (!knownCoversResume) {
      logger.log(Level.WARNING, "The directory below {0} could not replay its changes since the "
          + "saved checkpoint and listed its entries instead; entries deleted between that "
          + "checkpoint and the start of this watch cannot be told from such a listing and "
          + "are not reported", base);
    }
    return deleted(gone);
  }

  /** The refresh is over: changes now arrive live. */
  private void caughtUp() {
    knownCoversResume = true;
    backoff.reset();
    feed.connected();
    logger.log(Level.INFO, "Following changes below {0} with RFC 4533 content "
        + "synchronization, caught up", base);
  }

  private ASN1OctetString startCookie(Checkpoint checkpoint) {
    if (!checkpoint.value().startsWith(CHECKPOINT_PREFIX)) {
      // Another strategy's position (the admin changed the strategy): list everything instead.
      logger.log(Level.WARNING, "The saved checkpoint is not a content synchronization cookie; "
          + "the watch catches up by listing all entries below {0}", base);
      return null;
    }
    return decode(checkpoint);
  }

  private static ASN1OctetString decode(Checkpoint checkpoint) {
    return new ASN1OctetString(Base64.getDecoder()
        .decode(checkpoint.value().substring(CHECKPOINT_PREFIX.length())));
  }

  private static String[] withEntryUuid(String[] attributes) {
    return Arrays.stream(attributes).anyMatch("entryUUID"::equalsIgnoreCase) ? attributes
        : Stream.concat(Arrays.stream(attributes), Stream.of("entryUUID")).toArray(String[]::new);
  }

  private static UUID entryUuid(SearchResultEntry entry, ContentSyncStateControl state)
      throws LDAPException {
    if (state == null) {
      throw new LDAPException(ResultCode.DECODING_ERROR,
          "The server sent " + entry.getDN() + " without a sync state control");
    }
    return state.getEntryUUID();
  }

  /** A step that talks to the server. */
  @FunctionalInterface
  private interface LdapStep {
    void run() throws LDAPException;
  }

  /** Collects the entryUUIDs of the start listing. */
  private static final class Lister implements SearchResultListener {

    private final Set<UUID> ids = new HashSet<>();
    /** Why an entry could not be counted; listener methods cannot throw it. */
    private LDAPException problem;

    @Override
    public void searchEntryReturned(SearchResultEntry entry) {
      try {
        ids.add(entryUuid(entry, ContentSyncStateControl.get(entry)));
      } catch (LDAPException e) {
        problem = e;
      }
    }

    @Override
    public void searchReferenceReturned(SearchResultReference reference) {
      // Referrals are not followed: the watch reads one server.
    }

    /**
     * The entryUUIDs listed.
     *
     * @return the ids
     * @throws LDAPException when an entry came without one
     */
    Set<UUID> ids() throws LDAPException {
      if (problem != null) {
        throw problem;
      }
      return ids;
    }
  }

  /**
   * One refreshAndPersist search. Its messages arrive in order on the SDK's reader thread, and
   * each is handled under the watch's monitor, unless the search was already given up.
   */
  private final class Follow implements AsyncSearchResultListener, IntermediateResponseListener {

    /** The entryUUIDs the current refresh phase listed. */
    private final Set<UUID> present = new HashSet<>();
    /** Sent without cookie: its first refresh phase lists every entry that exists. */
    private boolean listing;
    private boolean refreshing = true;
    private AsyncRequestID id;

    Follow(boolean listing) {
      this.listing = listing;
    }

    @Override
    public void searchEntryReturned(SearchResultEntry entry) {
      handle(() -> entry(entry));
    }

    @Override
    public void intermediateResponseReturned(IntermediateResponse response) {
      handle(() -> info(response));
    }

    @Override
    public void searchResultReceived(AsyncRequestID requestId, SearchResult result) {
      handle(() -> ended(result));
    }

    @Override
    public void searchReferenceReturned(SearchResultReference reference) {
      // Referrals are not followed: the watch reads one server.
    }

    private void handle(LdapStep step) {
      synchronized (ContentSyncWatch.this) {
        if (closed || following != this) {
          return;
        }
        try {
          step.run();
        } catch (LDAPException e) {
          lost(this, e);
        }
      }
    }

    /** An entry with its sync state: added, changed or renamed, deleted, or still present. */
    private void entry(SearchResultEntry entry) throws LDAPException {
      ContentSyncStateControl state = ContentSyncStateControl.get(entry);
      UUID uuid = entryUuid(entry, state);
      List<ChangeRecord> records = switch (state.getState()) {
        case DELETE -> deleted(List.of(uuid));
        case PRESENT -> {
          // Sent without attributes: it only says that the entry still exists.
          exists(this, uuid);
          yield List.of();
        }
        case ADD, MODIFY -> {
          exists(this, uuid);
          yield upserted(entry, uuid);
        }
      };
      offer(records, state.getCookie());
    }

    /** A sync info message: a new cookie, an ID set, or the end of a refresh phase. */
    private void info(IntermediateResponse response) throws LDAPException {
      if (!ContentSyncInfoIntermediateResponse.SYNC_INFO_OID.equals(response.getOID())) {
        return;
      }
      ContentSyncInfoIntermediateResponse info = ContentSyncInfoIntermediateResponse.decode(
          response);
      ContentSyncInfoType type = info.getType();
      // Only a refresh has phases: a stray end of phase later must not delete what is known.
      boolean phaseEnd = refreshing && (type == ContentSyncInfoType.REFRESH_PRESENT
          || type == ContentSyncInfoType.REFRESH_DELETE);
      List<ChangeRecord> records = type == ContentSyncInfoType.SYNC_ID_SET ? idSet(info)
          : phaseEnd ? phaseEnded(type == ContentSyncInfoType.REFRESH_PRESENT) : List.of();
      offer(records, info.getCookie());
      if (phaseEnd && info.refreshDone()) {
        refreshing = false;
        caughtUp();
      }
    }

    /** An ID set deletes the entries with refreshDeletes, and lists them as present without. */
    private List<ChangeRecord> idSet(ContentSyncInfoIntermediateResponse info) {
      if (info.refreshDeletes()) {
        return deleted(info.getEntryUUIDs());
      }
      info.getEntryUUIDs().forEach(uuid -> exists(this, uuid));
      return List.of();
    }

    /**
     * Ends a refresh phase. A present phase, or the first phase of a search without cookie, has
     * listed every entry that exists, so the known ones it did not list are gone.
     */
    private List<ChangeRecord> phaseEnded(boolean presentPhase) {
      List<ChangeRecord> gone = presentPhase || listing ? unlisted(present) : List.of();
      listing = false;
      present.clear();
      return gone;
    }

    /** The search ended: the server refused the cookie, or the connection is lost. */
    private void ended(SearchResult result) throws LDAPException {
      ContentSyncDoneControl done = ContentSyncDoneControl.get(result);
      if (done != null) {
        offer(List.of(), done.getCookie());
      }
      if (!ResultCode.E_SYNC_REFRESH_REQUIRED.equals(result.getResultCode())) {
        lost(this, new LDAPException(result));
        return;
      }
      logger.log(Level.WARNING, "The directory cannot resume content synchronization below {0} "
          + "from the saved position ({1}); it now lists all entries, and those no longer "
          + "listed are reported deleted", base, result.getDiagnosticMessage());
      LDAPConnection open = connection;
      thread.execute(() -> attempt(() -> follow(open, null)));
    }
  }
}
