package io.slxconnect.hub.pipeline;

import io.slxconnect.api.Capability;
import io.slxconnect.hub.pipeline.Change.Membership;
import io.slxconnect.hub.pipeline.Change.UserChange;
import io.slxconnect.hub.pipeline.Targets.Target;
import io.slxconnect.hub.store.ConnectorPolicy.TargetOperation;
import io.slxconnect.hub.store.ProvisioningTask.New;
import io.slxconnect.hub.store.ProvisioningTask.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Decides which target systems must hear of a change, and how: a new active user is created
 * where connectors receive new users; a changed user is updated, disabled or enabled where it
 * has an account; a deleted user is deleted there, or disabled where deletes are not taken;
 * memberships follow where both the user and the group are linked. The system a change came
 * from never gets it back.
 */
final class Router {

  private final Targets targets;

  Router(Targets targets) {
    this.targets = targets;
  }

  /** @return whether any connector receives changes at all */
  boolean hasReceivers() {
    return !targets.receivers().isEmpty();
  }

  /**
   * The tasks for a user change.
   *
   * @param change the change
   * @param eventId the change event it is recorded as
   * @param source the connector it came from, or {@code null}
   * @param accounts the user's accounts: external id by connector
   * @param creating the connectors where the user's account is still being created; changes
   *     there queue behind the create and learn the account's id when they run
   * @return the tasks, possibly none
   */
  List<New> route(UserChange change, long eventId, UUID source, Map<UUID, String> accounts,
      Set<UUID> creating) {
    List<New> tasks = new ArrayList<>();
    for (Target t : targets.receivers()) {
      if (t.id().equals(source)) {
        continue;
      }
      String account = accounts.get(t.id());
      boolean hasAccount = account != null || creating.contains(t.id());
      switch (change.kind()) {
        case CREATED -> {
          if (!hasAccount && change.after().active()
              && t.takes(TargetOperation.CREATE, Capability.CREATE_USER)) {
            tasks.add(task(eventId, t, change, Operation.CREATE, null));
          }
        }
        case UPDATED -> {
          if (!hasAccount) {
            continue;
          }
          if (change.attributesChanged()
              && t.takes(TargetOperation.UPDATE, Capability.UPDATE_USER)) {
            tasks.add(task(eventId, t, change, Operation.UPDATE, account));
          }
          if (change.activeChanged()
              && t.takes(TargetOperation.DISABLE, Capability.DISABLE_USER)) {
            tasks.add(task(eventId, t, change,
                change.after().active() ? Operation.ENABLE : Operation.DISABLE, account));
          }
        }
        case DELETED -> {
          if (!hasAccount) {
            continue;
          }
          if (t.takes(TargetOperation.DELETE, Capability.DELETE_USER)) {
            tasks.add(task(eventId, t, change, Operation.DELETE, account));
          } else if (change.before().active()
              && t.takes(TargetOperation.DISABLE, Capability.DISABLE_USER)) {
            tasks.add(task(eventId, t, change, Operation.DISABLE, account));
          }
        }
        default -> throw new IllegalStateException(change.kind().toString());
      }
    }
    return tasks;
  }

  /**
   * The tasks for a membership change.
   *
   * @param change the change
   * @param eventId the change event it is recorded as
   * @param source the connector it came from, or {@code null}
   * @param accounts the user's accounts: external id by connector
   * @param groupLinks the group's groups: external id by connector
   * @return the tasks, possibly none
   */
  List<New> route(Membership change, long eventId, UUID source, Map<UUID, String> accounts,
      Map<UUID, String> groupLinks) {
    List<New> tasks = new ArrayList<>();
    for (Target t : targets.receivers()) {
      String account = accounts.get(t.id());
      String group = groupLinks.get(t.id());
      if (!t.id().equals(source) && account != null && group != null
          && t.takes(TargetOperation.GROUPS, Capability.GROUP_MEMBERSHIP)) {
        tasks.add(New.pending(eventId, t.id(), change.userId(), change.groupId(),
            change.userName() + " in " + change.groupName(),
            change.added() ? Operation.ADD_MEMBER : Operation.REMOVE_MEMBER, account, group));
      }
    }
    return tasks;
  }

  private static New task(long eventId, Target t, UserChange change, Operation operation,
      String account) {
    return New.pending(eventId, t.id(), change.userId(), null,
        Objects.requireNonNull(change.userName()), operation, account, null);
  }
}
