package io.slxconnect.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ResultCode;
import io.slxconnect.api.ConnectorException.Reason;
import org.junit.jupiter.api.Test;

/** Bind failures as Active Directory reports them, put into words. */
class LdapFailuresTest {

  private static LDAPException adBindFailure(String dataCode) {
    return new LDAPException(new LDAPResult(1, ResultCode.INVALID_CREDENTIALS,
        "80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data "
            + dataCode + ", v2580", null, (String[]) null, (com.unboundid.ldap.sdk.Control[]) null));
  }

  @Test
  void activeDirectoryDataCodesAreExplainedInWords() {
    String svc = "svc@example.com";
    assertTrue(LdapFailures.bindFailure(svc, adBindFailure("52e"))
        .startsWith("Invalid credentials for svc@example.com: Active Directory says bad password"));
    assertTrue(LdapFailures.bindFailure(svc, adBindFailure("533")).contains("account disabled"));
    assertTrue(LdapFailures.bindFailure(svc, adBindFailure("775")).contains("account locked out"));
  }

  @Test
  void invalidCredentialsMapToAuthenticationFailed() {
    assertEquals(Reason.AUTHENTICATION_FAILED, LdapFailures
        .toConnectorException("Connecting", adBindFailure("52e"), "svc").reason());
  }

  @Test
  void confidentialityRequiredAsksForTls() {
    String text = LdapFailures.bindFailure("cn=svc", new LDAPException(
        ResultCode.CONFIDENTIALITY_REQUIRED, "TLS required"));
    assertTrue(text.contains("use security 'ldaps' or 'starttls'"), text);
  }
}
