package io.slxconnect.ldap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ExternalUser;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Entry to user mapping, with Active Directory attribute values as the server sends them. */
class UserMapperTest {

  /** {3F2504E0-4F89-11D3-9A0C-0305E82C3301} as stored in objectGUID. */
  private static final byte[] GUID = HexFormat.of().parseHex("e004253f894fd3119a0c0305e82c3301");

  private static final UserMapper AD = new UserMapper(DirectoryType.ACTIVE_DIRECTORY.mapping(),
      DirectoryType.ACTIVE_DIRECTORY.accountStatus());
  private static final UserMapper OPENLDAP = new UserMapper(DirectoryType.OPENLDAP.mapping(),
      DirectoryType.OPENLDAP.accountStatus());

  @Test
  void objectGuidIsFormattedAsWindowsShowsItAndBack() {
    assertEquals("3f2504e0-4f89-11d3-9a0c-0305e82c3301", UserMapper.guidToString(GUID));
    assertArrayEquals(GUID, UserMapper.guidToBytes("3f2504e0-4f89-11d3-9a0c-0305e82c3301"));
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

    ExternalUser user = AD.toUser(entry);

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

    assertTrue(AD.toUser(entry).active());
  }

  @Test
  void entryWithoutStableIdHasNoExternalIdAndCannotBeLocated() {
    Entry entry = new Entry("uid=x,ou=People,dc=example,dc=com");
    entry.addAttribute("uid", "x");

    assertNull(OPENLDAP.toUser(entry).externalId());
    ConnectorException error =
        assertThrows(ConnectorException.class, () -> OPENLDAP.stableId(entry));
    assertTrue(error.getMessage().contains("has no entryUUID"), error.getMessage());
  }

  @Test
  void lockedOpenLdapAccountIsInactiveAndUnlockingRemovesTheLock() {
    Entry entry = new Entry("uid=x,ou=People,dc=example,dc=com");
    entry.addAttribute("entryUUID", "6c2b7a36-0d7f-4c6b-9a53-0f7c2b1c1a10");
    entry.addAttribute("uid", "x");
    entry.addAttribute("pwdAccountLockedTime", "000001010000Z");

    assertFalse(OPENLDAP.toUser(entry).active());
    Modification unlock = DirectoryType.OPENLDAP.accountStatus().change(entry, true).orElseThrow();
    assertEquals(ModificationType.DELETE, unlock.getModificationType());
    assertTrue(DirectoryType.OPENLDAP.accountStatus().change(entry, false).isEmpty());
  }

  @Test
  void onlyAttributesThatDifferAreWritten() {
    Entry entry = new Entry("uid=x,ou=People,dc=example,dc=com");
    entry.addAttribute("uid", "x");
    entry.addAttribute("sn", "Old");
    entry.addAttribute("mail", "a@example.com", "b@example.com");
    ExternalUser wanted = new ExternalUser("id", "x", null, null, "New",
        List.of("b@example.com", "a@example.com"), true, null, null, null, null, null);

    List<Modification> changes = OPENLDAP.changes(entry, wanted);

    assertEquals(List.of(new Modification(ModificationType.REPLACE, "sn", "New")), changes);
  }
}
