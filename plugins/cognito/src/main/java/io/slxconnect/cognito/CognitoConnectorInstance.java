package io.slxconnect.cognito;

import io.slxconnect.api.ChangeSink;
import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectionReport;
import io.slxconnect.api.ConnectionReport.Step;
import io.slxconnect.api.ConnectorContext;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.api.ExternalGroup;
import io.slxconnect.api.ExternalUser;
import io.slxconnect.api.Page;
import io.slxconnect.api.Password;
import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One configured user pool. {@link #start()} builds the SDK client and checks that the pool
 * exists; reads page through users and groups, writes go through {@link UserWriter} and
 * {@link Memberships}, and {@link #watch} polls the pool ({@link PollingWatch}). Every call is
 * asynchronous; nothing here blocks an event loop except closing the client, which runs on a
 * worker.
 */
final class CognitoConnectorInstance implements ConnectorInstance {

  /** What a started instance holds. */
  private record Running(CognitoSettings settings, CognitoCalls calls, UserMapper mapper,
      UserPages users, GroupPages groups, UserWriter writer, Memberships memberships) {

    static Running of(CognitoSettings settings, CognitoCalls calls) {
      UserMapper mapper = new UserMapper(settings);
      Accounts accounts = new Accounts(calls, settings.userPoolId());
      return new Running(settings, calls, mapper,
          new UserPages(calls, settings.userPoolId(), settings.pageSize()),
          new GroupPages(calls, settings.userPoolId(), settings.pageSize()),
          new UserWriter(calls, settings, mapper, accounts),
          new Memberships(calls, settings, accounts));
    }
  }

  private final ConnectorContext context;
  private final AtomicReference<Running> running = new AtomicReference<>();
  private final AtomicReference<PollingWatch> watch = new AtomicReference<>();
  private volatile boolean stopped;

  CognitoConnectorInstance(ConnectorContext context) {
    this.context = context;
  }

  @Override
  public Future<Void> start() {
    if (running.get() != null) {
      return Future.succeededFuture();
    }
    CognitoSettings settings;
    CognitoCalls calls;
    try {
      settings = CognitoSettings.from(context.settings());
      calls = open(settings);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return calls.call("Reading user pool " + settings.userPoolId(),
            client -> client.describeUserPool(r -> r.userPoolId(settings.userPoolId())))
        .compose(pool -> {
          Running started = Running.of(settings, calls);
          if (stopped || !running.compareAndSet(null, started)) {
            return close(calls);
          }
          context.logger().log(Level.INFO, "Cognito connector started: user pool {0} ({1}) in "
              + "{2} with {3}", pool.userPool().name(), settings.userPoolId(), settings.region(),
              settings.credentials());
          return Future.<Void>succeededFuture();
        }, error -> close(calls).compose(v -> Future.failedFuture(error)));
  }

  @Override
  public Future<Void> stop() {
    stopped = true;
    PollingWatch watching = watch.getAndSet(null);
    if (watching != null) {
      watching.stop();
    }
    Running stopping = running.getAndSet(null);
    return stopping == null ? Future.succeededFuture() : close(stopping.calls());
  }

  @Override
  public Future<ConnectionReport> test() {
    CognitoSettings settings;
    try {
      settings = CognitoSettings.from(context.settings());
    } catch (ConnectorException e) {
      return Future.succeededFuture(new ConnectionReport(
          List.of(Step.failed("settings", e.getMessage())), Map.of()));
    }
    CognitoCalls calls = open(settings);
    return new ConnectionTester(calls, settings).run()
        .eventually(() -> close(calls));
  }

  @Override
  public Future<Page<ExternalUser>> readUsers(String cursor) {
    return started(current -> current.users().read(cursor).map(page ->
        new Page<>(page.items().stream().map(current.mapper()::toUser).toList(), page.next())));
  }

  @Override
  public Future<Page<ExternalGroup>> readGroups(String cursor) {
    return started(current -> current.groups().read(cursor));
  }

  @Override
  public Future<ExternalUser> createUser(ExternalUser user, Password initialPassword) {
    return started(current -> current.writer().create(user, initialPassword));
  }

  @Override
  public Future<ExternalUser> updateUser(ExternalUser user) {
    return started(current -> current.writer().update(user));
  }

  @Override
  public Future<Void> setEnabled(String externalId, boolean enabled) {
    return started(current -> current.writer().setEnabled(externalId, enabled));
  }

  @Override
  public Future<Void> deleteUser(String externalId) {
    return started(current -> current.writer().delete(externalId));
  }

  @Override
  public Future<Void> setPassword(String externalId, Password password) {
    return started(current -> current.writer().setPassword(externalId, password));
  }

  @Override
  public Future<Void> addMember(String groupExternalId, String userExternalId) {
    return started(current -> current.memberships().add(groupExternalId, userExternalId));
  }

  @Override
  public Future<Void> removeMember(String groupExternalId, String userExternalId) {
    return started(current -> current.memberships().remove(groupExternalId, userExternalId));
  }

  @Override
  public Future<Void> watch(Checkpoint resumeFrom, ChangeSink sink) {
    return started(current -> {
      PollingWatch created = new PollingWatch(context.vertx(), current.calls(), current.users(),
          current.mapper(), current.settings(), sink, context::reportConnection,
          context.logger());
      PollingWatch previous = watch.getAndSet(created);
      if (previous != null) {
        previous.stop();
      }
      context.logger().log(Level.INFO, "Watching user pool {0}: ListUsers every {1} s, "
          + "deletions every {2} s", current.settings().userPoolId(),
          current.settings().pollInterval().toSeconds(),
          current.settings().deletionCheckInterval().toSeconds());
      return created.start(resumeFrom);
    });
  }

  /** Runs an operation against the started instance; fails it when not started. */
  private <T> Future<T> started(Function<Running, Future<T>> operation) {
    Running current = running.get();
    if (current == null) {
      return Future.failedFuture(new ConnectorException(Reason.UNAVAILABLE,
          "The Cognito connector is not started"));
    }
    try {
      return operation.apply(current);
    } catch (ConnectorException e) {
      return Future.failedFuture(e);
    }
  }

  private CognitoCalls open(CognitoSettings settings) {
    return new CognitoCalls(context.vertx(), CognitoClients.create(settings), RetryDelays.CALLS,
        context.logger());
  }

  /** Closes a client on a worker: shutting its I/O threads down may wait briefly. */
  private Future<Void> close(CognitoCalls calls) {
    return context.blockingExecutor().executeBlocking(() -> {
      calls.close();
      return null;
    });
  }
}
