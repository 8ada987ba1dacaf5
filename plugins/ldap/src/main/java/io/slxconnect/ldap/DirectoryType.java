package io.slxconnect.ldap;

import java.util.List;

/**
 * The kinds of directory the connector knows, each with the defaults an admin would otherwise
 * have to type: attribute names, filters, the object classes and naming of new users, and how
 * an account is disabled. Every default can be overridden in the settings.
 */
enum DirectoryType {
  /** Microsoft Active Directory (and Samba AD). */
  ACTIVE_DIRECTORY("active-directory",
      new AttributeMapping("objectGUID", "sAMAccountName", "displayName", "givenName", "sn",
          "mail", "employeeID", "department"),
      "(&(objectCategory=person)(objectClass=user))", "(objectClass=group)",
      List.of("top", "person", "organizationalPerson", "user"), "cn", AccountStatus.activeDirectory(),
      Membership.MEMBER_OF),
  /** OpenLDAP with inetOrgPerson; accounts are locked with the ppolicy overlay. */
  OPENLDAP("openldap",
      new AttributeMapping("entryUUID", "uid", "displayName", "givenName", "sn", "mail",
          "employeeNumber", "departmentNumber"),
      "(objectClass=inetOrgPerson)", "(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames))",
      List.of("top", "person", "organizationalPerson", "inetOrgPerson"), "uid",
      AccountStatus.attribute("pwdAccountLockedTime", "000001010000Z"), Membership.MEMBER),
  /** 389 Directory Server (and Red Hat Directory Server). */
  DS389("389-ds",
      new AttributeMapping("nsUniqueId", "uid", "displayName", "givenName", "sn", "mail",
          "employeeNumber", "departmentNumber"),
      "(objectClass=inetOrgPerson)", "(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames))",
      List.of("top", "person", "organizationalPerson", "inetOrgPerson"), "uid",
      AccountStatus.attribute("nsAccountLock", "TRUE"), Membership.MEMBER),
  /** Any other LDAPv3 server with inetOrgPerson and entryUUID (RFC 4530). */
  LDAP("ldap",
      new AttributeMapping("entryUUID", "uid", "displayName", "givenName", "sn", "mail",
          "employeeNumber", "departmentNumber"),
      "(objectClass=person)", "(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames))",
      List.of("top", "person", "organizationalPerson", "inetOrgPerson"), "uid",
      AccountStatus.none(), Membership.MEMBER);

  private final String id;
  private final AttributeMapping mapping;
  private final String userFilter;
  private final String groupFilter;
  private final List<String> objectClasses;
  private final String rdnAttribute;
  private final AccountStatus accountStatus;
  private final Membership membership;

  DirectoryType(String id, AttributeMapping mapping, String userFilter, String groupFilter,
      List<String> objectClasses, String rdnAttribute, AccountStatus accountStatus,
      Membership membership) {
    this.id = id;
    this.mapping = mapping;
    this.userFilter = userFilter;
    this.groupFilter = groupFilter;
    this.objectClasses = objectClasses;
    this.rdnAttribute = rdnAttribute;
    this.accountStatus = accountStatus;
    this.membership = membership;
  }

  /** How the members of a group are found. */
  enum Membership {
    /** Users whose {@code memberOf} names the group (nested groups resolved by the server). */
    MEMBER_OF,
    /** The group's member attribute, a list of DNs (nested groups resolved by the connector). */
    MEMBER
  }

  /** {@return the value used in settings} */
  String id() {
    return id;
  }

  /** {@return the default attribute mapping} */
  AttributeMapping mapping() {
    return mapping;
  }

  /** {@return the default user filter} */
  String userFilter() {
    return userFilter;
  }

  /** {@return the default group filter} */
  String groupFilter() {
    return groupFilter;
  }

  /** {@return the object classes of new users} */
  List<String> objectClasses() {
    return objectClasses;
  }

  /** {@return the attribute that names new users in their DN} */
  String rdnAttribute() {
    return rdnAttribute;
  }

  /** {@return how an account is disabled} */
  AccountStatus accountStatus() {
    return accountStatus;
  }

  /** {@return how group members are found by default} */
  Membership membership() {
    return membership;
  }

  /** {@return whether this is Active Directory, whose writes follow its own rules} */
  boolean isActiveDirectory() {
    return this == ACTIVE_DIRECTORY;
  }

  /**
   * Parses a setting value.
   *
   * @param id the value
   * @return the type, or {@code null} when unknown
   */
  static DirectoryType fromId(String id) {
    for (DirectoryType type : values()) {
      if (type.id.equals(id)) {
        return type;
      }
    }
    return null;
  }
}
