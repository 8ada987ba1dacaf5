package io.slxconnect.api;

import java.util.List;

/**
 * One page of a streamed read.
 *
 * @param items the items of this page, in the system's order
 * @param next the cursor of the following page, or {@code null} when this is the last one
 * @param <T> the item type
 */
public record Page<T>(List<T> items, String next) {

  /**
   * Creates a page; copies the items.
   *
   * @param items the items
   * @param next the next cursor, or {@code null}
   */
  public Page {
    items = List.copyOf(items);
  }

  /**
   * Whether another page follows.
   *
   * @return {@code true} when {@link #next()} is set
   */
  public boolean hasNext() {
    return next != null;
  }
}
