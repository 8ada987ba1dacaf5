package io.slxconnect.google;

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
 * The Google Workspace connector type: users, groups and members through the Admin SDK
 * Directory API, as a service account acting for an admin; user changes pushed by
 * {@code users.watch} channels, groups polled.
 */
@Extension
public final class GoogleConnectorType implements ConnectorType {

  private static final String SCHEMA_RESOURCE = "settings.schema.json";
  private static final JsonObject SCHEMA = loadSchema();

  /** Creates the type; PF4J calls this. */
  public GoogleConnectorType() {
  }

  @Override
  public String id() {
    return "google";
  }

  @Override
  public String displayName() {
    return "Google Workspace";
  }

  @Override
  public String description() {
    return "Google Workspace users, groups and members (Admin SDK Directory API), with a "
        + "service account and domain-wide delegation; user changes pushed as they happen.";
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
    return new GoogleConnectorInstance(context);
  }

  private static JsonObject loadSchema() {
    try (InputStream in = GoogleConnectorType.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + SCHEMA_RESOURCE);
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
