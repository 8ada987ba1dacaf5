package io.slxconnect.hub.pipeline;

import io.slxconnect.api.ExternalUser;
import io.slxconnect.hub.pipeline.Change.AccountLink;
import io.slxconnect.hub.pipeline.Change.UserChange;
import io.slxconnect.hub.store.ConnectorPolicy.Correlation;
import io.slxconnect.hub.store.LinkStore;
import io.slxconnect.hub.store.UserData;
import io.slxconnect.hub.store.UserRecord;
import io.slxconnect.hub.store.UserStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a batch of accounts from one connector to the canonical users, inside the batch's
 * transaction, with a fixed number of statements per batch whatever its size: each account is
 * matched by its link, else by the connector's correlation attribute, then created, changed or
 * left alone.
 */
final class UserIngest {

  private final SqlClient tx;
  private final UUID connectorId;
  private final Correlation correlation;
  private final IngestResult.Counter counter;
  private final UserStore users;
  private final LinkStore links;

  private final List<Map.Entry<UUID, UserData>> inserts = new ArrayList<>();
  private final List<String> insertAccounts = new ArrayList<>();
  private final Map<UUID, UserChange> updates = new LinkedHashMap<>();
  private final Map<UUID, String> updateAccounts = new HashMap<>();
  private final Map<UUID, String> newLinks = new LinkedHashMap<>();

  UserIngest(SqlClient tx, UUID connectorId, Correlation correlation,
      IngestResult.Counter counter) {
    this.tx = tx;
    this.connectorId = connectorId;
    this.correlation = correlation;
    this.counter = counter;
    this.users = new UserStore(tx);
    this.links = new LinkStore(tx);
  }

  /**
   * Applies the accounts; one account id appearing twice counts once, with its last state.
   *
   * @param batch the accounts, in the order they were reported
   * @return the changes made, to be recorded and routed
   */
  Future<List<Change>> apply(List<ExternalUser> batch) {
    Map<String, ExternalUser> accounts = new LinkedHashMap<>();
    for (ExternalUser account : batch) {
      if (account.externalId() == null || account.userName().isBlank()) {
        counter.fail(account.externalId(), account.userName(),
            "The account has no stable id or no user name");
        continue;
      }
      accounts.remove(account.externalId());
      accounts.put(account.externalId(), account);
    }
    Set<String> referenced = new HashSet<>(accounts.keySet());
    accounts.values().stream().map(ExternalUser::managerExternalId)
        .filter(m -> m != null).forEach(referenced::add);
    return links.usersByExternalId(connectorId, referenced)
        .compose(linked -> correlate(accounts, linked)
            .compose(matches -> users.lockAll(ids(linked, matches))
                .compose(current -> stillUnlinked(matches)
                    .compose(free -> decide(accounts, linked, free, current)))));
  }

