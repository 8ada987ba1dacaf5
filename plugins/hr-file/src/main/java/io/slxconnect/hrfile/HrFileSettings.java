package io.slxconnect.hrfile;

import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.vertx.core.json.JsonObject;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The settings of one HR file connector, checked once, when the instance is created. The hub
 * has validated them against the schema already; this checks what a schema cannot.
 *
 * @param path the CSV file, absolute
 * @param zone where start and end dates are counted
 * @param pageSize rows per page of an import
 * @param pollInterval how often the watch looks at the file
 */
record HrFileSettings(Path path, ZoneId zone, int pageSize, Duration pollInterval) {

  /**
   * Reads the settings the hub hands the instance (defaults filled in).
   *
   * @param json the settings
   * @return the settings
   * @throws ConnectorException with {@link Reason#MISCONFIGURED} and the setting to fix
   */
  static HrFileSettings from(JsonObject json) {
    String file = json.getString("path", "");
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      throw new ConnectorException(Reason.MISCONFIGURED, "path '" + file + "' is not a valid "
          + "file path: " + e.getReason(), e);
    }
    if (!path.isAbsolute()) {
      throw new ConnectorException(Reason.MISCONFIGURED, "path '" + file + "' must be "
          + "absolute, such as /srv/hr/employees.csv: a relative path would depend on where "
          + "the hub was started");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(json.getString("timeZone", "UTC"));
    } catch (DateTimeException e) {
      throw new ConnectorException(Reason.MISCONFIGURED, "timeZone '"
          + json.getString("timeZone") + "' is not a time zone; use a name such as "
          + "Europe/Berlin or UTC", e);
    }
    return new HrFileSettings(path, zone, json.getInteger("pageSize", 500),
        Duration.ofMillis(json.getLong("pollIntervalMillis", 5000L)));
  }
}
