package io.slxconnect.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ExternalUser;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Entry to user mapping, with Active Directory attribute values as the server sends them. */
class UserMapperTest {

  /** {3F2504E0-4F89-11D3-9A0C-0305E82C3301} as stored in objectGUID. */
  private static final byte[] GUID = HexFormat.of().parseHex("e004253f894fd3119a0c0305e82c3301");

  @Test
  void objectGuidIsFormattedAsWindowsShowsIt() {
    assertEquals("3f2504e0-4f89-11d3-9a0c-0305e82c3301", UserMapper.guidToString(GUID));
  }

  @Test
  void activeDirectoryUserUsesObjectGuidSamAccountNameAndDisabledFlag() {
    Entry entry = new Entry("CN=Jane Doe,CN=Users,DC=example,DC=com");
    entry.addAttribute("objectGUID", GUID);
    entry.addAttribute("sAMAccountName", "jdoe");
    entry.addAttribute("cn", "Jane Doe");
    entry.addAttribute("userAccountControl", "514");
    entry.addAttribute("mail", "jane@example.com");
    entry.addAttribute("department", "Finance");

    ExternalUser user = UserMapper.toUser(entry);

    assertEquals("3f2504e0-4f89-11d3-9a0c-0305e82c3301", user.externalId());
    assertEquals("jdoe", user.userName());
    assertEquals("Jane Doe", user.displayName());
    assertEquals(List.of("jane@example.com"), user.emails());
    assertEquals("Finance", user.department());
    assertFalse(user.active());
  }

  @Test
  void enabledActiveDirectoryUserIsActive() {
    Entry entry = new Entry("CN=John,CN=Users,DC=example,DC=com");
    entry.addAttribute("objectGUID", GUID);
    entry.addAttribute("sAMAccountName", "john");
    entry.addAttribute("userAccountControl", "512");

    assertTrue(UserMapper.toUser(entry).active());
  }

  @Test
  void entryWithoutStableIdIsRefused() {
    Entry entry = new Entry("uid=x,ou=People,dc=example,dc=com");
    entry.addAttribute("uid", "x");

    ConnectorException error =
        assertThrows(ConnectorException.class, () -> UserMapper.toUser(entry));
    assertTrue(error.getMessage().contains("has no stable id"), error.getMessage());
  }
}
