package io.slxconnect.hub.pipeline;

import io.slxconnect.hub.pipeline.Change.AccountLink;
import io.slxconnect.hub.pipeline.Change.GroupChange;
import io.slxconnect.hub.pipeline.Change.UserChange;
import io.slxconnect.hub.store.GroupRecord;
import io.slxconnect.hub.store.GroupStore;
import io.slxconnect.hub.store.LinkStore;
import io.slxconnect.hub.store.UserRecord;
import io.slxconnect.hub.store.UserStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies accounts and groups deleted in a source. A user whose only source deleted the
 * account has left: the user is deleted, which deprovisions it everywhere. A user that another
 * source still has only loses the link. Groups are treated the same way.
 */
final class DeletionIngest {

  private final SqlClient tx;
  private final UUID connectorId;
  private final IngestResult.Counter counter;
  private final LinkStore links;
  private final List<UUID> usersToDelete = new ArrayList<>();
  private final List<UUID> groupsToDelete = new ArrayList<>();
  private final List<String> accountsToUnlink = new ArrayList<>();
  private final List<String> groupsToUnlink = new ArrayList<>();

  DeletionIngest(SqlClient tx, UUID connectorId, IngestResult.Counter counter) {
    this.tx = tx;
    this.connectorId = connectorId;
    this.counter = counter;
    this.links = new LinkStore(tx);
  }

  /**
   * Works out what the deletions mean, without deleting yet: the changes must be recorded
   * (and routed, which reads the users' accounts) before {@link #execute()}.
   *
   * @param externalIds the stable ids of deleted objects
   * @return the changes to record
   */
  Future<List<Change>> prepare(List<String> externalIds) {
    if (externalIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return Future.all(links.usersByExternalId(connectorId, externalIds),
            links.groupsByExternalId(connectorId, externalIds))
        .compose(found -> {
          Map<String, UUID> users = found.resultAt(0);
          Map<String, UUID> groups = found.resultAt(1);
          counter.unchanged += (int) externalIds.stream()
              .filter(id -> !users.containsKey(id) && !groups.containsKey(id)).count();
          return Future.all(otherSources("account_links", "user_id", users.values()),
                  otherSources("group_links", "group_id", groups.values()),
                  new UserStore(tx).lockAll(users.values()),
                  new GroupStore(tx).findAll(groups.values()))
              .map(more -> {
                Set<UUID> keptUsers = more.resultAt(0);
                Set<UUID> keptGroups = more.resultAt(1);
                Map<UUID, UserRecord> records = more.resultAt(2);
                Map<UUID, GroupRecord> groupRecords = more.resultAt(3);
                List<Change> changes = new ArrayList<>();
                users.forEach((externalId, userId) -> {
                  counter.updated++;
                  if (keptUsers.contains(userId) || !records.containsKey(userId)) {
                    accountsToUnlink.add(externalId);
                    changes.add(new AccountLink(false, userId, connectorId, externalId));
                  } else {
                    usersToDelete.add(userId);
                    changes.add(UserChange.deleted(userId, records.get(userId).data()));
                  }
                });
                groups.forEach((externalId, groupId) -> {
                  counter.updated++;
                  if (keptGroups.contains(groupId) || !groupRecords.containsKey(groupId)) {
                    groupsToUnlink.add(externalId);
                  } else {
                    groupsToDelete.add(groupId);
                    GroupRecord group = groupRecords.get(groupId);
                    changes.add(new GroupChange("group.deleted", groupId, group.name(),
                        group.description()));
                  }
                });
                return changes;
              });
        });
  }

  /** @return completes when the users and groups are deleted or unlinked */
  Future<Void> execute() {
    Future<Void> chain = Future.succeededFuture();
    for (UUID user : usersToDelete) {
      chain = chain.compose(v -> new UserStore(tx).delete(user).mapEmpty());
    }
    for (UUID group : groupsToDelete) {
      chain = chain.compose(v -> new GroupStore(tx).delete(group).mapEmpty());
    }
    for (String account : accountsToUnlink) {
      chain = chain.compose(v -> links.unlinkAccount(connectorId, account).mapEmpty());
    }
    for (String group : groupsToUnlink) {
      chain = chain.compose(v -> links.unlinkGroup(connectorId, group).mapEmpty());
    }
    return chain;
  }

  /** The objects linked to another connector that is a source too. */
  private Future<Set<UUID>> otherSources(String table, String column, Iterable<UUID> ids) {
    List<UUID> list = new ArrayList<>();
    ids.forEach(list::add);
    if (list.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return tx.preparedQuery("SELECT l." + column + " FROM " + table + " l JOIN connectors c "
            + "ON c.id = l.connector_id WHERE l." + column + " = ANY($1) "
            + "AND l.connector_id <> $2 AND c.direction <> 'target'")
        .execute(Tuple.tuple().addArrayOfUUID(list.toArray(new UUID[0])).addUUID(connectorId))
        .map(rows -> {
          Set<UUID> kept = new HashSet<>();
          rows.forEach(r -> kept.add(r.getUUID(0)));
          return kept;
        });
  }
}
