package io.slxconnect.hub.pipeline;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What a batch of changes did to the store.
 *
 * @param created users and groups created
 * @param updated users and groups changed or newly linked
 * @param unchanged records that changed nothing
 * @param failed records that could not be applied
 * @param failures why, record by record
 */
public record IngestResult(int created, int updated, int unchanged, int failed,
    List<Failure> failures) {

  /**
   * A record that could not be applied.
   *
   * @param externalId its stable id in the connected system
   * @param name its user or group name, if known
   * @param reason why, in words
   */
  public record Failure(String externalId, String name, String reason) {

    /** @return the failure as the API shows it */
    public JsonObject toJson() {
      return new JsonObject().put("externalId", externalId).put("name", name)
          .put("reason", reason);
    }
  }

  /** Counts records while a batch is applied. */
  static final class Counter {
    int created;
    int updated;
    int unchanged;
    final List<Failure> failures = new ArrayList<>();

    void fail(String externalId, String name, String reason) {
      failures.add(new Failure(externalId, name, reason));
    }

    IngestResult result() {
      return new IngestResult(created, updated, unchanged, failures.size(),
          List.copyOf(failures));
    }
  }
}
