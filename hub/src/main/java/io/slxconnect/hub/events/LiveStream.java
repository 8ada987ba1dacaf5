package io.slxconnect.hub.events;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One reader's server-sent-events stream. A reconnecting reader first gets the events it
 * missed; live events that arrive meanwhile wait, and those already sent as missed are not sent
 * twice. A reader that cannot keep up is cut off: it reconnects and catches up.
 */
final class LiveStream {

  private final HttpServerResponse response;
  private final List<JsonObject> waiting = new ArrayList<>();
  private final Set<String> sentAsMissed = new HashSet<>();
  private boolean catchingUp;

  /**
   * Creates the stream.
   *
   * @param response the open response
   * @param catchingUp whether missed events are on their way
   */
  LiveStream(HttpServerResponse response, boolean catchingUp) {
    this.response = response;
    this.catchingUp = catchingUp;
  }

  /**
   * A live event.
   *
   * @param event the CloudEvent
   */
  void live(JsonObject event) {
    if (catchingUp) {
      waiting.add(event);
    } else if (!sentAsMissed.contains(event.getString("id"))) {
      write(event);
    }
  }

  /**
   * The missed events, oldest first; then the live ones that waited.
   *
   * @param missed the CloudEvents
   */
  void caughtUp(List<JsonObject> missed) {
    missed.forEach(event -> {
      sentAsMissed.add(event.getString("id"));
      write(event);
    });
    catchingUp = false;
    waiting.forEach(this::live);
    waiting.clear();
  }

  private void write(JsonObject event) {
    if (response.closed()) {
      return;
    }
    if (response.writeQueueFull()) {
      response.reset();
      return;
    }
    response.write("id: " + event.getString("id") + "\nevent: " + event.getString("type")
        + "\ndata: " + event.encode() + "\n\n");
  }
}
