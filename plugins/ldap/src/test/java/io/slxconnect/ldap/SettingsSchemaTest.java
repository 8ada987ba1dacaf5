package io.slxconnect.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.SearchScope;
import io.slxconnect.api.Capability;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The settings schema, checked with the validator the hub uses, and the code's own checks. */
class SettingsSchemaTest {

  private final LdapConnectorType type = new LdapConnectorType();
  private final Validator validator = Validator.create(JsonSchema.of(type.settingsSchema()),
      new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
          .setBaseUri("https://slxconnect.io/schemas/"));

  private static JsonObject minimal() {
    return new JsonObject()
        .put("urls", new JsonArray().add("ldaps://dc1.example.com:636"))
        .put("userBaseDn", "ou=People,dc=example,dc=com");
  }

  private boolean valid(JsonObject settings) {
    OutputUnit result = validator.validate(settings);
    return result.getValid();
  }

  @Test
  void typeDescribesItself() {
    assertEquals("ldap", type.id());
    assertEquals("Active Directory / LDAP", type.displayName());
    assertFalse(type.description().isBlank());
    assertEquals(Set.of(Capability.IMPORT_USERS, Capability.IMPORT_GROUPS,
        Capability.CREATE_USER, Capability.UPDATE_USER, Capability.DISABLE_USER,
        Capability.DELETE_USER, Capability.SET_PASSWORD, Capability.GROUP_MEMBERSHIP, Capability.WATCH),
        type.capabilities());
  }

  @Test
  void schemaDeclaresEveryPropertyWithTitleDescriptionAndSecretPassword() {
    JsonObject schema = type.settingsSchema();
    assertEquals("https://json-schema.org/draft/2020-12/schema", schema.getString("$schema"));
    assertEquals(false, schema.getValue("additionalProperties"));
    assertEquals(new JsonArray().add("urls").add("userBaseDn"), schema.getJsonArray("required"));
    JsonObject properties = schema.getJsonObject("properties");
    assertEquals(Set.of("urls", "security", "allowPlaintext", "trustedCertificate",
        "verifyHostname", "bindDn", "bindPassword", "userBaseDn", "userFilter", "userScope",
        "groupBaseDn", "groupFilter", "connectTimeoutSeconds", "pageSize", "changeDetection",
        "directoryType", "memberAttribute", "membership", "attributeMapping",
        "disabledAttribute", "disabledValue", "newUserContainer", "newUserObjectClasses",
        "rdnAttribute", "upnSuffix", "pollIntervalSeconds", "poolSize"),
        properties.fieldNames());
    for (String name : properties.fieldNames()) {
      assertTrue(properties.getJsonObject(name).containsKey("title"), name);
      assertTrue(properties.getJsonObject(name).containsKey("description"), name);
    }
    assertEquals(true, properties.getJsonObject("bindPassword").getValue("writeOnly"));
    assertEquals("ldaps", properties.getJsonObject("security").getString("default"));
  }

  @Test
  void typicalSettingsAreValid() {
    assertTrue(valid(minimal()));
    assertTrue(valid(minimal().put("bindDn", "cn=svc").put("bindPassword", "x")
        .put("pageSize", 1000).put("changeDetection", "dirsync")));
    assertTrue(valid(minimal().put("security", "starttls")
        .put("urls", new JsonArray().add("ldap://ldap.example.com:389"))));
    assertTrue(valid(minimal().put("security", "none").put("allowPlaintext", true)
        .put("urls", new JsonArray().add("ldap://127.0.0.1:10389"))));
  }

  @Test
  void schemaRefusesPlaintextWithoutAllowPlaintext() {
    JsonObject plain = minimal().put("security", "none")
        .put("urls", new JsonArray().add("ldap://127.0.0.1:10389"));
    assertFalse(valid(plain));
    assertFalse(valid(plain.copy().put("allowPlaintext", false)));
  }

  @Test
  void schemaRefusesMismatchedSchemesUnknownPropertiesAndOutOfRangeValues() {
    assertFalse(valid(minimal().put("urls", new JsonArray().add("ldap://dc1.example.com"))));
    assertFalse(valid(minimal().put("security", "starttls")));
    assertFalse(valid(minimal().put("urls", new JsonArray())));
    assertFalse(valid(minimal().put("password", "x")));
    assertFalse(valid(minimal().put("pageSize", 0)));
    assertFalse(valid(minimal().put("connectTimeoutSeconds", 121)));
    assertFalse(valid(minimal().put("changeDetection", "magic")));
    assertFalse(valid(new JsonObject().put("urls", new JsonArray().add("ldaps://h:636"))));
  }

