/**
 * The Active Directory / LDAP connector plugin, on the UnboundID LDAP SDK.
 *
 * <p>{@link io.slxconnect.ldap.LdapConnectorType} is the PF4J extension the hub finds; it creates
 * instances that connect over LDAPS or StartTLS (plaintext only when explicitly allowed), test
 * the connection step by step, and read users in pages. Every SDK call is blocking and runs on
 * the instance's worker executor.
 */
package io.slxconnect.ldap;
