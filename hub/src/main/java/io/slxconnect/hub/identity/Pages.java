package io.slxconnect.hub.identity;

import io.slxconnect.hub.store.KeysetPage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/** Writes a keyset page as the API's {@code {items, next}}. */
final class Pages {

  private Pages() {
  }

  static <T> JsonObject toJson(KeysetPage<T> page, Function<T, JsonObject> item) {
    return new JsonObject()
        .put("items", new JsonArray(page.items().stream().map(item).toList()))
        .put("next", page.next());
  }
}
