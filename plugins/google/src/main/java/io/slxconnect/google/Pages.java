package io.slxconnect.google;

import io.slxconnect.api.Page;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Walks through every page of a paged read, one page at a time. */
final class Pages {

  private Pages() {
  }

  /**
   * Reads page after page, handing each to a consumer before reading the next.
   *
   * @param read reads the page at a cursor ({@code null} for the first)
   * @param each handles one page
   * @param <T> the item type
   * @return completes after the last page was handled
   */
  static <T> Future<Void> forEach(Function<String, Future<Page<T>>> read,
      Function<Page<T>, Future<Void>> each) {
    return from(null, read, each);
  }

  /**
   * Reads every item of every page.
   *
   * @param read reads the page at a cursor
   * @param <T> the item type
   * @return all items
   */
  static <T> Future<List<T>> all(Function<String, Future<Page<T>>> read) {
    List<T> items = new ArrayList<>();
    return forEach(read, page -> {
      items.addAll(page.items());
      return Future.succeededFuture();
    }).map(items);
  }

  private static <T> Future<Void> from(String cursor, Function<String, Future<Page<T>>> read,
      Function<Page<T>, Future<Void>> each) {
    return read.apply(cursor).compose(page -> each.apply(page)
        .compose(v -> page.hasNext() ? from(page.next(), read, each) : Future.succeededFuture()));
  }
}
