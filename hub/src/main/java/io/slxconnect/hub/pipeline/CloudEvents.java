package io.slxconnect.hub.pipeline;

import io.vertx.core.json.JsonObject;

/**
 * A change event as a CloudEvents 1.0 JSON document: the form subscribers receive and the
 * events API offers with {@code format=cloudevents}. {@code id} is the event's number in the
 * change log, unique for the hub; {@code source} is the connector the change came from
 * ({@code /connectors/<id>}) or {@code /admin} for a change an admin made; {@code subject} is
 * the user or group ({@code users/<id>}, {@code groups/<id>}); {@code data} is the object as the
 * hub saw it after the change, with what changed. The admin who made a change is the extension
 * attribute {@code actor}. Passwords never appear: the change log holds none.
 */
public final class CloudEvents {

  /** The CloudEvents version. */
  public static final String SPEC_VERSION = "1.0";

  private CloudEvents() {
  }

  /**
   * Converts an event of the change log.
   *
   * @param event the event as the events API lists it
   * @return the CloudEvent
   */
  public static JsonObject of(JsonObject event) {
    String connector = event.getString("connectorId");
    JsonObject cloudEvent = new JsonObject()
        .put("specversion", SPEC_VERSION)
        .put("id", String.valueOf(event.getLong("id")))
        .put("source", source(connector))
        .put("type", event.getString("type"))
        .put("time", event.getString("at"))
        .put("datacontenttype", "application/json")
        .put("data", event.getJsonObject("data"));
    String subject = subject(event);
    if (subject != null) {
      cloudEvent.put("subject", subject);
    }
    if (event.getString("actor") != null) {
      cloudEvent.put("actor", event.getString("actor"));
    }
    return cloudEvent;
  }

  /**
   * The {@code source} of a change.
   *
   * @param connectorId the connector it came from, or {@code null} when an admin made it
   * @return {@code /connectors/<id>} or {@code /admin}
   */
  public static String source(String connectorId) {
    return connectorId != null ? "/connectors/" + connectorId : "/admin";
  }

  private static String subject(JsonObject event) {
    if (event.getString("userId") != null) {
      return "users/" + event.getString("userId");
    }
    return event.getString("groupId") != null ? "groups/" + event.getString("groupId") : null;
  }
}
