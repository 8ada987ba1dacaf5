package io.slxconnect.hub.demo;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;

/**
 * The demo directory's schema: the SDK's standard schema (inetOrgPerson, groupOfNames, ...)
 * with schema checking on, plus 389 Directory Server's {@code nsAccountLock}, the attribute
 * that marks an account disabled.
 *
 * <p>Schema checking stays on, rather than switched off to allow {@code nsAccountLock}: with it
 * the demo refuses what a real directory refuses (a user without {@code sn}, a group without a
 * member), so what the hub writes to it would also work on a real server. The attribute is
 * defined as 389-ds defines it, an operational attribute that any entry may carry, so the
 * people need no extra object class, exactly as on 389-ds.
 */
final class DemoSchema {

  /** 389-ds's definition (schema/02common.ldif). */
  private static final String NS_ACCOUNT_LOCK = "( 2.16.840.1.113730.3.1.610 "
      + "NAME 'nsAccountLock' DESC 'Operational attribute for Account Inactivation' "
      + "SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 USAGE directoryOperation "
      + "X-ORIGIN 'Netscape Directory Server' )";

  private DemoSchema() {
  }

  /**
   * The schema.
   *
   * @return the standard schema with nsAccountLock
   * @throws LDAPException when the SDK's standard schema cannot be read
   */
  static Schema create() throws LDAPException {
    Schema extra = new Schema(new Entry("cn=schema",
        new Attribute("objectClass", "top", "ldapSubentry", "subschema"),
        new Attribute("attributeTypes", NS_ACCOUNT_LOCK)));
    return Schema.mergeSchemas(Schema.getDefaultStandardSchema(), extra);
  }
}
