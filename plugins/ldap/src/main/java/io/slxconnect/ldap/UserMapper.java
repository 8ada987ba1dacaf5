package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.slxconnect.api.ExternalUser;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Maps user entries to {@link ExternalUser}s and back, through the configured
 * {@link AttributeMapping}: the stable id (Active Directory's binary objectGUID shown as Windows
 * shows it, else the attribute's text), the fields, and whether the account is active.
 */
final class UserMapper {

  private final AttributeMapping mapping;
  private final AccountStatus status;
  private final String[] attributes;

  UserMapper(AttributeMapping mapping, AccountStatus status) {
    this.mapping = mapping;
    this.status = status;
    Set<String> names = new LinkedHashSet<>(mapping.asMap().values());
    // Requested by name: operational attributes such as entryUUID are not returned by "*".
    names.add("cn");
    names.add("objectClass");
    if (status.attribute() != null) {
      names.add(status.attribute());
    }
    this.attributes = names.toArray(new String[0]);
  }

  /**
   * The mapper for a connector's settings.
   *
   * @param settings the settings
   * @return the mapper
   */
  static UserMapper of(LdapSettings settings) {
    return new UserMapper(settings.mapping(), settings.accountStatus());
  }

  /** {@return the attributes to request for {@link #toUser(Entry)}} */
  String[] attributes() {
    return attributes.clone();
  }

  /** {@return the mapping} */
  AttributeMapping mapping() {
    return mapping;
  }

  /**
   * Maps one entry.
   *
   * @param entry a user entry read with {@link #attributes()}
   * @return the user; without an external id when the entry has no stable id, which the hub
   *     reports as a failure of that account
   */
  ExternalUser toUser(Entry entry) {
    return new ExternalUser(
        stableIdOrNull(entry),
        userName(entry),
        first(entry, mapping.displayName(), "cn"),
        first(entry, mapping.givenName()),
        first(entry, mapping.familyName()),
        entry.hasAttribute(mapping.email())
            ? List.of(entry.getAttributeValues(mapping.email())) : List.of(),
        status.isActive(entry),
        first(entry, mapping.employeeNumber()),
        first(entry, mapping.department()),
        null,
        List.of(),
        Map.of("dn", List.of(entry.getDN())));
  }

  /**
   * The stable id of an entry.
   *
   * @param entry the entry
   * @return the id
   * @throws ConnectorException when the entry has none
   */
  String stableId(Entry entry) {
    String id = stableIdOrNull(entry);
    if (id == null) {
      throw new ConnectorException(Reason.FAILED, "Entry " + entry.getDN() + " has no "
          + mapping.stableId() + ", the stable id, so it cannot be linked; check the directory "
          + "type and 'attributeMapping.stableId'");
    }
    return id;
  }

  /**
   * The stable id of an entry, if it has one.
   *
   * @param entry the entry
   * @return the id, or {@code null}
   */
  String stableIdOrNull(Entry entry) {
    String id = mapping.binaryStableId()
        ? guidOrNull(entry.getAttributeValueBytes(mapping.stableId()))
        : entry.getAttributeValue(mapping.stableId());
    return id == null || id.isEmpty() ? null : id;
  }

  /**
   * The filter that finds an entry by its stable id.
   *
   * @param externalId the id as {@link #stableId(Entry)} gives it
   * @return the equality filter, with the value escaped by the SDK
   * @throws ConnectorException with {@link Reason#NOT_FOUND} when the id cannot be one of ours
   */
  Filter stableIdFilter(String externalId) {
    if (!mapping.binaryStableId()) {
      return Filter.createEqualityFilter(mapping.stableId(), externalId);
    }
    try {
      return Filter.createEqualityFilter(mapping.stableId(), guidToBytes(externalId));
    } catch (IllegalArgumentException e) {
      throw new ConnectorException(Reason.NOT_FOUND, "'" + externalId + "' is not an objectGUID");
    }
  }

  /**
   * The attributes a new entry gets for a user: every mapped field that has a value.
   * {@code sn}, required by the person class, falls back to the user name.
   *
   * @param user the user
   * @return the attributes, without object classes, naming or password
   */
  List<Attribute> attributesOf(ExternalUser user) {
    List<Attribute> list = new ArrayList<>();
    Map<String, List<String>> wanted = wanted(user);
    wanted.forEach((name, values) -> {
      if (!values.isEmpty()) {
        list.add(new Attribute(name, values));
      }
    });
    if (wanted.keySet().stream().noneMatch("cn"::equalsIgnoreCase)) {
      // Required by the person class whatever names the entry.
      list.add(new Attribute("cn", commonName(user)));
    }
    return list;
  }

  /**
   * The value that names a user in its DN.
   *
   * @param user the user
   * @param rdnAttribute the naming attribute
   * @return the mapped field's value; for an unmapped {@code cn}, the display name or user name
   */
  String namingValue(ExternalUser user, String rdnAttribute) {
    return wanted(user).entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(rdnAttribute) && !e.getValue().isEmpty())
        .map(e -> e.getValue().get(0)).findFirst().orElse(commonName(user));
  }

  private static String commonName(ExternalUser user) {
    return user.displayName() != null && !user.displayName().isBlank() ? user.displayName()
        : user.userName();
  }

  /**
   * The modifications that make an entry show a user's fields; unchanged attributes are left
   * out, so that an update that changes nothing sends nothing.
   *
   * @param current the entry, read with {@link #attributes()}
   * @param user the wanted state
   * @return the modifications, possibly none
   */
  List<Modification> changes(Entry current, ExternalUser user) {
    List<Modification> changes = new ArrayList<>();
    wanted(user).forEach((name, values) -> {
      List<String> now = current.hasAttribute(name)
          ? List.of(current.getAttributeValues(name)) : List.of();
      if (Set.copyOf(now).equals(Set.copyOf(values))) {
        return;
      }
      if (values.isEmpty()) {
        changes.add(new Modification(ModificationType.DELETE, name));
      } else {
        changes.add(new Modification(ModificationType.REPLACE, name,
            values.toArray(new String[0])));
      }
    });
    return changes;
  }

  /** The values each mapped attribute should hold; the stable id is the server's. */
  private Map<String, List<String>> wanted(ExternalUser user) {
    Map<String, List<String>> values = new java.util.LinkedHashMap<>();
    values.put(mapping.userName(), one(user.userName()));
    values.put(mapping.displayName(), one(user.displayName()));
    values.put(mapping.givenName(), one(user.givenName()));
    values.put(mapping.familyName(), one(user.familyName() != null ? user.familyName()
        : user.userName()));
    values.put(mapping.email(), user.emails() == null ? List.of() : List.copyOf(user.emails()));
    values.put(mapping.employeeNumber(), one(user.employeeNumber()));
    values.put(mapping.department(), one(user.department()));
    return values;
  }

  private static List<String> one(String value) {
    return value == null || value.isEmpty() ? List.of() : List.of(value);
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

  /**
   * The inverse of {@link #guidToString(byte[])}.
   *
   * @param text the GUID as Windows shows it
   * @return the 16 bytes as stored in objectGUID
   * @throws IllegalArgumentException when the text is not a GUID
   */
  static byte[] guidToBytes(String text) {
    UUID uuid = UUID.fromString(text);
    ByteBuffer bytes = ByteBuffer.allocate(16);
    long high = uuid.getMostSignificantBits();
    bytes.order(ByteOrder.LITTLE_ENDIAN).putInt((int) (high >>> 32))
        .putShort((short) (high >>> 16)).putShort((short) high);
    bytes.order(ByteOrder.BIG_ENDIAN).putLong(uuid.getLeastSignificantBits());
    return bytes.array();
  }

  private static String guidOrNull(byte[] guid) {
    return guid == null || guid.length != 16 ? null : guidToString(guid);
  }

  private String userName(Entry entry) {
    String name = first(entry, mapping.userName());
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

  private static String first(Entry entry, String... names) {
    return Arrays.stream(names).filter(Objects::nonNull).map(entry::getAttributeValue)
        .filter(v -> v != null && !v.isEmpty()).findFirst().orElse(null);
  }
}
