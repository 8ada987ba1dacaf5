package io.slxconnect.hub.store;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

/**
 * One push to one target system, as queued in the outbox.
 *
 * @param id the task id; tasks of a user run in id order per connector
 * @param eventId the change that caused it, or {@code null}
 * @param connectorId the target
 * @param userId the user it is about, or {@code null}
 * @param groupId the group it is about, or {@code null}
 * @param subject the user (and group) name when queued, for the log
 * @param operation what to do
 * @param externalId the account's stable id there, when known
 * @param groupExternalId the group's stable id there, for membership tasks
 * @param status pending, retrying, succeeded, failed or skipped
 * @param attempts how often it was tried
 * @param nextAttemptAt when it runs next, while waiting
 * @param lastError the target's last reason for failing
 * @param createdAt when queued
 * @param finishedAt when it succeeded, failed for good, or was skipped
 */
public record ProvisioningTask(long id, Long eventId, UUID connectorId, UUID userId,
    UUID groupId, String subject, Operation operation, String externalId,
    String groupExternalId, String status, int attempts, OffsetDateTime nextAttemptAt,
    String lastError, OffsetDateTime createdAt, OffsetDateTime finishedAt) {

  /** What a task does in the target. */
  public enum Operation {
    CREATE, UPDATE, DISABLE, ENABLE, DELETE, PASSWORD, ADD_MEMBER, REMOVE_MEMBER;

    String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A task to queue.
   *
   * @param eventId the change that caused it, or {@code null}
   * @param connectorId the target
   * @param userId the user, or {@code null}
   * @param groupId the group, or {@code null}
   * @param subject names for the log
   * @param operation what to do
   * @param externalId the account's stable id there, when known
   * @param groupExternalId the group's stable id there, for membership tasks
   * @param status {@code pending}, or a final status for a push already made
   * @param error the reason of a failed push already made, or {@code null}
   */
  public record New(Long eventId, UUID connectorId, UUID userId, UUID groupId, String subject,
      Operation operation, String externalId, String groupExternalId, String status,
      String error) {

    /**
     * A task to run.
     *
     * @param eventId the change that caused it
     * @param connectorId the target
     * @param userId the user
     * @param groupId the group, or {@code null}
     * @param subject names for the log
     * @param operation what to do
     * @param externalId the account's stable id there, or {@code null}
     * @param groupExternalId the group's stable id there, or {@code null}
     * @return the task
     */
    public static New pending(Long eventId, UUID connectorId, UUID userId, UUID groupId,
        String subject, Operation operation, String externalId, String groupExternalId) {
      return new New(eventId, connectorId, userId, groupId, subject, operation, externalId,
          groupExternalId, "pending", null);
    }
  }

  static ProvisioningTask of(Row r) {
    return new ProvisioningTask(r.getLong("id"), r.getLong("event_id"), r.getUUID("connector_id"),
        r.getUUID("user_id"), r.getUUID("group_id"), r.getString("subject"),
        Operation.valueOf(r.getString("operation").toUpperCase(Locale.ROOT)),
        r.getString("external_id"), r.getString("group_external_id"), r.getString("status"),
        r.getInteger("attempts"), r.getOffsetDateTime("next_attempt_at"),
        r.getString("last_error"), r.getOffsetDateTime("created_at"),
        r.getOffsetDateTime("finished_at"));
  }

  /** @return the task as the API shows it */
  public JsonObject toJson() {
    boolean waiting = "pending".equals(status) || "retrying".equals(status);
    return new JsonObject()
        .put("id", id)
        .put("connectorId", connectorId.toString())
        .put("userId", userId == null ? null : userId.toString())
        .put("groupId", groupId == null ? null : groupId.toString())
        .put("subject", subject)
        .put("operation", operation.apiName())
        .put("status", status)
        .put("attempts", attempts)
        .put("lastError", lastError)
        .put("nextAttemptAt", waiting ? nextAttemptAt.toInstant().toString() : null)
        .put("createdAt", createdAt.toInstant().toString())
        .put("finishedAt", finishedAt == null ? null : finishedAt.toInstant().toString());
  }
}
