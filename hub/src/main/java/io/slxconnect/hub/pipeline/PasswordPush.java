package io.slxconnect.hub.pipeline;

import io.slxconnect.api.Capability;
import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.api.Password;
import io.slxconnect.hub.connectors.ConnectorCalls;
import io.slxconnect.hub.store.ChangeEventStore;
import io.slxconnect.hub.store.ConnectorPolicy.TargetOperation;
import io.slxconnect.hub.store.LinkStore;
import io.slxconnect.hub.store.ProvisioningTask;
import io.slxconnect.hub.store.ProvisioningTaskStore;
import io.slxconnect.hub.store.UserRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sets a user's password in every linked system that takes passwords, at once and in
 * parallel. The hub never stores a password, not even in its outbox: a system that is down
 * gets no retry, and the admin sees which systems failed. Each push is logged without the
 * value.
 */
public final class PasswordPush {

  private final Pool pool;
  private final Targets targets;
  private final ConnectorCalls connectors;

  /**
   * Creates the service.
   *
   * @param pool the database
   * @param targets the connectors' policies
   * @param connectors calls into running connectors
   */
  public PasswordPush(Pool pool, Targets targets, ConnectorCalls connectors) {
    this.pool = pool;
    this.targets = targets;
    this.connectors = connectors;
  }

  /** One system's outcome. */
  private record Outcome(UUID connectorId, String name, String account, String error) {
  }

  /**
   * Pushes the password; the characters are wiped when every push is done.
   *
   * @param user the user
   * @param password the new password
   * @param actor the admin
   * @return each system's outcome, or empty when no linked system takes passwords
   */
  public Future<JsonArray> push(UserRecord user, char[] password, String actor) {
    return new LinkStore(pool).accountsOf(List.of(user.id())).compose(all -> {
      List<Future<Outcome>> pushes = new ArrayList<>();
      all.getOrDefault(user.id(), Map.of()).forEach((connectorId, account) ->
          targets.get(connectorId)
              .filter(t -> t.takes(TargetOperation.PASSWORD, Capability.SET_PASSWORD))
              .ifPresent(t -> pushes.add(pushOne(t, account, password))));
      if (pushes.isEmpty()) {
        java.util.Arrays.fill(password, '\0');
        return Future.succeededFuture(null);
      }
      return Future.join(pushes)
          .eventually(() -> {
            java.util.Arrays.fill(password, '\0');
            return Future.succeededFuture();
          })
          .transform(done -> record(user, pushes.stream().map(Future::result).toList(),
              actor));
    });
  }

  private Future<Outcome> pushOne(Targets.Target target, String account, char[] password) {
    return connectors.call(target.id(), "Setting the password",
            instance -> setPassword(instance, account, password))
        .map(v -> new Outcome(target.id(), target.name(), account, null))
        .otherwise(e -> new Outcome(target.id(), target.name(), account,
            e.getMessage() != null ? e.getMessage() : e.toString()));
  }

  /**
   * Gives the plugin its own copy of the password, wiped when the plugin is done with it,
   * which may be after the hub stopped waiting.
   */
  private static Future<Void> setPassword(ConnectorInstance instance, String account,
      char[] password) {
    Password copy = new Password(password.clone());
    Future<Void> pushed;
    try {
      pushed = instance.setPassword(account, copy);
    } catch (RuntimeException | LinkageError e) {
      copy.clear();
      throw e;
    }
    if (pushed == null) {
      copy.clear();
      return null;
    }
    return pushed.onComplete(done -> copy.clear());
  }

  private Future<JsonArray> record(UserRecord user, List<Outcome> outcomes, String actor) {
    String name = user.data().userName();
    boolean anySucceeded = outcomes.stream().anyMatch(o -> o.error() == null);
    return pool.withTransaction(tx -> {
      Future<List<Long>> event = anySucceeded
          ? new ChangeEventStore(tx).append(List.of(new ChangeEventStore.NewEvent(
              "user.password_changed", user.id(), null, null, actor, new JsonObject()
                  .put("user", new JsonObject().put("id", user.id().toString())
                      .put("userName", name))
                  .put("connectors", new JsonArray(outcomes.stream()
                      .filter(o -> o.error() == null).map(o -> o.connectorId().toString())
                      .toList())))))
          : Future.succeededFuture(List.of());
      return event.compose(ids -> new ProvisioningTaskStore(tx).insert(outcomes.stream()
          .map(o -> new ProvisioningTask.New(ids.isEmpty() ? null : ids.get(0),
              o.connectorId(), user.id(), null, name, ProvisioningTask.Operation.PASSWORD,
              o.account(), null, o.error() == null ? "succeeded" : "failed", o.error()))
          .toList()));
    }).map(v -> new JsonArray(outcomes.stream().map(o -> new JsonObject()
        .put("connectorId", o.connectorId().toString())
        .put("connectorName", o.name())
        .put("status", o.error() == null ? "succeeded" : "failed")
        .put("error", o.error())).toList()));
  }
}
