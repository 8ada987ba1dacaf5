package io.slxconnect.hub.bench;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** How the benchmarks report times: milliseconds with one decimal, summed up by percentiles. */
final class Timings {

  private Timings() {
  }

  /**
   * Median, 95th and 99th percentile and worst of some times.
   *
   * @param millis the times, in any order
   * @return {@code median}, {@code p95}, {@code p99} and {@code max}
   */
  static JsonObject summary(List<Double> millis) {
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    int n = sorted.size();
    return new JsonObject()
        .put("median", round(sorted.get(n / 2)))
        .put("p95", round(sorted.get((int) Math.ceil(n * 0.95) - 1)))
        .put("p99", round(sorted.get((int) Math.ceil(n * 0.99) - 1)))
        .put("max", round(sorted.get(n - 1)));
  }

  /**
   * Rounds to a tenth of a millisecond.
   *
   * @param ms the time
   * @return the rounded time
   */
  static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }
}
