package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.slxconnect.api.ExternalUser;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes users and group memberships. Entries are found by their stable id, never by a DN the
 * hub remembers, so renames and moves made in the directory do not break later writes. DNs are
 * built from RDN objects and filters from the SDK's factory methods, so no value can change
 * their structure. Methods block; call them on a worker thread.
 */
final class LdapWriter {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final LDAPConnectionPool pool;
  private final LdapSettings settings;
  private final UserMapper mapper;
  private final PasswordWriter passwords;

  LdapWriter(LDAPConnectionPool pool, LdapSettings settings, UserMapper mapper,
      PasswordWriter passwords) {
    this.pool = pool;
    this.settings = settings;
    this.mapper = mapper;
    this.passwords = passwords;
  }

  /**
   * Creates a user. In Active Directory the account is created disabled, given its password
   * (a long random one nobody knows when none is given, since AD enables no account without
   * one), then enabled when the user is active.
   *
   * @param user the user
   * @param password the initial password, or {@code null}
   * @return the user as the directory now holds it, with its stable id
   */
  ExternalUser create(ExternalUser user, char[] password) {
    LdapSettings.NewUsers newUsers = settings.newUsers();
    DN dn = new DN(new RDN(newUsers.rdnAttribute(), mapper.namingValue(user,
        newUsers.rdnAttribute())), newUsers.container());
    Entry entry = new Entry(dn);
    entry.addAttribute("objectClass", newUsers.objectClasses().toArray(new String[0]));
    mapper.attributesOf(user).forEach(entry::addAttribute);
    boolean ad = settings.accountStatus().isActiveDirectory();
    if (ad) {
      if (newUsers.upnSuffix() != null) {
        entry.addAttribute("userPrincipalName", user.userName() + "@" + newUsers.upnSuffix());
      }
      entry.addAttribute("userAccountControl", Integer.toString(AccountStatus.NORMAL_ACCOUNT
          | AccountStatus.ACCOUNT_DISABLE));
    }
    char[] initial = password != null ? password : ad ? randomPassword() : null;
    if (initial != null) {
      PasswordWriter.requireTls(settings);
    }
    run("Creating user " + user.userName() + " as " + dn, () -> {
      pool.add(entry);
      try {
        if (initial != null) {
          passwords.set(dn.toString(), initial);
        }
        if (settings.accountStatus().attribute() != null || !user.active()) {
          Entry created = pool.getEntry(dn.toString(), mapper.attributes());
          settings.accountStatus().change(created, user.active()).ifPresent(change ->
              modify(dn.toString(), List.of(change)));
        }
      } catch (LDAPException | RuntimeException e) {
        // Half a user (no password, wrong state) must not stay behind to block the retry.
        deleteQuietly(dn.toString());
        throw e;
      } finally {
        if (password == null && initial != null) {
          Arrays.fill(initial, '\0');
        }
      }
      return null;
    });
    return read(dn.toString());
  }

  /**
   * Writes a user's fields, renaming the entry when its naming value changed; attributes that
   * already hold the wanted values are not sent.
   *
   * @param user the user, with its stable id
   * @return the user as the directory now holds it
   */
  ExternalUser update(ExternalUser user) {
    SearchResultEntry current = findUser(user.externalId(), mapper.attributes());
    return run("Updating user " + user.userName(), () -> {
      String dn = rename(current, user);
      Entry now = dn.equals(current.getDN()) ? current : pool.getEntry(dn, mapper.attributes());
      List<Modification> changes = new ArrayList<>(mapper.changes(now, user));
      if (settings.accountStatus().isActiveDirectory() && settings.newUsers().upnSuffix() != null
          && changes.stream().anyMatch(m -> m.getAttributeName()
              .equalsIgnoreCase(mapper.mapping().userName()))) {
        changes.add(new Modification(ModificationType.REPLACE, "userPrincipalName",
            user.userName() + "@" + settings.newUsers().upnSuffix()));
      }
      if (!changes.isEmpty()) {
        modify(dn, changes);
      }
      return read(dn);
    });
  }

  /**
   * Enables or disables an account; nothing is written when it is already so.
   *
   * @param externalId the user's stable id
   * @param enabled the wanted state
   */
  void setEnabled(String externalId, boolean enabled) {
    SearchResultEntry current = findUser(externalId, mapper.attributes());
    settings.accountStatus().change(current, enabled).ifPresent(change ->
        run((enabled ? "Enabling " : "Disabling ") + current.getDN(), () -> {
          modify(current.getDN(), List.of(change));
          return null;
        }));
  }

  /**
   * Deletes a user; a user that is already gone counts as deleted.
   *
   * @param externalId the user's stable id
   */
  void delete(String externalId) {
    SearchResultEntry current;
    try {
      current = findUser(externalId, "1.1");
    } catch (ConnectorException e) {
      if (e.reason() == Reason.NOT_FOUND) {
        return;
      }
      throw e;
    }
    run("Deleting " + current.getDN(), () -> {
      try {
        pool.delete(current.getDN());
      } catch (LDAPException e) {
        if (e.getResultCode() != ResultCode.NO_SUCH_OBJECT) {
          throw e;
        }
      }
      return null;
    });
  }

