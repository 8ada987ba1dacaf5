package io.slxconnect.hub.pipeline;

import io.slxconnect.api.ExternalGroup;
import io.slxconnect.hub.pipeline.Change.GroupChange;
import io.slxconnect.hub.pipeline.Change.Membership;
import io.slxconnect.hub.store.GroupRecord;
import io.slxconnect.hub.store.GroupStore;
import io.slxconnect.hub.store.LinkStore;
import io.slxconnect.hub.store.UserStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a batch of groups from one connector: a group is matched by its link, else by name,
 * else created on the fly; renamed when the source renamed it; and its members made those the
 * source lists, among the users linked to that source. Members that have no account in the
 * source (added by an admin, or from another system) are left alone.
 */
final class GroupIngest {

  private final UUID connectorId;
  private final IngestResult.Counter counter;
  private final GroupStore groups;
  private final LinkStore links;
  private final UserStore users;

  GroupIngest(SqlClient tx, UUID connectorId, IngestResult.Counter counter) {
    this.connectorId = connectorId;
    this.counter = counter;
    this.groups = new GroupStore(tx);
    this.links = new LinkStore(tx);
    this.users = new UserStore(tx);
  }

  /**
   * Applies the groups; one group id appearing twice counts once, with its last state.
   *
   * @param batch the groups
   * @return the changes made, to be recorded and routed
   */
  Future<List<Change>> apply(List<ExternalGroup> batch) {
    Map<String, ExternalGroup> byExternalId = new LinkedHashMap<>();
    batch.forEach(g -> byExternalId.put(g.externalId(), g));
    Set<String> names = new HashSet<>();
    byExternalId.values().forEach(g -> names.add(g.name().trim().toLowerCase(Locale.ROOT)));
    return Future.all(links.groupsByExternalId(connectorId, byExternalId.keySet()),
            groups.idsByName(names))
        .compose(found -> {
          Map<String, UUID> linked = found.resultAt(0);
          Map<String, UUID> byName = found.resultAt(1);
          return Future.all(groups.findAll(linked.values()), links.groupsOf(byName.values()))
              .compose(more -> {
                Map<UUID, Map<UUID, String>> linksOfNamed = more.resultAt(1);
                Set<UUID> taken = new HashSet<>(linked.values());
                linksOfNamed.forEach((group, byConnector) -> {
                  if (byConnector.containsKey(connectorId)) {
                    taken.add(group);
                  }
                });
                return upsertAll(byExternalId, linked, byName, more.resultAt(0), taken);
              });
        });
  }

  /**
   * Links, creates or renames each group.
   *
   * @param taken canonical groups that already stand for a group of this connector; another
   *     group of it with the same name is a conflict, not the same group
   */
  private Future<List<Change>> upsertAll(Map<String, ExternalGroup> batch,
      Map<String, UUID> linked, Map<String, UUID> byName, Map<UUID, GroupRecord> current,
      Set<UUID> taken) {
    List<Change> changes = new ArrayList<>();
    Map<UUID, ExternalGroup> resolved = new LinkedHashMap<>();
    Set<UUID> touched = new HashSet<>();
    Future<Void> chain = Future.succeededFuture();
    List<LinkStore.Link> toLink = new ArrayList<>();
    for (ExternalGroup group : batch.values()) {
      String name = group.name().trim();
      UUID known = linked.get(group.externalId());
      UUID sameName = byName.get(name.toLowerCase(Locale.ROOT));
      if (known == null && sameName != null && !taken.add(sameName)) {
        counter.fail(group.externalId(), name, sameNameConflict(name));
      } else if (known == null && sameName != null) {
        toLink.add(new LinkStore.Link(group.externalId(), sameName));
        resolved.put(sameName, group);
        touched.add(sameName);
      } else if (known == null) {
        UUID id = UUID.randomUUID();
        chain = chain.compose(v -> groups.insert(id, name, group.description()))
            .compose(created -> {
              if (created) {
                taken.add(id);
                counter.created++;
                changes.add(new GroupChange("group.created", id, name, group.description()));
                toLink.add(new LinkStore.Link(group.externalId(), id));
                resolved.put(id, group);
                return Future.succeededFuture();
              }
              // Another source created it meanwhile: it is the same group, by name.
              return groups.idsByName(List.of(name.toLowerCase(Locale.ROOT))).map(found -> {
                UUID existing = found.get(name.toLowerCase(Locale.ROOT));
                if (existing == null) {
                  counter.fail(group.externalId(), name, "Group name '" + name + "' is taken");
                } else if (!taken.add(existing)) {
                  counter.fail(group.externalId(), name, sameNameConflict(name));
                } else {
                  toLink.add(new LinkStore.Link(group.externalId(), existing));
                  resolved.put(existing, group);
                  touched.add(existing);
                }
                return null;
              });
            });
      } else {
        resolved.put(known, group);
        GroupRecord before = current.get(known);
        boolean renamed = before != null && (!before.name().equals(name)
            || !Objects.equals(before.description(), group.description()));
        if (renamed && sameName != null && !sameName.equals(known)) {
          counter.fail(group.externalId(), name, "Cannot rename the group to '" + name
              + "': another group has that name");
        } else if (renamed) {
          touched.add(known);
          chain = chain.compose(v -> groups.update(known, name, group.description()))
              .map(v -> {
                changes.add(new GroupChange("group.updated", known, name,
                    group.description()));
                return null;
              });
        }
      }
    }
    return chain.compose(v -> links.linkGroups(connectorId, toLink))
        .compose(v -> syncMembers(resolved, touched, changes))
        .map(changes);
  }

