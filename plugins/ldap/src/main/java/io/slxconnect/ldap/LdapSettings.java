package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SearchScope;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The validated settings of one LDAP connector instance, with the schema's defaults applied.
 * Parsing repeats the schema's rules that matter for safety (plaintext only when allowed) so the
 * instance never relies on the hub having validated them.
 *
 * @param urls the servers, in fail-over order
 * @param security how connections are protected
 * @param trustedCertificates certificates to trust instead of the JVM trust store; may be empty
 * @param verifyHostname whether the certificate must match the host name of the URL
 * @param bindDn the bind name, or {@code null} for anonymous access
 * @param bindPassword the bind password, or {@code null} for anonymous access (never logged)
 * @param userBaseDn where users are searched
 * @param userFilter which entries are users
 * @param userScope how deep below the base users are searched
 * @param groupBaseDn where groups are searched, or {@code null}
 * @param groupFilter which entries are groups
 * @param connectTimeoutSeconds how long to wait for one server to accept a connection
 * @param pageSize entries per paged-results page
 * @param forcedChangeDetection the strategy the admin chose, or empty for {@code auto}
 * @param type the kind of directory, which gives the defaults below
 * @param mapping which attribute holds each field of the hub's user
 * @param accountStatus how an account is disabled
 * @param newUsers where and how new users are created
 * @param memberAttribute the group attribute that lists member DNs
 * @param membership how a group's members are found
 * @param pollIntervalSeconds how often the changelog and poll strategies look for changes
 * @param poolSize the most connections the pool keeps
 */
