package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ExternalUser;
import java.util.Optional;

/** The user entries below the user base that match the user filter. */
final class UserEntries implements EntryMapper {

  private final LdapSettings settings;
  private final UserMapper mapper;

  UserEntries(LdapSettings settings) {
    this.settings = settings;
    this.mapper = UserMapper.of(settings);
  }

  @Override
  public String[] attributes() {
    return mapper.attributes();
  }

  @Override
  public Optional<ChangeRecord> upserted(Entry entry) {
    if (!inScope(entry)) {
      return Optional.empty();
    }
    ExternalUser user = mapper.toUser(entry);
    return user.externalId() == null ? Optional.empty()
        : Optional.of(ChangeRecord.userUpserted(user));
  }

  @Override
  public Optional<String> stableId(Entry entry) {
    try {
      return Optional.of(mapper.stableId(entry));
    } catch (ConnectorException e) {
      return Optional.empty();
    }
  }

  private boolean inScope(Entry entry) {
    try {
      WatchScope users = WatchScope.users(settings);
      return users.covers(entry.getParsedDN()) && users.filter().matchesEntry(entry);
    } catch (LDAPException e) {
      return false;
    }
  }
}
