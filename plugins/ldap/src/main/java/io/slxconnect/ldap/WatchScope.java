package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.List;

/**
 * One part of the directory a connector follows: the users below the user base, or the groups
 * below the group base, each with its filter.
 *
 * @param base the base DN
 * @param scope how deep below the base
 * @param filter which entries there count
 */
record WatchScope(DN base, SearchScope scope, Filter filter) {

  /**
   * The parts the settings name: users, and groups when a group base is set.
   *
   * @param settings the settings
   * @return one or two scopes
   */
  static List<WatchScope> of(LdapSettings settings) {
    List<WatchScope> scopes = new ArrayList<>();
    scopes.add(users(settings));
    if (settings.groupBaseDn() != null) {
      scopes.add(new WatchScope(settings.groupBaseDn(), SearchScope.SUB, settings.groupFilter()));
    }
    return List.copyOf(scopes);
  }

  /**
   * The users the settings name.
   *
   * @param settings the settings
   * @return the user scope
   */
  static WatchScope users(LdapSettings settings) {
    return new WatchScope(settings.userBaseDn(), settings.userScope(), settings.userFilter());
  }

  /**
   * Whether an entry with this DN lies within the base and scope (its filter is not checked).
   *
   * @param dn the entry's DN
   * @return {@code true} when a search of this scope would consider it
   */
  boolean covers(DN dn) {
    if (scope == SearchScope.BASE) {
      return base.equals(dn);
    }
    if (scope == SearchScope.ONE) {
      return base.equals(dn.getParent());
    }
    return dn.isDescendantOf(base, true);
  }
}