record LdapSettings(
    List<Endpoint> urls,
    Security security,
    List<X509Certificate> trustedCertificates,
    boolean verifyHostname,
    String bindDn,
    String bindPassword,
    DN userBaseDn,
    Filter userFilter,
    SearchScope userScope,
    DN groupBaseDn,
    Filter groupFilter,
    int connectTimeoutSeconds,
    int pageSize,
    Optional<ChangeDetectionStrategy> forcedChangeDetection,
    DirectoryType type,
    AttributeMapping mapping,
    AccountStatus accountStatus,
    NewUsers newUsers,
    String memberAttribute,
    DirectoryType.Membership membership,
    int pollIntervalSeconds,
    int poolSize) {

  /**
   * Where and how the connector creates users.
   *
   * @param container the DN new users are created below
   * @param objectClasses their object classes
   * @param rdnAttribute the attribute that names them in their DN
   * @param upnSuffix Active Directory: the part after @ in userPrincipalName
   */
  record NewUsers(DN container, List<String> objectClasses, String rdnAttribute,
      String upnSuffix) {
  }

  /**
   * One directory server.
   *
   * @param url the normalised URL, {@code scheme://host:port}
   * @param host the host name or address
   * @param port the TCP port
   */
  record Endpoint(String url, String host, int port) {
  }

  /**
   * Reads and checks settings.
   *
   * @param json the instance settings, secrets decrypted
   * @return the settings
   * @throws ConnectorException with {@link Reason#MISCONFIGURED} and a message naming the
   *     setting at fault
   */
  static LdapSettings from(JsonObject json) {
    Security security = security(json);
    boolean allowPlaintext = bool(json, "allowPlaintext", false);
    if (security == Security.NONE && !allowPlaintext) {
      throw misconfigured("Security 'none' sends the bind password and all directory data "
          + "unencrypted, so it is refused unless 'allowPlaintext' is true. Use 'ldaps' or "
          + "'starttls', or set 'allowPlaintext' to true for an isolated test lab.");
    }
    String bindDn = blankToNull(string(json, "bindDn", null));
    String bindPassword = string(json, "bindPassword", null);
    if (bindDn != null && (bindPassword == null || bindPassword.isEmpty())) {
      throw misconfigured("'bindPassword' is required when 'bindDn' is set (a bind with an "
          + "empty password is an unauthenticated bind that servers accept without checking).");
    }
    String pem = blankToNull(string(json, "trustedCertificate", null));
    String groupBase = blankToNull(string(json, "groupBaseDn", null));
    DirectoryType type = directoryType(json);
    DN userBase = dn("userBaseDn", string(json, "userBaseDn", null));
    return new LdapSettings(
        endpoints(json, security),
        security,
        pem == null ? List.of() : LdapTls.parsePem(pem),
        bool(json, "verifyHostname", true),
        bindDn,
        bindDn == null ? null : bindPassword,
        userBase,
        filter(json, "userFilter", type.userFilter()),
        scope(json),
        groupBase == null ? null : dn("groupBaseDn", groupBase),
        filter(json, "groupFilter", type.groupFilter()),
        integer(json, "connectTimeoutSeconds", 10, 1, 120),
        integer(json, "pageSize", 500, 1, 5000),
        changeDetection(json),
        type,
        AttributeMapping.from(type.mapping(), json.getJsonObject("attributeMapping")),
        accountStatus(json, type),
        newUsers(json, type, userBase),
        attributeName(json, "memberAttribute", "member"),
        membership(json, type),
        integer(json, "pollIntervalSeconds", 5, 1, 3600),
        integer(json, "poolSize", 4, 1, 32));
  }

  private static DirectoryType directoryType(JsonObject json) {
    String id = string(json, "directoryType", DirectoryType.LDAP.id());
    DirectoryType type = DirectoryType.fromId(id);
    if (type == null) {
      throw misconfigured("'directoryType' must be active-directory, openldap, 389-ds or ldap, "
          + "not '" + id + "'");
    }
    return type;
  }

  private static AccountStatus accountStatus(JsonObject json, DirectoryType type) {
    String attribute = blankToNull(string(json, "disabledAttribute", null));
    if (attribute == null) {
      return type.accountStatus();
    }
    String value = blankToNull(string(json, "disabledValue", null));
    if (value == null) {
      throw misconfigured("'disabledValue' is required with 'disabledAttribute', for example "
          + "TRUE for nsAccountLock");
    }
    return AccountStatus.attribute(attributeName(json, "disabledAttribute", null), value);
  }

  private static NewUsers newUsers(JsonObject json, DirectoryType type, DN userBase) {
    String container = blankToNull(string(json, "newUserContainer", null));
    List<String> classes = new ArrayList<>();
    Object value = json.getValue("newUserObjectClasses");
    if (value == null) {
      classes.addAll(type.objectClasses());
    } else if (value instanceof JsonArray array && !array.isEmpty()) {
      for (Object item : array) {
        if (!(item instanceof String name) || name.isBlank()) {
          throw misconfigured("'newUserObjectClasses' must list object class names");
        }
        classes.add(name.trim());
      }
    } else {
      throw misconfigured("'newUserObjectClasses' must list object class names, such as "
          + "inetOrgPerson");
    }
    String suffix = blankToNull(string(json, "upnSuffix", null));
    return new NewUsers(container == null ? userBase : dn("newUserContainer", container),
        List.copyOf(classes), attributeName(json, "rdnAttribute", type.rdnAttribute()),
        suffix != null ? suffix : domainOf(userBase));
  }

  /** The DNS domain of the DC components of a DN: DC=corp,DC=example,DC=com is corp.example.com. */
  private static String domainOf(DN dn) {
    List<String> labels = new ArrayList<>();
    for (com.unboundid.ldap.sdk.RDN rdn : dn.getRDNs()) {
      if (rdn.hasAttribute("dc")) {
        labels.add(rdn.getAttributeValues()[0]);
      }
    }
    return labels.isEmpty() ? null : String.join(".", labels);
  }

  private static DirectoryType.Membership membership(JsonObject json, DirectoryType type) {
    String value = string(json, "membership", null);
    if (value == null) {
      return type.membership();
    }
    return switch (value) {
      case "memberOf" -> DirectoryType.Membership.MEMBER_OF;
      case "member" -> DirectoryType.Membership.MEMBER;
      default -> throw misconfigured("'membership' must be memberOf or member, not '" + value
          + "'");
    };
  }

  private static String attributeName(JsonObject json, String key, String defaultValue) {
    String value = blankToNull(string(json, key, defaultValue));
    if (value == null || !AttributeMapping.isAttributeName(value)) {
      throw misconfigured("'" + key + "' must be an attribute name");
    }
    return value;
  }

  /** {@return the bind name shown to admins: the bind DN, or "anonymous"} */
  String bindIdentity() {
    return bindDn == null ? "anonymous" : bindDn;
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "LdapSettings[urls=" + urls + ", security=" + security.id() + ", bindDn=" + bindDn
        + ", userBaseDn=" + userBaseDn + "]";
  }

  private static List<Endpoint> endpoints(JsonObject json, Security security) {
    Object value = json.getValue("urls");
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw misconfigured("'urls' must list at least one server, such as ldaps://dc1.example.com:636");
    }
    List<Endpoint> endpoints = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String text)) {
        throw misconfigured("'urls' must contain strings such as ldaps://dc1.example.com:636");
      }
      endpoints.add(endpoint(text.trim(), security));
    }
    return List.copyOf(endpoints);
  }

  private static Endpoint endpoint(String text, Security security) {
    LDAPURL url;
    try {
      url = new LDAPURL(text);
    } catch (LDAPException e) {
      throw misconfigured("URL '" + text + "' is not an LDAP URL: " + e.getExceptionMessage());
    }
    String scheme = url.getScheme();
    if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
      throw misconfigured("URL '" + text + "' must start with ldap:// or ldaps://");
    }
    if (!url.hostProvided()) {
      throw misconfigured("URL '" + text + "' names no host");
    }
    if (url.baseDNProvided() || text.contains("?")) {
      throw misconfigured("URL '" + text + "' must be just ldap[s]://host:port; put the DN "
          + "into 'userBaseDn'");
    }
    if (!scheme.equals(security.urlScheme())) {
      throw misconfigured(security == Security.LDAPS
          ? "URL '" + text + "' is plain LDAP but security is 'ldaps': use ldaps://host:636, "
              + "or set security to 'starttls'"
          : "URL '" + text + "' is LDAPS but security is '" + security.id()
              + "': use ldap://host:389, or set security to 'ldaps'");
    }
    String host = url.getHost();
    String hostInUrl = host.contains(":") ? "[" + host + "]" : host;
    return new Endpoint(scheme + "://" + hostInUrl + ":" + url.getPort(), host, url.getPort());
  }

  private static Security security(JsonObject json) {
    String id = string(json, "security", Security.LDAPS.id());
    Security security = Security.fromId(id);
    if (security == null) {
      throw misconfigured("'security' must be ldaps, starttls or none, not '" + id + "'");
    }
    return security;
  }

  private static SearchScope scope(JsonObject json) {
    String scope = string(json, "userScope", "sub");
    return switch (scope) {
      case "sub" -> SearchScope.SUB;
      case "one" -> SearchScope.ONE;
      default -> throw misconfigured("'userScope' must be sub or one, not '" + scope + "'");
    };
  }

  private static Optional<ChangeDetectionStrategy> changeDetection(JsonObject json) {
    String id = string(json, "changeDetection", "auto");
    if (id.equals("auto")) {
      return Optional.empty();
    }
    ChangeDetectionStrategy strategy = ChangeDetectionStrategy.fromId(id);
    if (strategy == null) {
      throw misconfigured("'changeDetection' '" + id + "' is unknown; use auto, "
          + "ad-notification, dirsync, content-sync, persistent-search, changelog or poll");
    }
    return Optional.of(strategy);
  }

  private static DN dn(String key, String value) {
    if (value == null || value.isBlank()) {
      throw misconfigured("'" + key + "' is required, for example ou=People,dc=example,dc=com");
    }
    try {
      return new DN(value);
    } catch (LDAPException e) {
      throw misconfigured("'" + key + "' '" + value + "' is not a valid DN: "
          + e.getExceptionMessage());
    }
  }

  private static Filter filter(JsonObject json, String key, String defaultValue) {
    String value = string(json, key, defaultValue);
    try {
      return Filter.create(value);
    } catch (LDAPException e) {
      throw misconfigured("'" + key + "' '" + value + "' is not a valid LDAP filter: "
          + e.getExceptionMessage());
    }
  }

  private static String string(JsonObject json, String key, String defaultValue) {
    Object value = json.getValue(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof String text)) {
      throw misconfigured("'" + key + "' must be a string");
    }
    return text;
  }

  private static boolean bool(JsonObject json, String key, boolean defaultValue) {
    Object value = json.getValue(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Boolean b)) {
      throw misconfigured("'" + key + "' must be true or false");
    }
    return b;
  }

  private static int integer(JsonObject json, String key, int defaultValue, int min, int max) {
    Object value = json.getValue(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || n.longValue() < min || n.longValue() > max) {
      throw misconfigured("'" + key + "' must be a whole number from " + min + " to " + max);
    }
    return n.intValue();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  static ConnectorException misconfigured(String message) {
    return new ConnectorException(Reason.MISCONFIGURED, message);
  }
}
