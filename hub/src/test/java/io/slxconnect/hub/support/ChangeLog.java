package io.slxconnect.hub.support;

import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;

/** Reads a hub's change log through its API, every page. */
public final class ChangeLog {

  private ChangeLog() {
  }

  /**
   * The ids of the hub's events, as CloudEvents carry them.
   *
   * @param admin a logged-in client
   * @param type only events of this type, or {@code null} for all
   * @return the ids
   */
  public static Set<String> eventIds(ApiClient admin, String type) {
    Set<String> ids = new HashSet<>();
    String cursor = null;
    do {
      JsonObject page = admin.get("/api/v1/events?limit=200"
          + (type == null ? "" : "&type=" + type)
          + (cursor == null ? "" : "&cursor=" + cursor)).json();
      page.getJsonArray("items").forEach(e -> ids.add(String.valueOf(
          ((JsonObject) e).getLong("id"))));
      cursor = page.getString("next");
    } while (cursor != null);
    return ids;
  }
}
