package io.slxconnect.hub.pipeline;

import io.slxconnect.hub.pipeline.Change.AccountLink;
import io.slxconnect.hub.pipeline.Change.GroupChange;
import io.slxconnect.hub.pipeline.Change.Membership;
import io.slxconnect.hub.pipeline.Change.UserChange;
import io.slxconnect.hub.store.ChangeEventStore;
import io.slxconnect.hub.store.ChangeEventStore.NewEvent;
import io.slxconnect.hub.store.LinkStore;
import io.slxconnect.hub.store.ProvisioningTask;
import io.slxconnect.hub.store.ProvisioningTaskStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes changes to the append-only change log and queues the provisioning tasks they cause,
 * inside the caller's transaction, so that state, log and outbox commit together. A user's
 * deletion must be recorded before the user's row is deleted: routing reads its accounts.
 */
public final class ChangeRecorder {

  private final Router router;

  /**
   * Creates the recorder.
   *
   * @param targets the connectors' policies
   */
  public ChangeRecorder(Targets targets) {
    this.router = new Router(targets);
  }

  /**
   * Records changes in the order given.
   *
   * @param tx the transaction
   * @param changes the changes
   * @param source the connector they came from, or {@code null} when an admin made them
   * @param actor the admin, or {@code null}
   * @return how many provisioning tasks were queued
   */
  public Future<Integer> record(SqlClient tx, List<? extends Change> changes, UUID source,
      String actor) {
    if (changes.isEmpty()) {
      return Future.succeededFuture(0);
    }
    List<NewEvent> events = new ArrayList<>();
    int[] firstEvent = new int[changes.size()];
    for (int i = 0; i < changes.size(); i++) {
      firstEvent[i] = events.size();
      events.addAll(events(changes.get(i), source, actor));
    }
    return new ChangeEventStore(tx).append(events).compose(ids -> {
      if (!router.hasReceivers()) {
        return Future.succeededFuture(0);
      }
      Set<UUID> users = new HashSet<>();
      Set<UUID> groups = new HashSet<>();
      for (Change c : changes) {
        if (c instanceof UserChange u) {
          users.add(u.userId());
        } else if (c instanceof Membership m) {
          users.add(m.userId());
          groups.add(m.groupId());
        }
      }
      LinkStore links = new LinkStore(tx);
      ProvisioningTaskStore outbox = new ProvisioningTaskStore(tx);
      return Future.all(links.accountsOf(users), links.groupsOf(groups),
          outbox.openCreates(users)).compose(found -> {
        Map<UUID, Map<UUID, String>> accounts = found.resultAt(0);
        Map<UUID, Map<UUID, String>> groupLinks = found.resultAt(1);
        Map<UUID, Set<UUID>> creating = found.resultAt(2);
        List<ProvisioningTask.New> tasks = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
          long eventId = ids.get(firstEvent[i]);
          if (changes.get(i) instanceof UserChange u) {
            tasks.addAll(router.route(u, eventId, source,
                accounts.getOrDefault(u.userId(), Map.of()),
                creating.getOrDefault(u.userId(), Set.of())));
          } else if (changes.get(i) instanceof Membership m) {
            tasks.addAll(router.route(m, eventId, source,
                accounts.getOrDefault(m.userId(), Map.of()),
                groupLinks.getOrDefault(m.groupId(), Map.of())));
          }
        }
        return outbox.insert(tasks).map(tasks.size());
      });
    });
  }

  private static List<NewEvent> events(Change change, UUID source, String actor) {
    if (change instanceof UserChange u) {
      return switch (u.kind()) {
        case CREATED -> List.of(userEvent("user.created", u, source, actor,
            u.after().toJson(u.userId()), null));
        case DELETED -> List.of(userEvent("user.deleted", u, source, actor,
            u.before().toJson(u.userId()), null));
        case UPDATED -> {
          List<NewEvent> events = new ArrayList<>();
          JsonObject after = u.after().toJson(u.userId());
          if (u.activeChanged()) {
            events.add(userEvent(u.after().active() ? "user.enabled" : "user.disabled", u,
                source, actor, after, null));
          }
          if (u.attributesChanged()) {
            events.add(userEvent("user.updated", u, source, actor, after,
                new JsonArray(u.changedFields().stream().filter(f -> !"active".equals(f))
                    .toList())));
          }
          yield events;
        }
      };
    }
    if (change instanceof Membership m) {
      return List.of(new NewEvent(m.added() ? "group.member_added" : "group.member_removed",
          m.userId(), m.groupId(), source, actor, new JsonObject()
              .put("group", new JsonObject().put("id", m.groupId().toString())
                  .put("name", m.groupName()))
              .put("user", new JsonObject().put("id", m.userId().toString())
                  .put("userName", m.userName()))));
    }
    if (change instanceof GroupChange g) {
      return List.of(new NewEvent(g.type(), null, g.groupId(), source, actor, new JsonObject()
          .put("group", new JsonObject().put("id", g.groupId().toString())
              .put("name", g.name()).put("description", g.description()))));
    }
    AccountLink l = (AccountLink) change;
    return List.of(new NewEvent(l.linked() ? "account.linked" : "account.unlinked", l.userId(),
        null, l.connectorId(), actor, new JsonObject()
            .put("connectorId", l.connectorId().toString())
            .put("externalId", l.externalId())));
  }

  private static NewEvent userEvent(String type, UserChange u, UUID source, String actor,
      JsonObject user, JsonArray changed) {
    JsonObject data = new JsonObject().put("user", user);
    if (changed != null) {
      data.put("changed", changed);
    }
    return new NewEvent(type, u.userId(), null, source, actor, data);
  }
}
