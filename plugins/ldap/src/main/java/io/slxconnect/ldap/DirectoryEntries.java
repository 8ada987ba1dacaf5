package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ExternalGroup;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The entries a connector follows: users (through {@link UserEntries}) and, when a group base
 * is set, groups, which are read again in full with their members resolved, since a change
 * notice carries only what the watch asked for. The echoes of the hub's own pushes come back
 * too; they carry the state the hub wrote, so the hub finds they change nothing. (Telling them
 * apart by {@code modifiersName} would also drop a person's change that the hub's write
 * followed before the watch read the entry.)
 */
final class DirectoryEntries implements EntryMapper {

  private final LdapSettings settings;
  private final LDAPConnectionPool pool;
  private final UserEntries users;
  /** For the attribute names only: each group change is read with a fresh reader. */
  private final GroupReader groups;
  private final UserMapper mapper;

  DirectoryEntries(LdapSettings settings, LDAPConnectionPool pool) {
    this.settings = settings;
    this.pool = pool;
    this.users = new UserEntries(settings);
    this.mapper = UserMapper.of(settings);
    this.groups = new GroupReader(settings, mapper);
  }

  @Override
  public String[] attributes() {
    Set<String> names = new LinkedHashSet<>(List.of(users.attributes()));
    names.addAll(List.of(groups.groupAttributes()));
    WatchScope.of(settings).forEach(scope -> names.addAll(scope.filterAttributes()));
    return names.toArray(new String[0]);
  }

  @Override
  public Optional<ChangeRecord> upserted(Entry entry) {
    Optional<ChangeRecord> user = users.upserted(entry);
    if (user.isPresent() || !isGroup(entry)) {
      return user;
    }
    try {
      LDAPConnection connection = pool.getConnection();
      try {
        SearchResultEntry full = connection.getEntry(entry.getDN(), groups.groupAttributes());
        // A fresh reader: member DNs remembered during an import may name other entries by
        // now (deleted, renamed, reused).
        ExternalGroup group = full == null ? null
            : new GroupReader(settings, mapper).read(connection, full);
        pool.releaseConnection(connection);
        return group == null || group.externalId() == null ? Optional.empty()
            : Optional.of(ChangeRecord.groupUpserted(group));
      } catch (LDAPException e) {
        pool.releaseConnectionAfterException(connection, e);
        throw e;
      }
    } catch (LDAPException e) {
      throw LdapFailures.toConnectorException("Reading group " + entry.getDN(), e,
          settings.bindIdentity());
    }
  }

  @Override
  public Optional<String> stableId(Entry entry) {
    return users.stableId(entry);
  }

  @Override
  public boolean inScope(Entry entry) {
    return users.inScope(entry) || isGroup(entry);
  }

  private boolean isGroup(Entry entry) {
    return WatchScope.of(settings).stream().skip(1).anyMatch(groups -> groups.contains(entry));
  }
}
