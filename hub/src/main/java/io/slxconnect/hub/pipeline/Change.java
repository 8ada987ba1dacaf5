package io.slxconnect.hub.pipeline;

import io.slxconnect.hub.store.UserData;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A change to the canonical store, before it is written to the change log and routed. */
public sealed interface Change {

  /**
   * A user created, changed or deleted.
   *
   * @param kind what happened
   * @param userId the user
   * @param before the state before, or {@code null} for a creation
   * @param after the state after, or {@code null} for a deletion
   */
  record UserChange(Kind kind, UUID userId, UserData before, UserData after) implements Change {

    /** What happened to the user. */
    public enum Kind { CREATED, UPDATED, DELETED }

    /**
     * @param userId the user
     * @param after its state
     * @return a creation
     */
    public static UserChange created(UUID userId, UserData after) {
      return new UserChange(Kind.CREATED, userId, null, after);
    }

    /**
     * @param userId the user
     * @param before its previous state
     * @param after its new state
     * @return an update
     */
    public static UserChange updated(UUID userId, UserData before, UserData after) {
      return new UserChange(Kind.UPDATED, userId, before, after);
    }

    /**
     * @param userId the user
     * @param before its last state
     * @return a deletion
     */
    public static UserChange deleted(UUID userId, UserData before) {
      return new UserChange(Kind.DELETED, userId, before, null);
    }

    /** @return the attributes whose values differ, {@code active} included */
    public List<String> changedFields() {
      List<String> changed = new ArrayList<>();
      if (before == null || after == null) {
        return changed;
      }
      compare(changed, "userName", before.userName(), after.userName());
      compare(changed, "displayName", before.displayName(), after.displayName());
      compare(changed, "givenName", before.givenName(), after.givenName());
      compare(changed, "familyName", before.familyName(), after.familyName());
      compare(changed, "emails", before.emails(), after.emails());
      compare(changed, "active", before.active(), after.active());
      compare(changed, "employeeNumber", before.employeeNumber(), after.employeeNumber());
      compare(changed, "department", before.department(), after.department());
      compare(changed, "managerId", before.managerId(), after.managerId());
      compare(changed, "attributes", before.attributes(), after.attributes());
      return changed;
    }

    /** @return whether anything besides the enabled state changed */
    public boolean attributesChanged() {
      return changedFields().stream().anyMatch(f -> !"active".equals(f));
    }

    /** @return whether the enabled state changed */
    public boolean activeChanged() {
      return before != null && after != null && before.active() != after.active();
    }

    /** @return the user name, for logs */
    public String userName() {
      return after != null ? after.userName() : before.userName();
    }

    private static void compare(List<String> changed, String name, Object a, Object b) {
      if (!Objects.equals(a, b)) {
        changed.add(name);
      }
    }
  }

  /**
   * A user added to or removed from a group.
   *
   * @param added {@code true} when added
   * @param groupId the group
   * @param groupName its name
   * @param userId the user
   * @param userName the user's name
   */
  record Membership(boolean added, UUID groupId, String groupName, UUID userId,
      String userName) implements Change {
  }

  /**
   * A group created, renamed or deleted.
   *
   * @param type {@code group.created}, {@code group.updated} or {@code group.deleted}
   * @param groupId the group
   * @param name its name
   * @param description its description
   */
  record GroupChange(String type, UUID groupId, String name, String description)
      implements Change {
  }

  /**
   * An account linked to a user, or unlinked.
   *
   * @param linked {@code true} when linked
   * @param userId the user
   * @param connectorId the connector of the account
   * @param externalId the account's stable id
   */
  record AccountLink(boolean linked, UUID userId, UUID connectorId, String externalId)
      implements Change {
  }
}
