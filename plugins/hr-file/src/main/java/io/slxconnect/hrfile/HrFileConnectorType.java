package io.slxconnect.hrfile;

import io.slxconnect.api.Capability;
import io.slxconnect.api.ConnectorContext;
import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.api.ConnectorType;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The HR file connector type: people from a CSV file that HR maintains. Hires, transfers and
 * leavers in the file become creates, updates and disables in the hub.
 *
 * <p>PF4J finds this class through {@code @Extension} (the annotation processor lists it in
 * {@code META-INF/extensions.idx}) and creates it with the public no-argument constructor.
 */
@Extension
public final class HrFileConnectorType implements ConnectorType {

  private static final JsonObject SCHEMA = new JsonObject("""
      {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "additionalProperties": false,
        "required": ["path"],
        "properties": {
          "path": {
            "title": "CSV file",
            "description": "Absolute path of the file HR maintains, as the hub sees it.",
            "type": "string",
            "minLength": 1
          },
          "timeZone": {
            "title": "Time zone",
            "description": "Where start and end dates are counted, such as Europe/Berlin.",
            "type": "string",
            "default": "UTC"
          },
          "pageSize": {
            "title": "Page size",
            "description": "Rows per page of an import.",
            "type": "integer",
            "minimum": 1,
            "maximum": 5000,
            "default": 500
          },
          "pollIntervalMillis": {
            "title": "Check for changes every (milliseconds)",
            "type": "integer",
            "minimum": 100,
            "maximum": 3600000,
            "default": 5000
          }
        }
      }
      """);

  /** Creates the type; PF4J calls this. */
  public HrFileConnectorType() {
  }

  @Override
  public String id() {
    return "hr-file"; // stored with every connector: never change it
  }

  @Override
  public String displayName() {
    return "HR file (CSV)";
  }

  @Override
  public String description() {
    return "People from a CSV file that HR maintains: hires, transfers and leavers become "
        + "creates, updates and disables.";
  }

  @Override
  public JsonObject settingsSchema() {
    return SCHEMA.copy();
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.IMPORT_USERS, Capability.WATCH);
  }

  @Override
  public ConnectorInstance create(ConnectorContext context) {
    return new HrFileConnector(context, Clock.systemUTC());
  }
}
