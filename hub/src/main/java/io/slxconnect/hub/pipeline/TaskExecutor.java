package io.slxconnect.hub.pipeline;

import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ExternalUser;
import io.slxconnect.hub.connectors.ConnectorCalls;
import io.slxconnect.hub.pipeline.Change.AccountLink;
import io.slxconnect.hub.store.ChangeEventStore;
import io.slxconnect.hub.store.LinkStore;
import io.slxconnect.hub.store.ProvisioningTask;
import io.slxconnect.hub.store.ProvisioningTaskStore;
import io.slxconnect.hub.store.UserRecord;
import io.slxconnect.hub.store.UserStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one provisioning task against its target and records the outcome: success (with the new
 * account's link after a create), a transient failure retried later with growing delays, or a
 * final failure with the target's reason, logged as a {@code provisioning.failed} event.
 * Creates and updates send the user as it is <em>now</em>, so a late retry never sends stale
 * values.
 */
public final class TaskExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(TaskExecutor.class);
  private static final Duration MAX_DELAY = Duration.ofMinutes(5);

  private final Pool pool;
  private final ConnectorCalls connectors;
  private final ChangeRecorder recorder;
  private final Duration firstDelay;

  /**
   * Creates the executor.
   *
   * @param pool the database
   * @param connectors calls into the running connectors
   * @param recorder records links made by creates
   * @param firstDelay the wait before the first retry; it doubles up to five minutes
   */
  public TaskExecutor(Pool pool, ConnectorCalls connectors, ChangeRecorder recorder,
      Duration firstDelay) {
    this.pool = pool;
    this.connectors = connectors;
    this.recorder = recorder;
    this.firstDelay = firstDelay;
  }

  /**
   * Runs a task and records its outcome.
   *
   * @param task the task
   * @return completes once the outcome is recorded
   */
  public Future<Void> execute(ProvisioningTask task) {
    return resolveAccount(task)
        .compose(account -> call(task, account))
        .compose(outcome -> outcome.skipped() != null
            ? new ProvisioningTaskStore(pool).finish(task.id(), "skipped", outcome.skipped())
            : succeeded(task, outcome.externalId()))
        .recover(e -> e instanceof ConnectorException ce ? failed(task, ce)
            : Future.failedFuture(e));
  }

  private static final String DELETED_MEANWHILE = "The user was deleted while the account was "
      + "being created there; the account is deleted again";

  private record Outcome(String externalId, String skipped) {
    static Outcome done(String externalId) {
      return new Outcome(externalId, null);
    }

    static Outcome skip(String reason) {
      return new Outcome(null, reason);
    }
  }

  /** The account's stable id: from the task, else from the link a create made since. */
  private Future<String> resolveAccount(ProvisioningTask task) {
    if (task.externalId() != null || task.userId() == null) {
      return Future.succeededFuture(task.externalId());
    }
    return new LinkStore(pool).accountsOf(List.of(task.userId()))
        .map(all -> all.getOrDefault(task.userId(), Map.of()).get(task.connectorId()));
  }

  private Future<Outcome> call(ProvisioningTask task, String account) {
    String what = "Provisioning (" + task.operation().name().toLowerCase(Locale.ROOT) + " "
        + task.subject() + ")";
    if (task.operation() == ProvisioningTask.Operation.CREATE) {
      return account != null ? Future.succeededFuture(Outcome.skip("The user already has an "
          + "account there")) : currentUser(task).compose(user -> user.isEmpty()
              ? Future.succeededFuture(Outcome.skip("The user was deleted before the account "
                  + "was created"))
              : toAccount(user.get(), null, task.connectorId())
                  .compose(a -> connectors.call(task.connectorId(), what,
                      target -> target.createUser(a, null)))
                  .map(created -> {
                    if (created == null || created.externalId() == null) {
                      throw new ConnectorException(ConnectorException.Reason.FAILED,
                          "The connector created the account but returned no stable id for "
                              + "it (a bug in the plugin)");
                    }
                    return Outcome.done(created.externalId());
                  }));
    }
    if (account == null) {
      return Future.succeededFuture(Outcome.skip("The user has no account there"));
    }
    return switch (task.operation()) {
      case UPDATE -> currentUser(task).compose(user -> user.isEmpty()
          ? Future.succeededFuture(Outcome.skip("The user was deleted meanwhile"))
          : toAccount(user.get(), account, task.connectorId())
              .compose(a -> connectors.call(task.connectorId(), what,
                  target -> target.updateUser(a)))
              .map(updated -> Outcome.done(null)));
      case DISABLE -> connectors.call(task.connectorId(), what,
          target -> target.setEnabled(account, false)).map(Outcome.done(null));
      case ENABLE -> connectors.call(task.connectorId(), what,
          target -> target.setEnabled(account, true)).map(Outcome.done(null));
      case DELETE -> connectors.call(task.connectorId(), what,
          target -> target.deleteUser(account)).map(Outcome.done(null));
      case ADD_MEMBER -> connectors.call(task.connectorId(), what,
          target -> target.addMember(task.groupExternalId(), account)).map(Outcome.done(null));
      case REMOVE_MEMBER -> connectors.call(task.connectorId(), what,
          target -> target.removeMember(task.groupExternalId(), account))
          .map(Outcome.done(null));
      default -> Future.succeededFuture(Outcome.skip("Passwords are never queued"));
    };
  }

  private Future<Optional<UserRecord>> currentUser(ProvisioningTask task) {
    return new UserStore(pool).find(task.userId());
  }

  /** The canonical user as the target's account, with its manager's account there. */
  private Future<ExternalUser> toAccount(UserRecord user, String account, UUID connectorId) {
    UUID manager = user.data().managerId();
    Future<String> managerAccount = manager == null ? Future.succeededFuture(null)
        : new LinkStore(pool).accountsOf(List.of(manager))
            .map(all -> all.getOrDefault(manager, Map.of()).get(connectorId));
    return managerAccount.map(m -> CanonicalAccount.of(user, account, m));
  }

  private Future<Void> succeeded(ProvisioningTask task, String createdAccount) {
    return createdAccount == null ? recordSuccess(task, null)
        : pool.withTransaction(tx -> new UserStore(tx).lockAll(List.of(task.userId()))
            .compose(found -> found.isEmpty()
                ? new ProvisioningTaskStore(tx).finish(task.id(), "skipped", DELETED_MEANWHILE)
                    .map(false)
                : recordSuccess(tx, task, createdAccount).map(true)))
        .compose(linked -> linked ? Future.succeededFuture() : removeOrphan(task, createdAccount));
  }

  /**
   * The user was deleted while its account was being created: the account would be left
   * behind, linked to nobody, so it is deleted again (disabled where the connector cannot
   * delete).
   */
  private Future<Void> removeOrphan(ProvisioningTask task, String account) {
    return connectors.call(task.connectorId(), "Deleting the account of a user deleted meanwhile",
            target -> target.deleteUser(account))
        .recover(e -> connectors.call(task.connectorId(), "Disabling the account of a user "
            + "deleted meanwhile", target -> target.setEnabled(account, false)))
        .onFailure(e -> LOG.warn("Connector {} keeps account {} of a user deleted while it was "
            + "being created: {}", task.connectorId(), account, e.getMessage()))
        .otherwiseEmpty()
        .mapEmpty();
  }

  private Future<Void> recordSuccess(ProvisioningTask task, String createdAccount) {
    return pool.withTransaction(tx -> recordSuccess(tx, task, createdAccount));
  }

  private Future<Void> recordSuccess(SqlClient tx, ProvisioningTask task,
      String createdAccount) {
    ProvisioningTaskStore tasks = new ProvisioningTaskStore(tx);
    LinkStore links = new LinkStore(tx);
    Future<Void> link = Future.succeededFuture();
    if (createdAccount != null) {
      link = links.linkAccounts(task.connectorId(),
              List.of(new LinkStore.Link(createdAccount, task.userId())))
          .compose(made -> recorder.record(tx, made.stream().map(l -> new AccountLink(true,
              l.localId(), task.connectorId(), l.externalId())).toList(), null, null))
          .mapEmpty();
    }
    Boolean active = switch (task.operation()) {
      case CREATE, ENABLE -> true;
      case DISABLE -> false;
      default -> null;
    };
    return link.compose(v -> tasks.succeeded(task.id(), createdAccount))
        .compose(v -> task.operation() == ProvisioningTask.Operation.DELETE
            ? links.unlinkAccount(task.connectorId(), task.externalId()).mapEmpty()
            : task.userId() == null ? Future.succeededFuture()
            : links.recordSync(task.connectorId(), task.userId(), active, null));
  }

  private Future<Void> failed(ProvisioningTask task, ConnectorException e) {
    if (e.reason().isTransient()) {
      return retry(task, e.getMessage());
    }
    LOG.warn("Provisioning {} of {} to connector {} failed: {}", task.operation(),
        task.subject(), task.connectorId(), e.getMessage());
    return pool.withTransaction(tx -> new ProvisioningTaskStore(tx)
        .finish(task.id(), "failed", e.getMessage())
        .compose(v -> task.userId() == null ? Future.succeededFuture()
            : new LinkStore(tx).recordSync(task.connectorId(), task.userId(), null,
                e.getMessage()))
        .compose(v -> new ChangeEventStore(tx).append(List.of(new ChangeEventStore.NewEvent(
            "provisioning.failed", task.userId(), task.groupId(), task.connectorId(), null,
            new JsonObject().put("taskId", task.id())
                .put("operation", task.operation().name().toLowerCase(Locale.ROOT))
                .put("subject", task.subject()).put("reason", e.getMessage())
                .put("reasonCode", e.reason().name())))))
        .mapEmpty());
  }

  private Future<Void> retry(ProvisioningTask task, String error) {
    long base = Math.min(MAX_DELAY.toMillis(),
        firstDelay.toMillis() << Math.min(task.attempts(), 20));
    // Up to a fifth more, so that many tasks failing together do not retry in lockstep.
    long delay = base + ThreadLocalRandom.current().nextLong(base / 5 + 1);
    Future<Void> link = task.userId() == null ? Future.succeededFuture()
        : new LinkStore(pool).recordSync(task.connectorId(), task.userId(), null, error);
    return link.compose(v -> new ProvisioningTaskStore(pool).retryLater(task.id(), error,
        Duration.ofMillis(delay)));
  }
}