  /** Users that unlinked accounts match, left out when already linked to another account. */
  private Future<Map<String, UUID>> correlate(Map<String, ExternalUser> accounts,
      Map<String, UUID> linked) {
    Map<String, String> keyOf = new HashMap<>();
    for (ExternalUser account : accounts.values()) {
      if (!linked.containsKey(account.externalId())) {
        String key = UserStore.correlationKey(correlation, UserMerge.create(account, null));
        if (key != null) {
          keyOf.put(account.externalId(), key);
        }
      }
    }
    if (keyOf.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return users.correlate(correlation, new HashSet<>(keyOf.values()))
        .compose(byKey -> links.accountsOf(byKey.values()).map(accountsOfUsers -> {
          Map<String, UUID> matches = new HashMap<>();
          keyOf.forEach((externalId, key) -> {
            UUID user = byKey.get(key);
            if (user != null) {
              String other = accountsOfUsers.getOrDefault(user, Map.of()).get(connectorId);
              matches.put(externalId, other == null ? user : null);
            }
          });
          return matches;
        }));
  }

  /**
   * The matches whose user is still free once locked: a concurrent batch of this connector
   * (another import page) may have linked it to another account meanwhile.
   */
  private Future<Map<String, UUID>> stillUnlinked(Map<String, UUID> matches) {
    Set<UUID> matched = new HashSet<>();
    matches.values().stream().filter(id -> id != null).forEach(matched::add);
    if (matched.isEmpty()) {
      return Future.succeededFuture(matches);
    }
    return links.accountsOf(matched).map(accountsOfUsers -> {
      Map<String, UUID> free = new HashMap<>();
      matches.forEach((account, user) -> free.put(account, user == null
          || accountsOfUsers.getOrDefault(user, Map.of()).containsKey(connectorId) ? null
          : user));
      return free;
    });
  }

  private Future<List<Change>> decide(Map<String, ExternalUser> accounts,
      Map<String, UUID> linked, Map<String, UUID> matches, Map<UUID, UserRecord> current) {
    Map<UUID, UserData> state = new HashMap<>();
    current.forEach((id, record) -> state.put(id, record.data()));
    for (ExternalUser account : accounts.values()) {
      UUID manager = account.managerExternalId() == null ? null
          : linked.get(account.managerExternalId());
      UUID userId = linked.get(account.externalId());
      if (userId == null && matches.containsKey(account.externalId())) {
        userId = matches.get(account.externalId());
        if (userId == null || newLinks.containsKey(userId)) {
          counter.fail(account.externalId(), account.userName(), "It matches a user by "
              + correlation.name().toLowerCase(Locale.ROOT).replace('_', ' ')
              + " who is already linked to another account in this system");
          continue;
        }
        newLinks.put(userId, account.externalId());
      }
      if (userId == null || !state.containsKey(userId)) {
        UUID id = UUID.randomUUID();
        inserts.add(Map.entry(id, UserMerge.create(account, manager)));
        insertAccounts.add(account.externalId());
        continue;
      }
      UserData before = state.get(userId);
      UserData after = UserMerge.merge(before, account, manager);
      if (after.equals(before)) {
        if (newLinks.containsKey(userId)) {
          counter.updated++;
        } else {
          counter.unchanged++;
        }
        continue;
      }
      state.put(userId, after);
      UserChange previous = updates.get(userId);
      updates.put(userId, UserChange.updated(userId,
          previous == null ? before : previous.before(), after));
      updateAccounts.put(userId, account.externalId());
    }
    return rejectTakenNames().compose(v -> write());
  }

  /** A rename to a name another user holds would fail the whole batch: refuse it alone. */
  private Future<Void> rejectTakenNames() {
    Map<String, UUID> renamed = new HashMap<>();
    List<UserChange> sameNewName = new ArrayList<>();
    updates.values().stream().filter(u -> u.changedFields().contains("userName"))
        .forEach(u -> {
          if (renamed.putIfAbsent(u.after().userName().toLowerCase(Locale.ROOT), u.userId())
              != null) {
            sameNewName.add(u);
          }
        });
    sameNewName.forEach(u -> refuse(u.userId(), "Another account in the same batch was renamed "
        + "to this user name"));
    return users.namesTaken(renamed.keySet(), renamed.values()).map(taken -> {
      taken.forEach(name -> refuse(renamed.get(name), "The new user name is taken by another "
          + "user"));
      return null;
    });
  }

  private void refuse(UUID userId, String reason) {
    UserChange refused = updates.remove(userId);
    counter.fail(updateAccounts.get(userId), refused.after().userName(), reason);
  }

  /** Updates first, so that a name an account gave up in this batch can go to a new one. */
  private Future<List<Change>> write() {
    List<Change> changes = new ArrayList<>();
    List<UUID> renamed = updates.values().stream()
        .filter(u -> u.changedFields().contains("userName")).map(UserChange::userId).toList();
    counter.updated += updates.size();
    changes.addAll(updates.values());
    return users.releaseNames(renamed.size() > 1 ? renamed : List.of())
        .compose(v -> users.updateAll(updates.values().stream()
            .map(u -> Map.entry(u.userId(), u.after())).toList()))
        .compose(v -> users.insertAll(inserts))
        .compose(created -> {
          List<LinkStore.Link> toLink = new ArrayList<>();
          for (int i = 0; i < inserts.size(); i++) {
            var insert = inserts.get(i);
            if (created.get(i)) {
              counter.created++;
              changes.add(UserChange.created(insert.getKey(), insert.getValue()));
              toLink.add(new LinkStore.Link(insertAccounts.get(i), insert.getKey()));
            } else {
              counter.fail(insertAccounts.get(i), insert.getValue().userName(),
                  "User name '" + insert.getValue().userName() + "' is taken by another user"
                      + " (matched by " + correlation.name().toLowerCase(Locale.ROOT)
                      .replace('_', ' ') + ")");
            }
          }
          newLinks.forEach((user, account) -> toLink.add(new LinkStore.Link(account, user)));
          return links.linkAccounts(connectorId, toLink);
        })
        .compose(linkedNow -> {
          linkedNow.forEach(l -> changes.add(new AccountLink(true, l.localId(), connectorId,
              l.externalId())));
          return links.touchAccounts(connectorId, updates.keySet().stream().toList(),
              updates.values().stream().map(u -> u.after().active()).toList());
        })
        .map(changes);
  }

  private static Set<UUID> ids(Map<String, UUID> linked, Map<String, UUID> matches) {
    Set<UUID> ids = new HashSet<>(linked.values());
    matches.values().stream().filter(id -> id != null).forEach(ids::add);
    return ids;
  }
}
