package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.ChangeLogEntry;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.slxconnect.api.ChangeRecord;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@code cn=changelog} (draft-good-ldap-changelog) in changeNumber order, as 389-ds'
 * retro changelog, OpenDJ and the UnboundID in-memory server keep it.
 *
 * <p>Changes are read in ranges of at most a page of change numbers, so that neither the server
 * nor the watch holds more than a page at once, and sorted here (servers return search results
 * in no promised order). A changelog entry names the change, not the entry's state, so an add,
 * modify or rename re-reads the target's current state (a rename under its new DN); a target
 * that is gone meanwhile is skipped, since its later delete or rename follows in the changelog.
 *
 * <p>A delete needs the stable id of an entry that no longer exists. It is taken from what the
 * changelog keeps of the entry: {@code targetEntryUUID} (OpenDJ), {@code targetUniqueId} (389-ds
 * with {@code nsuniqueid:targetUniqueId} configured) or the deleted entry's attributes
 * ({@code deletedEntryAttrs}, the UnboundID in-memory server and OpenDJ when configured). These
 * go through {@link EntryMapper#stableId} so that the id is chosen as for upserts. A changelog
 * that keeps none of them (389-ds by default) cannot say which entry was deleted: the delete is
 * logged and skipped, and the account stays in the hub until a full import.
 */
final class ChangelogReader implements ChangeReader {

  /** Requested by name: some servers keep them as operational attributes. */
  private static final String[] CHANGE_ATTRIBUTES = {"*", "targetEntryUUID", "targetUniqueId"};

  private final EntryMapper mapper;
  private final List<WatchScope> scopes;
  private final int pageSize;
  private final ChangeFeed feed;
  private final Logger logger;

  /**
   * Creates a reader.
   *
   * @param mapper turns entries into records
   * @param scopes the parts of the directory whose changes count
   * @param pageSize the most change numbers read per search
   * @param feed where the changes go
   * @param logger where skipped deletes and purged changes are reported
   */
  ChangelogReader(EntryMapper mapper, List<WatchScope> scopes, int pageSize, ChangeFeed feed,
      Logger logger) {
    this.mapper = mapper;
    this.scopes = scopes;
    this.pageSize = pageSize;
    this.feed = feed;
    this.logger = logger;
  }

  @Override
  public WatchPosition now(LDAPConnection connection) throws LDAPException {
    return WatchPosition.changeNumber(lastChangeNumber(RootDse.read(connection)));
  }

  @Override
  public WatchPosition offerAfter(LDAPConnection connection, WatchPosition from)
      throws LDAPException {
    RootDse dse = RootDse.read(connection);
    String base = dse.changelogDn().orElseThrow(() -> new LDAPException(
        ResultCode.NO_SUCH_OBJECT, "The server's root DSE names no changelog"));
    long last = lastChangeNumber(dse);
    long position = from.number();
    if (last < position) {
      // The changelog was re-created (a restore, a reinstall): its numbers start again.
      logger.log(Level.WARNING, "The changelog ends at change {0}, before this watch''s "
          + "position {1}: it was reset; changes in between are missed until a full import",
          last, position);
      return WatchPosition.changeNumber(last);
    }
    long first = dse.firstChangeNumber().orElse(position + 1);
    if (position + 1 < first) {
      logger.log(Level.WARNING, "Changes {0} to {1} were purged from the changelog before this "
          + "watch read them; they are missed until a full import", position + 1, first - 1);
    }
    while (position < last) {
      long end = Math.min(last, position + pageSize);
      List<ChangeRecord> records = new ArrayList<>();
      for (ChangeLogEntry change : range(connection, base, position + 1, end)) {
        toRecord(connection, change).ifPresent(records::add);
      }
      position = end;
      feed.offer(records, WatchPosition.changeNumber(position).checkpoint());
    }
    return WatchPosition.changeNumber(position);
  }

  private List<ChangeLogEntry> range(LDAPConnection connection, String base, long first,
      long last) throws LDAPException {
    Filter filter = Filter.createANDFilter(
        Filter.createGreaterOrEqualFilter("changeNumber", Long.toString(first)),
        Filter.createLessOrEqualFilter("changeNumber", Long.toString(last)));
    List<ChangeLogEntry> changes = new ArrayList<>();
    for (SearchResultEntry entry : connection.search(base, SearchScope.ONE, filter,
        CHANGE_ATTRIBUTES).getSearchEntries()) {
      changes.add(new ChangeLogEntry(entry));
    }
    changes.sort(Comparator.comparingLong(ChangeLogEntry::getChangeNumber));
    return changes;
  }

  private Optional<ChangeRecord> toRecord(LDAPConnection connection, ChangeLogEntry change)
      throws LDAPException {
    return switch (change.getChangeType()) {
      case DELETE -> covered(new DN(change.getTargetDN())) ? deleted(change) : Optional.empty();
      case MODIFY_DN -> current(connection, new DN(change.getNewDN()));
      default -> current(connection, new DN(change.getTargetDN()));
    };
  }

  private Optional<ChangeRecord> current(LDAPConnection connection, DN dn)
      throws LDAPException {
    if (!covered(dn)) {
      return Optional.empty();
    }
    Entry entry = connection.getEntry(dn.toString(), mapper.attributes());
    return entry == null ? Optional.empty() : mapper.upserted(entry);
  }

  private Optional<ChangeRecord> deleted(ChangeLogEntry change) {
    // What the changelog kept of the entry, under the names the mapper reads ids from.
    Entry kept = new Entry(change.getTargetDN());
    List<Attribute> attributes = change.getDeletedEntryAttributes();
    if (attributes != null) {
      attributes.forEach(kept::addAttribute);
    }
    copy(change, "targetEntryUUID", kept, "entryUUID");
    copy(change, "targetUniqueId", kept, "nsUniqueId");
    Optional<String> id = mapper.stableId(kept);
    if (id.isEmpty()) {
      logger.log(Level.WARNING, "Change {0} deleted {1}, but the changelog keeps no stable id "
          + "of it (targetEntryUUID, targetUniqueId or deletedEntryAttrs); the hub keeps it "
          + "until a full import", change.getChangeNumber(), change.getTargetDN());
    }
    return id.map(mapper::deleted);
  }

  private boolean covered(DN dn) {
    return scopes.stream().anyMatch(scope -> scope.covers(dn));
  }

  private static void copy(Entry from, String attribute, Entry to, String as) {
    String value = from.getAttributeValue(attribute);
    if (value != null && !to.hasAttribute(as)) {
      to.addAttribute(as, value);
    }
  }

  private static long lastChangeNumber(RootDse dse) throws LDAPException {
    if (dse.changelogDn().isEmpty()) {
      throw new LDAPException(ResultCode.NO_SUCH_OBJECT,
          "The server's root DSE names no changelog");
    }
    // An empty changelog publishes no number yet; its first change will be number 1.
    return dse.lastChangeNumber().orElse(0);
  }
}
