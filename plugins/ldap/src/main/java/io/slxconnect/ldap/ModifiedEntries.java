package io.slxconnect.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import io.slxconnect.api.ChangeRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the users and groups modified at or after a time: {@code modifyTimestamp>=T}, or
 * {@code createTimestamp>=T} because ApacheDS sets no modifyTimestamp on an add. Works on every
 * server, but sees no deletes: a deleted entry is simply no longer found.
 *
 * <p>Times have the server's granularity (a second on many servers), so entries changed at
 * exactly the position's time are searched again on the next read: a change made later within
 * the same second is not lost. Entries found again unchanged are not offered twice.
 */
final class ModifiedEntries implements ChangeReader {

  /** Before every entry: the position when the directory holds no timestamps yet. */
  private static final WatchPosition BEGINNING = WatchPosition.modifiedAt("19700101000000Z");

  private final EntryMapper mapper;
  private final List<WatchScope> scopes;
  private final int pageSize;
  private final ChangeFeed feed;
  /** What the last read offered for entries at the time it reached, to skip them next time. */
  private WatchPosition lastReached;
  private Set<ChangeRecord> offeredAtLastReached = Set.of();

  /**
   * Creates a reader.
   *
   * @param mapper turns entries into records
   * @param scopes the parts of the directory to search
   * @param pageSize entries per paged-results page
   * @param feed where the changes go
   */
  ModifiedEntries(EntryMapper mapper, List<WatchScope> scopes, int pageSize, ChangeFeed feed) {
    this.mapper = mapper;
    this.scopes = scopes;
    this.pageSize = pageSize;
    this.feed = feed;
  }

  /**
   * The server's clock where it publishes one; else the newest time among the watched entries,
   * found by reading them once. The server's own times, never this host's: a skewed clock here
   * would skip changes or replay old ones. The entries at that newest time count as offered, so
   * that the first read after does not replay them.
   */
  @Override
  public WatchPosition now(LDAPConnection connection) throws LDAPException {
    Optional<String> clock = RootDse.read(connection).currentTime();
    if (clock.isPresent()) {
      return WatchPosition.modifiedAt(clock.get());
    }
    List<Found> all = find(connection, null);
    WatchPosition newest = newest(BEGINNING, all);
    remember(newest, all);
    return newest;
  }

  @Override
  public WatchPosition offerAfter(LDAPConnection connection, WatchPosition from)
      throws LDAPException {
    List<Found> found = find(connection, Filter.createORFilter(
        Stream.of(WatchPosition.TIMESTAMP_ATTRIBUTES)
            .map(attribute -> Filter.createGreaterOrEqualFilter(attribute, from.value()))
            .toList()));
    Set<ChangeRecord> offeredBefore = from.equals(lastReached) ? offeredAtLastReached : Set.of();
    List<ChangeRecord> records = found.stream()
        .filter(f -> !(from.isTimeOf(f.entry()) && offeredBefore.contains(f.record())))
        .map(Found::record).toList();
    WatchPosition reached = newest(from, found);
    remember(reached, found);
    if (!records.isEmpty() || !reached.equals(from)) {
      feed.offer(records, reached.checkpoint());
    }
    return reached;
  }

  /** An entry found and what it maps to. */
  private record Found(Entry entry, ChangeRecord record) {
  }

  /** The watched entries that match, and are in scope for the mapper. */
  private List<Found> find(LDAPConnection connection, Filter since) throws LDAPException {
    String[] attributes = Stream.concat(Stream.of(mapper.attributes()),
        Stream.of(WatchPosition.TIMESTAMP_ATTRIBUTES)).toArray(String[]::new);
    List<Found> found = new ArrayList<>();
    for (WatchScope scope : scopes) {
      Filter filter = since == null ? scope.filter()
          : Filter.createANDFilter(scope.filter(), since);
      ASN1OctetString cookie = null;
      do {
        SearchRequest request = new SearchRequest(scope.base().toString(), scope.scope(),
            filter, attributes);
        request.addControl(new SimplePagedResultsControl(pageSize, cookie, true));
        SearchResult result = connection.search(request);
        for (Entry entry : result.getSearchEntries()) {
          mapper.upserted(entry).ifPresent(record -> found.add(new Found(entry, record)));
        }
        SimplePagedResultsControl paging = SimplePagedResultsControl.get(result);
        cookie = paging != null && paging.moreResultsToReturn() ? paging.getCookie() : null;
      } while (cookie != null);
    }
    return found;
  }

  private static WatchPosition newest(WatchPosition from, List<Found> found) {
    WatchPosition newest = from;
    for (Found f : found) {
      newest = newest.laterOf(f.entry());
    }
    return newest;
  }

  /** Keeps what is known at the position reached, to skip it when read again. */
  private void remember(WatchPosition reached, List<Found> found) {
    lastReached = reached;
    offeredAtLastReached = found.stream().filter(f -> reached.isTimeOf(f.entry()))
        .map(Found::record).collect(Collectors.toSet());
  }
}
