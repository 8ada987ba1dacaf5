package io.slxconnect.hub.pipeline;

import io.slxconnect.hub.pipeline.Change.GroupChange;
import io.slxconnect.hub.pipeline.Change.Membership;
import io.slxconnect.hub.pipeline.Change.UserChange;
import io.slxconnect.hub.store.GroupRecord;
import io.slxconnect.hub.store.GroupStore;
import io.slxconnect.hub.store.UserData;
import io.slxconnect.hub.store.UserRecord;
import io.slxconnect.hub.store.UserStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Changes an admin makes through the API or the console, each written in one transaction with
 * its change events and the provisioning tasks it causes, exactly like changes from a source.
 */
public final class AdminChanges {

  private final Pool pool;
  private final ChangeRecorder recorder;
  private final IntConsumer onTasksQueued;

  /**
   * Creates the service.
   *
   * @param pool the database
   * @param recorder writes the change log and the outbox
   * @param onTasksQueued told after a commit that queued provisioning tasks
   */
  public AdminChanges(Pool pool, ChangeRecorder recorder, IntConsumer onTasksQueued) {
    this.pool = pool;
    this.recorder = recorder;
    this.onTasksQueued = onTasksQueued;
  }

  /**
   * A result, the changes that produced it, and what must run after they are recorded.
   */
  private record Written<T>(T result, List<? extends Change> changes,
      Supplier<Future<?>> afterRecording) {

    Written(T result, List<? extends Change> changes) {
      this(result, changes, Future::succeededFuture);
    }
  }

  /**
   * Creates a user.
   *
   * @param data the attributes
   * @param actor the admin
   * @return the user, or empty when the user name is taken
   */
  public Future<Optional<UserRecord>> createUser(UserData data, String actor) {
    return write(actor, tx -> new UserStore(tx).insert(data).map(created -> new Written<>(
        created, created.map(u -> List.of(UserChange.created(u.id(), u.data())))
            .orElse(List.of()))));
  }

  /**
   * Replaces a user's attributes.
   *
   * @param id the user
   * @param data the new attributes
   * @param actor the admin
   * @return the user, or empty when there is none
   */
  public Future<Optional<UserRecord>> updateUser(UUID id, UserData data, String actor) {
    return changeUser(id, actor, (users, before) -> users.update(id, data));
  }

  /**
   * Enables or disables a user.
   *
   * @param id the user
   * @param active the new state
   * @param actor the admin
   * @return the user, or empty when there is none
   */
  public Future<Optional<UserRecord>> setActive(UUID id, boolean active, String actor) {
    return changeUser(id, actor, (users, before) -> users.setActive(id, active));
  }

  private Future<Optional<UserRecord>> changeUser(UUID id, String actor, UserWrite change) {
    return write(actor, tx -> {
      UserStore users = new UserStore(tx);
      return users.lockAll(List.of(id)).compose(found -> {
        UserRecord before = found.get(id);
        if (before == null) {
          return Future.succeededFuture(new Written<>(Optional.<UserRecord>empty(), List.of()));
        }
        return change.apply(users, before).map(after -> new Written<>(after, after
            .filter(a -> !a.data().equals(before.data()))
            .map(a -> List.of(UserChange.updated(id, before.data(), a.data())))
            .orElse(List.of())));
      });
    });
  }

  @FunctionalInterface
  private interface UserWrite {
    Future<Optional<UserRecord>> apply(UserStore users, UserRecord before);
  }

  /**
   * Deletes a user; its accounts are deleted or disabled where targets take that.
   *
   * @param id the user
   * @param actor the admin
   * @return whether it existed
   */
  public Future<Boolean> deleteUser(UUID id, String actor) {
    return write(actor, tx -> {
      UserStore users = new UserStore(tx);
      return users.lockAll(List.of(id)).compose(found -> {
        UserRecord before = found.get(id);
        if (before == null) {
          return Future.succeededFuture(new Written<>(false, List.of()));
        }
        // Deleted after it is recorded: routing reads the accounts the deletion removes.
        return Future.succeededFuture(new Written<>(true,
            List.of(UserChange.deleted(id, before.data())), () -> users.delete(id)));
      });
    });
  }

  /**
   * Adds a user to a group or removes it.
   *
   * @param add {@code true} to add
   * @param group the group
   * @param user the user
   * @param actor the admin
   * @return whether the membership changed
   */
  public Future<Boolean> changeMembership(boolean add, GroupRecord group, UserRecord user,
      String actor) {
    return write(actor, tx -> {
      GroupStore groups = new GroupStore(tx);
      return (add ? groups.addMember(group.id(), user.id())
          : groups.removeMember(group.id(), user.id()))
          .map(changed -> new Written<>(changed, changed ? List.of(new Membership(add,
              group.id(), group.name(), user.id(), user.data().userName())) : List.of()));
    });
  }

  /**
   * Creates a group.
   *
   * @param name its name
   * @param description its description
   * @param actor the admin
   * @return the group, or empty when the name is taken
   */
  public Future<Optional<GroupRecord>> createGroup(String name, String description,
      String actor) {
    return write(actor, tx -> new GroupStore(tx).insert(name, description)
        .map(created -> new Written<>(created, created.map(g -> List.of(groupChange(
            "group.created", g))).orElse(List.of()))));
  }

  /**
   * Renames a group or changes its description.
   *
   * @param id the group
   * @param name the new name
   * @param description the new description
   * @param actor the admin
   * @return the group, or empty when there is none
   */
  public Future<Optional<GroupRecord>> updateGroup(UUID id, String name, String description,
      String actor) {
    return write(actor, tx -> new GroupStore(tx).update(id, name, description)
        .map(updated -> new Written<>(updated, updated.map(g -> List.of(groupChange(
            "group.updated", g))).orElse(List.of()))));
  }

  /**
   * Deletes a group; its members stay users.
   *
   * @param group the group
   * @param actor the admin
   * @return whether it existed
   */
  public Future<Boolean> deleteGroup(GroupRecord group, String actor) {
    return write(actor, tx -> new GroupStore(tx).delete(group.id())
        .map(deleted -> new Written<>(deleted, deleted
            ? List.of(groupChange("group.deleted", group)) : List.of())));
  }

  private static GroupChange groupChange(String type, GroupRecord g) {
    return new GroupChange(type, g.id(), g.name(), g.description());
  }

  private <T> Future<T> write(String actor, Function<SqlConnection, Future<Written<T>>> work) {
    int[] queued = new int[1];
    return pool.withTransaction(tx -> work.apply(tx).compose(written ->
            recorder.record(tx, written.changes(), null, actor)
                .compose(tasks -> {
                  queued[0] = tasks;
                  return written.afterRecording().get();
                })
                .map(written.result())))
        .onSuccess(result -> {
          if (queued[0] > 0) {
            onTasksQueued.accept(queued[0]);
          }
        });
  }
}
