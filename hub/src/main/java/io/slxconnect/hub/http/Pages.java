package io.slxconnect.hub.http;

import io.slxconnect.hub.store.KeysetPage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/** Writes a keyset page as the API's {@code {items, next}}. */
public final class Pages {

  private Pages() {
  }

  /**
   * The page as the API shows it.
   *
   * @param page the page
   * @param item how one item is shown
   * @param <T> the item type
   * @return {@code {items, next}}
   */
  public static <T> JsonObject toJson(KeysetPage<T> page, Function<T, JsonObject> item) {
    return new JsonObject()
        .put("items", new JsonArray(page.items().stream().map(item).toList()))
        .put("next", page.next());
  }

  /**
   * A page of a listing newest first, read with one row more than the page size.
   *
   * @param rows the rows, each with a numeric {@code id}
   * @param limit the page size
   * @return {@code {items, next}}
   */
  public static JsonObject newestFirst(java.util.List<JsonObject> rows, int limit) {
    return toJson(KeysetPage.of(rows, limit, row -> String.valueOf(row.getLong("id"))),
        row -> row);
  }
}
