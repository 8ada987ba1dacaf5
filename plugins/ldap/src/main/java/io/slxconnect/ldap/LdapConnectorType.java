package io.slxconnect.ldap;

import io.slxconnect.api.Capability;
import io.slxconnect.api.ConnectorContext;
import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.api.ConnectorType;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The Active Directory / LDAP connector type: any LDAPv3 directory, over LDAPS or StartTLS,
 * with change detection chosen from what the server offers.
 */
@Extension
public final class LdapConnectorType implements ConnectorType {

  /** The settings schema, next to this class in the plugin jar. */
  static final String SCHEMA_RESOURCE = "settings.schema.json";

  private static final JsonObject SCHEMA = loadSchema();

  /** Creates the type; PF4J calls this. */
  public LdapConnectorType() {
  }

  @Override
  public String id() {
    return "ldap";
  }

  @Override
  public String displayName() {
    return "Active Directory / LDAP";
  }

  @Override
  public String description() {
    return "Microsoft Active Directory and any LDAPv3 directory (OpenLDAP, 389 Directory "
        + "Server, ApacheDS, ...), over LDAPS or StartTLS.";
  }

  @Override
  public JsonObject settingsSchema() {
    return SCHEMA.copy();
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.IMPORT_USERS, Capability.IMPORT_GROUPS, Capability.CREATE_USER,
        Capability.UPDATE_USER, Capability.DISABLE_USER, Capability.DELETE_USER,
        Capability.SET_PASSWORD, Capability.GROUP_MEMBERSHIP, Capability.WATCH);
  }

  @Override
  public ConnectorInstance create(ConnectorContext context) {
    return new LdapConnectorInstance(context);
  }

  private static JsonObject loadSchema() {
    try (InputStream in = LdapConnectorType.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + SCHEMA_RESOURCE);
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
