package io.slxconnect.hub.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a listing ordered by a unique key, with an opaque cursor for the next page.
 * Keyset paging costs the same on the thousandth page as on the first, unlike offsets.
 *
 * @param items the items of this page
 * @param next the cursor of the following page, or {@code null} on the last one
 * @param <T> the item type
 */
public record KeysetPage<T>(List<T> items, String next) {

  /**
   * Builds a page from rows fetched with a limit one higher than the page size: the extra row
   * only says that another page follows.
   *
   * @param rows the rows, at most {@code limit + 1}
   * @param limit the page size
   * @param key the ordering key of an item
   * @param <T> the item type
   * @return the page
   */
  public static <T> KeysetPage<T> of(List<T> rows, int limit, Function<T, String> key) {
    if (rows.size() <= limit) {
      return new KeysetPage<>(rows, null);
    }
    List<T> items = rows.subList(0, limit);
    return new KeysetPage<>(List.copyOf(items), encode(key.apply(items.get(limit - 1))));
  }

  /**
   * The key a cursor stands for.
   *
   * @param cursor a cursor from {@link #next()}, or {@code null}
   * @return the key, or {@code null} for the first page
   * @throws IllegalArgumentException when the cursor was not made here
   */
  public static String decode(String cursor) {
    if (cursor == null) {
      return null;
    }
    return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
  }

  private static String encode(String key) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }
}
