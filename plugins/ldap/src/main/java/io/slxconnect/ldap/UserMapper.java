package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.slxconnect.api.ExternalUser;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Maps a user entry to an {@link ExternalUser} with the inetOrgPerson and Active Directory
 * defaults. The stable id is {@code objectGUID} (Active Directory), else {@code entryUUID}
 * (RFC 4530), else {@code nsUniqueId} (389-ds without entryUUID), never the DN.
 */
final class UserMapper {

  /** userAccountControl ACCOUNTDISABLE flag. */
  private static final int ACCOUNT_DISABLE = 0x2;

  /** Requested by name: operational attributes such as entryUUID are not returned by "*". */
  static final String[] ATTRIBUTES = {
    "objectGUID", "entryUUID", "nsUniqueId", "uid", "sAMAccountName", "cn", "displayName",
    "givenName", "sn", "mail", "userAccountControl", "employeeNumber", "employeeID",
    "department", "departmentNumber", "objectClass"
  };

  private UserMapper() {
  }

  /**
   * Maps one entry.
   *
   * @param entry a user entry read with {@link #ATTRIBUTES}
   * @return the user
   * @throws ConnectorException when the entry has no stable id
   */
  static ExternalUser toUser(Entry entry) {
    return new ExternalUser(
        stableId(entry),
        userName(entry),
        first(entry, "displayName", "cn"),
        first(entry, "givenName"),
        first(entry, "sn"),
        entry.hasAttribute("mail") ? List.of(entry.getAttributeValues("mail")) : List.of(),
        active(entry),
        first(entry, "employeeNumber", "employeeID"),
        first(entry, "department", "departmentNumber"),
        null,
        List.of(),
        Map.of("dn", List.of(entry.getDN())));
  }

  /**
   * Formats an Active Directory objectGUID the way Windows shows it: the first three fields
   * are stored little-endian.
   *
   * @param guid the 16 raw bytes
   * @return for example {@code 3f2504e0-4f89-11d3-9a0c-0305e82c3301}
   */
  static String guidToString(byte[] guid) {
    if (guid.length != 16) {
      throw new IllegalArgumentException("An objectGUID has 16 bytes, not " + guid.length);
    }
    ByteBuffer le = ByteBuffer.wrap(guid).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer be = ByteBuffer.wrap(guid);
    return String.format("%08x-%04x-%04x-%04x-%012x", le.getInt(0), le.getShort(4),
        le.getShort(6), be.getShort(8), be.getLong(8) & 0xFFFF_FFFF_FFFFL);
  }

  private static String stableId(Entry entry) {
    byte[] guid = entry.getAttributeValueBytes("objectGUID");
    if (guid != null) {
      return guidToString(guid);
    }
    String id = first(entry, "entryUUID", "nsUniqueId");
    if (id == null) {
      throw new ConnectorException(Reason.FAILED, "Entry " + entry.getDN()
          + " has no stable id (objectGUID, entryUUID or nsUniqueId), so it cannot be linked; "
          + "enable entryUUID on the server");
    }
    return id;
  }

  private static String userName(Entry entry) {
    String name = first(entry, "uid", "sAMAccountName", "cn");
    if (name != null) {
      return name;
    }
    try {
      RDN rdn = entry.getParsedDN().getRDN();
      return rdn == null ? entry.getDN() : rdn.getAttributeValues()[0];
    } catch (LDAPException e) {
      return entry.getDN();
    }
  }

  private static boolean active(Entry entry) {
    Integer control = entry.getAttributeValueAsInteger("userAccountControl");
    return control == null || (control & ACCOUNT_DISABLE) == 0;
  }

  private static String first(Entry entry, String... attributes) {
    return Arrays.stream(attributes).map(entry::getAttributeValue)
        .filter(v -> v != null && !v.isEmpty()).findFirst().orElse(null);
  }
}
