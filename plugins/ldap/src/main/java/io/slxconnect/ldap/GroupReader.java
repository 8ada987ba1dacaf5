package io.slxconnect.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import io.slxconnect.api.ExternalGroup;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads group entries as {@link ExternalGroup}s, named by {@code cn}, with their members nested
 * groups resolved: the users who belong to a group directly or through groups nested in it, and
 * the groups nested directly in it.
 *
 * <p>With {@code memberOf} the server answers: a paged search for users whose memberOf names
 * the group (in Active Directory with the in-chain matching rule, so the server resolves the
 * nesting). With {@code member} the connector reads the group's member DNs (all ranges of a
 * large AD group) and looks each one up, descending into nested groups once each. Lookups are
 * remembered for the length of an import, so a user who is in many groups is read once.
 * Methods block; call them on a worker thread.
 */
final class GroupReader {

  /** Active Directory's LDAP_MATCHING_RULE_IN_CHAIN: transitive memberOf. */
  static final String IN_CHAIN = "1.2.840.113556.1.4.1941";
  /** How many DN lookups are remembered. */
  private static final int REMEMBERED = 200_000;

  /**
   * The members of one group.
   *
   * @param users the stable ids of its users, nested ones included
   * @param groups the stable ids of the groups nested directly in it
   */
  record Members(List<String> users, List<String> groups) {
  }

  /** What a member DN turned out to be. */
  private record Known(boolean group, String id) {
  }

  private final LdapSettings settings;
  private final UserMapper mapper;
  private final Map<DN, Known> known = Collections.synchronizedMap(
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<DN, Known> eldest) {
          return size() > REMEMBERED;
        }
      });

  GroupReader(LdapSettings settings, UserMapper mapper) {
    this.settings = settings;
    this.mapper = mapper;
  }

  /** {@return the attributes a group entry must be read with} */
  String[] groupAttributes() {
    return new String[] {mapper.mapping().stableId(), "cn", "description", "objectClass",
        settings.memberAttribute()};
  }

  /** Forgets what was looked up, at the start of an import: entries may have moved since. */
  void forget() {
    known.clear();
  }

  /**
   * Remembers a user read by the import, so that finding it as a member needs no lookup.
   *
   * @param dn the user's DN
   * @param id its stable id
   */
  void rememberUser(DN dn, String id) {
    known.put(dn, new Known(false, id));
  }

  /**
   * Reads a group.
   *
   * @param connection the connection to search on
   * @param entry the group entry, read with {@link #groupAttributes()}
   * @return the group with its members, or one without id when the entry has no stable id
   * @throws LDAPException when the directory fails
   */
  ExternalGroup read(LDAPConnection connection, SearchResultEntry entry) throws LDAPException {
    String name = entry.getAttributeValue("cn");
    Members members = of(connection, entry);
    return new ExternalGroup(mapper.stableIdOrNull(entry), name != null ? name : entry.getDN(),
        entry.getAttributeValue("description"), members.users(), members.groups());
  }

  /**
   * Finds the members of a group.
   *
   * @param connection the connection to search on
   * @param group the group entry, read with {@link #groupAttributes()}
   * @return its members
   * @throws LDAPException when the directory fails
   */
  Members of(LDAPConnection connection, SearchResultEntry group) throws LDAPException {
    if (settings.membership() == DirectoryType.Membership.MEMBER_OF) {
      return new Members(idsWithMemberOf(connection, group.getDN(), true),
          idsWithMemberOf(connection, group.getDN(), false));
    }
    return fromMemberDns(connection, group);
  }

  private List<String> idsWithMemberOf(LDAPConnection connection, String groupDn, boolean users)
      throws LDAPException {
    boolean inChain = users && settings.type().isActiveDirectory();
    Filter memberOf = inChain
        ? Filter.createExtensibleMatchFilter("memberOf", IN_CHAIN, false, groupDn)
        : Filter.createEqualityFilter("memberOf", groupDn);
    DN base = users ? settings.userBaseDn() : settings.groupBaseDn();
    SearchScope scope = users ? settings.userScope() : SearchScope.SUB;
    Filter filter = Filter.createANDFilter(users ? settings.userFilter()
        : settings.groupFilter(), memberOf);
    List<String> ids = new ArrayList<>();
    ASN1OctetString cookie = null;
    do {
      SearchRequest request = new SearchRequest(base.toString(), scope, filter,
          mapper.mapping().stableId());
      request.addControl(new SimplePagedResultsControl(settings.pageSize(), cookie, true));
      SearchResult result = connection.search(request);
      for (SearchResultEntry entry : result.getSearchEntries()) {
        ids.add(mapper.stableId(entry));
      }
      SimplePagedResultsControl paging = SimplePagedResultsControl.get(result);
      cookie = paging != null && paging.moreResultsToReturn() ? paging.getCookie() : null;
    } while (cookie != null);
    return ids;
  }

  private Members fromMemberDns(LDAPConnection connection, SearchResultEntry group)
      throws LDAPException {
    Set<String> users = new LinkedHashSet<>();
    List<String> directGroups = new ArrayList<>();
    Set<DN> visited = new HashSet<>();
    visited.add(group.getParsedDN());
    Deque<SearchResultEntry> pending = new ArrayDeque<>();
    pending.add(group);
    boolean direct = true;
    while (!pending.isEmpty()) {
      SearchResultEntry current = pending.poll();
      for (String value : RangedValues.read(connection, current, settings.memberAttribute())) {
        DN dn = parse(value);
        if (dn == null || !visited.add(dn)) {
          continue;
        }
        Known member = known.get(dn);
        SearchResultEntry entry = null;
        if (member == null) {
          entry = connection.getEntry(dn.toString(), groupAttributes());
          member = classify(entry);
          if (member == null) {
            continue;
          }
          known.put(dn, member);
        }
        if (!member.group()) {
          users.add(member.id());
          continue;
        }
        if (direct) {
          directGroups.add(member.id());
        }
        SearchResultEntry nested = entry != null ? entry
            : connection.getEntry(dn.toString(), groupAttributes());
        if (nested != null) {
          pending.add(nested);
        }
      }
      direct = false;
    }
    return new Members(List.copyOf(users), directGroups);
  }

  /** A user or group in the configured scope, or {@code null} for anything else. */
  private Known classify(Entry entry) throws LDAPException {
    if (entry == null) {
      return null;
    }
    DN dn = entry.getParsedDN();
    if (settings.groupBaseDn() != null && dn.isDescendantOf(settings.groupBaseDn(), true)
        && settings.groupFilter().matchesEntry(entry)) {
      return new Known(true, mapper.stableId(entry));
    }
    if (dn.isDescendantOf(settings.userBaseDn(), true) && entry.hasAttribute("objectClass")
        && !settings.groupFilter().matchesEntry(entry)) {
      return new Known(false, mapper.stableId(entry));
    }
    return null;
  }

  private static DN parse(String value) {
    try {
      return new DN(value);
    } catch (LDAPException e) {
      return null;
    }
  }
}
