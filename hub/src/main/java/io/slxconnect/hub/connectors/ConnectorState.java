package io.slxconnect.hub.connectors;

import java.time.Instant;

/**
 * Where a connector instance stands, as the API and health checks show it.
 *
 * @param state {@code running}, {@code degraded} (running, but its connection to the system is
 *     lost and it reconnects), {@code failing} or {@code stopped}
 * @param since when it entered that state
 * @param lastError what went wrong, for {@code failing} and {@code degraded}
 */
public record ConnectorState(String state, Instant since, String lastError) {

  static ConnectorState running() {
    return new ConnectorState("running", Instant.now(), null);
  }

  static ConnectorState stopped() {
    return new ConnectorState("stopped", Instant.now(), null);
  }

  static ConnectorState degraded(String reason, ConnectorState previous) {
    Instant since = previous != null && "degraded".equals(previous.state()) ? previous.since()
        : Instant.now();
    return new ConnectorState("degraded", since, reason);
  }

  static ConnectorState failing(String error, ConnectorState previous) {
    Instant since = previous != null && "failing".equals(previous.state()) ? previous.since()
        : Instant.now();
    return new ConnectorState("failing", since, error);
  }

  /** @return the state as the API shows it */
  public io.vertx.core.json.JsonObject toJson() {
    return new io.vertx.core.json.JsonObject().put("state", state)
        .put("since", since.toString()).put("lastError", lastError);
  }
}
