package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.Entry;
import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ExternalUser;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
    Set<String> names = new LinkedHashSet<>(List.of(mapper.attributes()));
    names.addAll(WatchScope.users(settings).filterAttributes());
    return names.toArray(new String[0]);
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
    return Optional.ofNullable(mapper.stableIdOrNull(entry));
  }

  @Override
  public boolean inScope(Entry entry) {
    return WatchScope.users(settings).contains(entry);
  }
}