  /**
   * Sets a user's password, as an administrator's reset.
   *
   * @param externalId the user's stable id
   * @param password the password; not kept
   */
  void setPassword(String externalId, char[] password) {
    PasswordWriter.requireTls(settings);
    SearchResultEntry current = findUser(externalId, "1.1");
    run("Setting the password of " + current.getDN(), () -> {
      passwords.set(current.getDN(), password);
      return null;
    });
  }

  /**
   * Adds a user to a group, or removes it; nothing happens when it already is (or is not) a
   * member.
   *
   * @param groupId the group's stable id
   * @param userId the user's stable id
   * @param member whether the user should be a member
   */
  void setMember(String groupId, String userId, boolean member) {
    if (settings.groupBaseDn() == null) {
      throw new ConnectorException(Reason.MISCONFIGURED, "Group memberships need a group base "
          + "DN in the connector's settings");
    }
    SearchResultEntry group = find("group", settings.groupBaseDn(), SearchScope.SUB, groupId,
        "1.1");
    SearchResultEntry user = findUser(userId, "1.1");
    String attribute = settings.memberAttribute();
    run((member ? "Adding " : "Removing ") + user.getDN() + (member ? " to " : " from ")
        + group.getDN(), () -> {
          boolean isMember = pool.compare(group.getDN(), attribute, user.getDN()).compareMatched();
          if (isMember != member) {
            modify(group.getDN(), List.of(new Modification(member ? ModificationType.ADD
                : ModificationType.DELETE, attribute, user.getDN())));
          } else if (!member && throughNesting(group.getDN(), user.getDN())) {
            throw new ConnectorException(Reason.REJECTED, user.getDN() + " belongs to "
                + group.getDN() + " through a group nested in it, not directly: remove them "
                + "from that group instead");
          }
          return null;
        });
  }

  /**
   * Whether Active Directory counts a user in a group through nested groups (the in-chain
   * matching rule), as the connector reads memberships; other directories are not asked.
   */
  private boolean throughNesting(String groupDn, String userDn) throws LDAPException {
    if (!settings.type().isActiveDirectory()) {
      return false;
    }
    return pool.search(userDn, SearchScope.BASE, Filter.createExtensibleMatchFilter("memberOf",
        GroupReader.IN_CHAIN, false, groupDn), "1.1").getEntryCount() > 0;
  }

  private String rename(SearchResultEntry current, ExternalUser user) throws LDAPException {
    DN dn = current.getParsedDN();
    RDN rdn = dn.getRDN();
    String attribute = rdn.getAttributeNames()[0];
    String wanted = mapper.namingValue(user, attribute);
    if (rdn.getAttributeValues()[0].equals(wanted)) {
      return current.getDN();
    }
    RDN newRdn = new RDN(attribute, wanted);
    pool.modifyDN(current.getDN(), newRdn.toString(), true);
    return new DN(newRdn, dn.getParent()).toString();
  }

  private void modify(String dn, List<Modification> changes) {
    try {
      pool.modify(dn, changes);
    } catch (LDAPException e) {
      throw new WriteFailure(e);
    }
  }

  private void deleteQuietly(String dn) {
    try {
      pool.delete(dn);
    } catch (LDAPException ignored) {
      // The original failure is what the admin needs to see.
    }
  }

  private ExternalUser read(String dn) {
    return run("Reading " + dn, () -> {
      SearchResultEntry entry = pool.getEntry(dn, mapper.attributes());
      if (entry == null) {
        throw new LDAPException(ResultCode.NO_SUCH_OBJECT, dn + " vanished after it was written");
      }
      return mapper.toUser(entry);
    });
  }

  private SearchResultEntry findUser(String externalId, String... attributes) {
    return find("user", settings.userBaseDn(), settings.userScope(), externalId, attributes);
  }

  private SearchResultEntry find(String what, DN base, SearchScope scope, String externalId,
      String... attributes) {
    return run("Finding " + what + " " + externalId, () -> {
      SearchResult result = pool.search(base.toString(), scope,
          mapper.stableIdFilter(externalId), attributes);
      if (result.getEntryCount() == 0) {
        throw new ConnectorException(Reason.NOT_FOUND, "No " + what + " with "
            + mapper.mapping().stableId() + " " + externalId + " below " + base);
      }
      return result.getSearchEntries().get(0);
    });
  }

  /** 24 random characters from every class AD's complexity rule counts. */
  private static char[] randomPassword() {
    String[] classes = {"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789",
        "!#%+-.:=?@_"};
    char[] password = new char[24];
    for (int i = 0; i < password.length; i++) {
      String chars = classes[i % classes.length];
      password[i] = chars.charAt(RANDOM.nextInt(chars.length()));
    }
    return password;
  }

  /** An LDAP call. */
  @FunctionalInterface
  private interface Call<T> {
    T run() throws LDAPException;
  }

  /** Carries an LDAP failure out of a lambda to {@link #run}. */
  private static final class WriteFailure extends RuntimeException {
    WriteFailure(LDAPException cause) {
      super(cause);
    }
  }

  private <T> T run(String action, Call<T> call) {
    try {
      return call.run();
    } catch (LDAPException e) {
      throw LdapFailures.toConnectorException(action, e, settings.bindIdentity());
    } catch (WriteFailure e) {
      throw LdapFailures.toConnectorException(action, (LDAPException) e.getCause(),
          settings.bindIdentity());
    }
  }
}
