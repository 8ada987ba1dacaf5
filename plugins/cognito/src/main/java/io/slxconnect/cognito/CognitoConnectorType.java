package io.slxconnect.cognito;

import io.slxconnect.api.Capability;
import io.slxconnect.api.ConnectorContext;
import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.api.ConnectorType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The AWS Cognito user pools connector type: users and groups of one user pool, read, written and
 * watched through the Cognito Identity Provider API.
 */
@Extension
public final class CognitoConnectorType implements ConnectorType {

  /** The settings schema, next to this class in the plugin jar. */
  static final String SCHEMA_RESOURCE = "settings.schema.json";

  private static final JsonObject SCHEMA = loadSchema();

  /** Creates the type; PF4J calls this. */
  public CognitoConnectorType() {
  }

  @Override
  public String id() {
    return "cognito";
  }

  @Override
  public String displayName() {
    return "AWS Cognito user pool";
  }

  @Override
  public String description() {
    return "The users and groups of an Amazon Cognito user pool, with changes found by polling.";
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
    return new CognitoConnectorInstance(context);
  }

  /** Reads the schema once, from the resource next to this class. */
  private static JsonObject loadSchema() {
    try (InputStream in = Objects.requireNonNull(
        CognitoConnectorType.class.getResourceAsStream(SCHEMA_RESOURCE), SCHEMA_RESOURCE)) {
      return new JsonObject(Buffer.buffer(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + SCHEMA_RESOURCE, e);
    }
  }
}