  @Test
  void codeAppliesTheSchemaDefaults() {
    LdapSettings settings = LdapSettings.from(minimal());

    assertEquals(Security.LDAPS, settings.security());
    assertEquals("ldaps://dc1.example.com:636", settings.urls().get(0).url());
    assertTrue(settings.verifyHostname());
    assertEquals("(objectClass=person)", settings.userFilter().toString());
    assertEquals(SearchScope.SUB, settings.userScope());
    assertEquals("(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames))",
        settings.groupFilter().toString());
    assertEquals(DirectoryType.LDAP, settings.type());
    assertEquals("entryUUID", settings.mapping().stableId());
    assertEquals(10, settings.connectTimeoutSeconds());
    assertEquals(500, settings.pageSize());
    assertEquals(Optional.empty(), settings.forcedChangeDetection());
    assertEquals("anonymous", settings.bindIdentity());
  }

  @Test
  void activeDirectoryTypeGivesItsDefaultsAndOverridesWin() {
    LdapSettings settings = LdapSettings.from(minimal().put("directoryType", "active-directory")
        .put("userBaseDn", "CN=Users,DC=corp,DC=example,DC=com")
        .put("attributeMapping", new JsonObject().put("department", "physicalDeliveryOfficeName")));

    assertEquals("(&(objectCategory=person)(objectClass=user))",
        settings.userFilter().toString());
    assertEquals("(objectClass=group)", settings.groupFilter().toString());
    assertEquals("objectGUID", settings.mapping().stableId());
    assertEquals("sAMAccountName", settings.mapping().userName());
    assertEquals("physicalDeliveryOfficeName", settings.mapping().department());
    assertTrue(settings.accountStatus().isActiveDirectory());
    assertEquals("corp.example.com", settings.newUsers().upnSuffix());
    assertEquals("cn", settings.newUsers().rdnAttribute());
    assertEquals(DirectoryType.Membership.MEMBER_OF, settings.membership());
    assertTrue(valid(minimal().put("directoryType", "active-directory")
        .put("attributeMapping", new JsonObject().put("department", "physicalDeliveryOfficeName"))));
  }

  @Test
  void codeRefusesWhatTheSchemaRefuses() {
    assertMisconfigured(minimal().put("security", "none")
        .put("urls", new JsonArray().add("ldap://h:389")), "allowPlaintext");
    assertMisconfigured(minimal().put("urls", new JsonArray().add("ldap://h:389")),
        "is plain LDAP but security is 'ldaps'");
    assertMisconfigured(minimal().put("userBaseDn", "not a dn"), "'userBaseDn'");
    assertMisconfigured(minimal().put("bindDn", "cn=svc"), "'bindPassword' is required");
    assertMisconfigured(minimal().put("pageSize", 0), "'pageSize'");
    assertMisconfigured(minimal().put("directoryType", "novell"), "'directoryType'");
    assertMisconfigured(minimal().put("attributeMapping", new JsonObject().put("mail", "x")),
        "has no field 'mail'");
    assertMisconfigured(minimal().put("attributeMapping", new JsonObject()
        .put("email", "mail)(uid=*")), "'attributeMapping.email'");
    assertMisconfigured(minimal().put("disabledAttribute", "nsAccountLock"), "'disabledValue'");
  }

  @Test
  void settingsNeverShowThePassword() {
    LdapSettings settings = LdapSettings.from(minimal().put("bindDn", "cn=svc")
        .put("bindPassword", "Sup3r-Secret"));

    assertFalse(settings.toString().contains("Sup3r-Secret"));
  }

  private static void assertMisconfigured(JsonObject settings, String expected) {
    ConnectorException error =
        assertThrows(ConnectorException.class, () -> LdapSettings.from(settings));
    assertEquals(Reason.MISCONFIGURED, error.reason());
    assertTrue(error.getMessage().contains(expected), error.getMessage());
  }
}
