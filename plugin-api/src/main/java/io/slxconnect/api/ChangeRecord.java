package io.slxconnect.api;

import java.util.Objects;

/**
 * One change seen in a connected system.
 *
 * <p>A record for an {@link Operation#UPSERT} carries the object's full current state, so that
 * the hub can tell what changed by comparing; connectors whose source only sends the changed
 * attributes re-read the object first. A {@link Operation#DELETE} carries only the stable id.
 *
 * @param operation what happened
 * @param externalId the stable id of the object
 * @param user the user's current state, for an upsert of a user; otherwise {@code null}
 * @param group the group's current state, for an upsert of a group; otherwise {@code null}
 */
public record ChangeRecord(
    Operation operation, String externalId, ExternalUser user, ExternalGroup group) {

  /** What happened to the object. */
  public enum Operation {
    /** The object was created or changed; the record carries its full state. */
    UPSERT,
    /** The object is gone. */
    DELETE
  }

  /**
   * Creates a record.
   *
   * @param operation what happened
   * @param externalId the stable id
   * @param user the user state, or {@code null}
   * @param group the group state, or {@code null}
   */
  public ChangeRecord {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(externalId, "externalId");
    if (user != null && group != null) {
      throw new IllegalArgumentException("A change is about a user or a group, not both");
    }
    if (operation == Operation.UPSERT && user == null && group == null) {
      throw new IllegalArgumentException("An upsert carries the object's state");
    }
  }

  /**
   * A user created or changed.
   *
   * @param user the user's full current state, with its stable id
   * @return the record
   */
  public static ChangeRecord userUpserted(ExternalUser user) {
    return new ChangeRecord(Operation.UPSERT, user.externalId(), user, null);
  }

  /**
   * A group created or changed.
   *
   * @param group the group's full current state, with its stable id
   * @return the record
   */
  public static ChangeRecord groupUpserted(ExternalGroup group) {
    return new ChangeRecord(Operation.UPSERT, group.externalId(), null, group);
  }

  /**
   * An object deleted; whether it was a user or a group the hub knows from the id.
   *
   * @param externalId the stable id of the deleted object
   * @return the record
   */
  public static ChangeRecord deleted(String externalId) {
    return new ChangeRecord(Operation.DELETE, externalId, null, null);
  }
}
