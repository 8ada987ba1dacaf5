package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a server says about itself in its root DSE: vendor, naming contexts, protocol versions,
 * supported controls and extensions, and whether it is Active Directory.
 */
final class RootDse {

  /** LDAP_CAP_ACTIVE_DIRECTORY_OID in {@code supportedCapabilities}. */
  static final String AD_CAPABILITY_OID = "1.2.840.113556.1.4.800";

  /**
   * Requested explicitly besides {@code *} and {@code +}: some servers (Active Directory among
   * them) only return some of these when asked by name.
   */
  private static final String[] ATTRIBUTES = {
    "*", "+", "vendorName", "vendorVersion", "namingContexts", "supportedLDAPVersion",
    "supportedControl", "supportedExtension", "supportedCapabilities", "changelog",
    "firstChangeNumber", "lastChangeNumber", "currentTime",
    "forestFunctionality", "domainControllerFunctionality", "isGlobalCatalogReady", "objectClass"
  };

  /** Active Directory functional levels (domainControllerFunctionality) by number. */
  private static final Map<String, String> AD_LEVELS = Map.of(
      "0", "Windows 2000", "1", "Windows Server 2003 interim", "2", "Windows Server 2003",
      "3", "Windows Server 2008", "4", "Windows Server 2008 R2", "5", "Windows Server 2012",
      "6", "Windows Server 2012 R2", "7", "Windows Server 2016", "10", "Windows Server 2025");

  private final Entry entry;

  RootDse(Entry entry) {
    this.entry = entry;
  }

  /**
   * Reads the root DSE over a bound connection.
   *
   * @param connection the connection
   * @return the root DSE
   * @throws LDAPException when it cannot be read, or the server hides it
   */
  static RootDse read(LDAPConnection connection) throws LDAPException {
    Entry entry = connection.getEntry("", ATTRIBUTES);
    if (entry == null) {
      throw new LDAPException(ResultCode.NO_SUCH_OBJECT,
          "The server returned no root DSE to this account");
    }
    return new RootDse(entry);
  }

  /** {@return whether this is Active Directory (Microsoft or Samba)} */
  boolean isActiveDirectory() {
    return values("supportedCapabilities").contains(AD_CAPABILITY_OID)
        || entry.hasAttribute("forestFunctionality")
        || entry.hasAttribute("isGlobalCatalogReady");
  }

  /** {@return the product, in words; never {@code null}} */
  String vendor() {
    String vendorName = entry.getAttributeValue("vendorName");
    if (isActiveDirectory()) {
      return vendorName != null && vendorName.contains("Samba")
          ? "Samba Active Directory" : "Microsoft Active Directory";
    }
    if (vendorName != null) {
      return vendorName;
    }
    if (entry.hasObjectClass("OpenLDAProotDSE")) {
      return "OpenLDAP";
    }
    return "unknown (the server publishes no vendorName)";
  }

  /** {@return the product version, in words; never {@code null}} */
  String vendorVersion() {
    String version = entry.getAttributeValue("vendorVersion");
    if (version != null) {
      return version;
    }
    String level = entry.getAttributeValue("domainControllerFunctionality");
    if (level != null) {
      return AD_LEVELS.getOrDefault(level, "unknown") + " functional level ("
          + "domainControllerFunctionality " + level + ")";
    }
    return "not published";
  }

  /** {@return the DNs of the directory's naming contexts (suffixes)} */
  List<String> namingContexts() {
    return List.copyOf(values("namingContexts"));
  }

  /** {@return the LDAP protocol versions the server speaks} */
  List<String> supportedLdapVersions() {
    return List.copyOf(values("supportedLDAPVersion"));
  }

  /**
   * Whether the server lists a control in {@code supportedControl}.
   *
   * @param oid the control's OID
   * @return {@code true} when listed
   */
  boolean supportsControl(String oid) {
    return values("supportedControl").contains(oid);
  }

  /**
   * The naming context an entry lies in: the deepest one above it.
   *
   * @param dn the entry
   * @return the naming context's DN, or empty when the entry is in none
   * @throws LDAPException when a naming context is not a valid DN
   */
  Optional<DN> namingContextOf(DN dn) throws LDAPException {
    DN best = null;
    for (String context : namingContexts()) {
      DN candidate = new DN(context);
      if (dn.isDescendantOf(candidate, true)
          && (best == null || candidate.isDescendantOf(best, false))) {
        best = candidate;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Whether the server lists an extended operation in {@code supportedExtension}.
   *
   * @param oid the operation's OID
   * @return {@code true} when listed
   */
  boolean supportsExtension(String oid) {
    return values("supportedExtension").contains(oid);
  }

  /** {@return whether the root DSE names a changelog (the {@code changelog} attribute)} */
  boolean hasChangelog() {
    return entry.hasAttribute("changelog");
  }

  /** {@return the DN of the changelog the root DSE names, when it names one} */
  Optional<String> changelogDn() {
    return Optional.ofNullable(entry.getAttributeValue("changelog"));
  }

  /** {@return the number of the oldest change the changelog still holds, when published} */
  OptionalLong firstChangeNumber() {
    return number("firstChangeNumber");
  }

  /** {@return the number of the newest change in the changelog, when published} */
  OptionalLong lastChangeNumber() {
    return number("lastChangeNumber");
  }

  /**
   * The server's clock, as Active Directory and 389-ds publish it ({@code currentTime}).
   *
   * @return the time in generalized time syntax, as the server writes it; empty when not
   *     published (OpenLDAP, ApacheDS, the UnboundID in-memory server)
   */
  Optional<String> currentTime() {
    return Optional.ofNullable(entry.getAttributeValue("currentTime"));
  }

  private OptionalLong number(String attribute) {
    Long value = entry.getAttributeValueAsLong(attribute);
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  private List<String> values(String attribute) {
    String[] values = entry.getAttributeValues(attribute);
    return values == null ? List.of() : Arrays.asList(values);
  }
}
