package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.DN;
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
 * notice carries only what the watch asked for. An entry whose last change the connector's own
 * service account made ({@code modifiersName}, where the server keeps it) is the echo of a push
 * from the hub and is left out, so the hub's writes do not loop back.
 */
final class DirectoryEntries implements EntryMapper {

  private static final String MODIFIERS_NAME = "modifiersName";

  private final LdapSettings settings;
  private final LDAPConnectionPool pool;
  private final UserEntries users;
  private final GroupReader groups;
  private final UserMapper mapper;

  DirectoryEntries(LdapSettings settings, LDAPConnectionPool pool, GroupReader groups) {
    this.settings = settings;
    this.pool = pool;
    this.users = new UserEntries(settings);
    this.groups = groups;
    this.mapper = UserMapper.of(settings);
  }

  @Override
  public String[] attributes() {
    Set<String> names = new LinkedHashSet<>(List.of(users.attributes()));
    names.addAll(List.of(groups.groupAttributes()));
    WatchScope.of(settings).forEach(scope -> names.addAll(scope.filterAttributes()));
    names.add(MODIFIERS_NAME);
    return names.toArray(new String[0]);
  }

  @Override
  public Optional<ChangeRecord> upserted(Entry entry) {
    if (madeByTheHub(entry)) {
      return Optional.empty();
    }
    Optional<ChangeRecord> user = users.upserted(entry);
    if (user.isPresent() || !isGroup(entry)) {
      return user;
    }
    try {
      LDAPConnection connection = pool.getConnection();
      try {
        SearchResultEntry full = connection.getEntry(entry.getDN(), groups.groupAttributes());
        ExternalGroup group = full == null ? null : groups.read(connection, full);
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
    return Optional.ofNullable(mapper.stableIdOrNull(entry));
  }

  private boolean madeByTheHub(Entry entry) {
    String modifier = entry.getAttributeValue(MODIFIERS_NAME);
    if (modifier == null || settings.bindDn() == null) {
      return false;
    }
    try {
      return DN.equals(modifier, settings.bindDn());
    } catch (LDAPException e) {
      return false;
    }
  }

  @Override
  public boolean inScope(Entry entry) {
    return users.inScope(entry) || isGroup(entry);
  }

  private boolean isGroup(Entry entry) {
    return WatchScope.of(settings).stream().skip(1).anyMatch(groups -> groups.contains(entry));
  }
}