  /** Makes the members linked to this connector those the source lists. */
  private Future<Void> syncMembers(Map<UUID, ExternalGroup> resolved, Set<UUID> touched,
      List<Change> changes) {
    Set<String> memberAccounts = new HashSet<>();
    resolved.values().forEach(g -> memberAccounts.addAll(g.memberUserExternalIds()));
    return Future.all(links.usersByExternalId(connectorId, memberAccounts),
            groups.membersLinkedTo(connectorId, resolved.keySet()))
        .compose(found -> {
          Map<String, UUID> userOf = found.resultAt(0);
          Map<UUID, Set<UUID>> currentMembers = found.resultAt(1);
          List<Map.Entry<UUID, UUID>> added = new ArrayList<>();
          List<Map.Entry<UUID, UUID>> removed = new ArrayList<>();
          resolved.forEach((groupId, group) -> {
            Set<UUID> wanted = new HashSet<>();
            group.memberUserExternalIds().stream().map(userOf::get)
                .filter(Objects::nonNull).forEach(wanted::add);
            Set<UUID> now = currentMembers.getOrDefault(groupId, Set.of());
            wanted.stream().filter(u -> !now.contains(u)).forEach(u -> added.add(
                Map.entry(groupId, u)));
            now.stream().filter(u -> !wanted.contains(u)).forEach(u -> removed.add(
                Map.entry(groupId, u)));
          });
          Set<UUID> memberIds = new HashSet<>();
          added.forEach(m -> memberIds.add(m.getValue()));
          removed.forEach(m -> memberIds.add(m.getValue()));
          return users.names(memberIds).compose(names -> {
            Set<UUID> changedGroups = new HashSet<>(touched);
            added.forEach(m -> {
              changedGroups.add(m.getKey());
              changes.add(membership(true, m, resolved, names));
            });
            removed.forEach(m -> {
              changedGroups.add(m.getKey());
              changes.add(membership(false, m, resolved, names));
            });
            resolved.keySet().forEach(g -> {
              if (changedGroups.contains(g) && !isNew(g, changes)) {
                counter.updated++;
              } else if (!isNew(g, changes)) {
                counter.unchanged++;
              }
            });
            return groups.changeMembers(true, added)
                .compose(v -> groups.changeMembers(false, removed));
          });
        });
  }

  private static String sameNameConflict(String name) {
    return "Another group of this system is already named '" + name + "' and linked to the "
        + "hub's group of that name";
  }

  private static boolean isNew(UUID groupId, List<Change> changes) {
    return changes.stream().anyMatch(c -> c instanceof GroupChange g
        && g.groupId().equals(groupId) && "group.created".equals(g.type()));
  }

  private static Membership membership(boolean added, Map.Entry<UUID, UUID> m,
      Map<UUID, ExternalGroup> resolved, Map<UUID, String> names) {
    return new Membership(added, m.getKey(), resolved.get(m.getKey()).name().trim(),
        m.getValue(), names.getOrDefault(m.getValue(), m.getValue().toString()));
  }
}
