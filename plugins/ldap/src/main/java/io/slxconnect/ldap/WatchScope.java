package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
   * Whether a changed entry belongs here: within the base and scope, and matching the filter as
   * far as the entry's attributes tell. Active Directory's {@code objectCategory=person}
   * shorthand names a schema entry the client cannot resolve, so it is checked against the
   * object classes (which computers share with people: Active Directory's watch therefore
   * re-reads changed objects with the filter on the server).
   *
   * @param entry the entry, read with {@link #filterAttributes()}
   * @return whether it belongs here
   */
  boolean contains(Entry entry) {
    try {
      return covers(entry.getParsedDN())
          && (usesMatchingRules(filter) || clientSide(filter).matchesEntry(entry));
    } catch (LDAPException e) {
      return false;
    }
  }

  /**
   * Whether a filter uses extensible matching ({@code attr:rule:=value}), which only the server
   * can evaluate: such a filter is left to the searches that find changed entries (Active
   * Directory's watch re-reads them with it), never guessed here.
   */
  private static boolean usesMatchingRules(Filter filter) {
    if (filter.getFilterType() == Filter.FILTER_TYPE_EXTENSIBLE_MATCH) {
      return true;
    }
    if (filter.getNOTComponent() != null && usesMatchingRules(filter.getNOTComponent())) {
      return true;
    }
    for (Filter component : filter.getComponents()) {
      if (usesMatchingRules(component)) {
        return true;
      }
    }
    return false;
  }

  /** {@return the attributes the filter looks at, for reading changed entries} */
  Set<String> filterAttributes() {
    Set<String> names = new LinkedHashSet<>();
    collect(clientSide(filter), names);
    return names;
  }

  private static void collect(Filter filter, Set<String> names) {
    if (filter.getAttributeName() != null) {
      names.add(filter.getAttributeName());
    }
    for (Filter component : filter.getComponents()) {
      collect(component, names);
    }
    if (filter.getNOTComponent() != null) {
      collect(filter.getNOTComponent(), names);
    }
  }

  private static Filter clientSide(Filter filter) {
    return switch (filter.getFilterType()) {
      case Filter.FILTER_TYPE_AND -> Filter.createANDFilter(map(filter.getComponents()));
      case Filter.FILTER_TYPE_OR -> Filter.createORFilter(map(filter.getComponents()));
      case Filter.FILTER_TYPE_NOT -> Filter.createNOTFilter(clientSide(filter.getNOTComponent()));
      case Filter.FILTER_TYPE_EQUALITY -> "objectCategory".equalsIgnoreCase(filter.getAttributeName())
          ? Filter.createEqualityFilter("objectClass", filter.getAssertionValue())
          : filter;
      default -> filter;
    };
  }

  private static List<Filter> map(Filter[] filters) {
    List<Filter> mapped = new ArrayList<>();
    for (Filter f : filters) {
      mapped.add(clientSide(f));
    }
    return mapped;
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
