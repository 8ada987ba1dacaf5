package io.slxconnect.google;

import com.google.api.services.directory.Directory;
import io.slxconnect.api.ChangeSink;
import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectionReport;
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
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One configured Google Workspace connection. {@link #start()} reads the key and builds the
 * client (tokens are fetched on the first call); every call of the blocking Google client runs
 * on the context's bounded worker pool through {@link GoogleCalls}, never on an event loop.
 */
final class GoogleConnectorInstance implements ConnectorInstance {

  /** Google's advice for the first backoff delay. */
  static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(1);

  private final ConnectorContext context;
  private final AtomicReference<Workspace> running = new AtomicReference<>();
  private final AtomicReference<GoogleWatch> watching = new AtomicReference<>();
  private volatile boolean stopped;

  GoogleConnectorInstance(ConnectorContext context) {
    this.context = context;
  }

  @Override
  public Future<Void> start() {
    return context.blockingExecutor().executeBlocking(() -> {
      GoogleSettings settings = GoogleSettings.from(context.settings());
      Directory directory = DirectoryClients.directory(settings, DirectoryClients.delegated(
          DirectoryClients.serviceAccount(settings), settings, DirectoryClients.SCOPES));
      GoogleCalls calls = new GoogleCalls(context.vertx(), context.blockingExecutor(), settings,
          context.logger(), FIRST_RETRY_DELAY);
      if (stopped) {
        return null; // stopped while starting: the client holds nothing open
      }
      running.compareAndSet(null, new Workspace(settings, directory, calls,
          new DirectoryReader(directory, settings), new DirectoryWriter(directory, settings)));
      context.logger().log(Level.INFO, "Google Workspace connector started: {0}", settings);
      return null;
    });
  }

  @Override
  public Future<Void> stop() {
    stopped = true;
    GoogleWatch watch = watching.getAndSet(null);
    if (watch != null) {
      watch.close();
    }
    running.set(null);
    return Future.succeededFuture();
  }

  @Override
  public Future<ConnectionReport> test() {
    return context.blockingExecutor().executeBlocking(
        () -> new ConnectionTester(context.settings(), context.hookUrl()).run());
  }

  @Override
  public Future<Page<ExternalUser>> readUsers(String cursor) {
    return workspace().compose(w -> w.users(cursor));
  }

  @Override
  public Future<Page<ExternalGroup>> readGroups(String cursor) {
    return workspace().compose(w -> w.groups(cursor));
  }

  @Override
  public Future<ExternalUser> createUser(ExternalUser user, Password initialPassword) {
    char[] password = initialPassword == null ? null : initialPassword.chars();
    return workspace().compose(w -> w.calls().run("Creating user " + user.userName(),
        () -> w.writer().create(user, password))).onComplete(done -> clear(password));
  }

  @Override
  public Future<ExternalUser> updateUser(ExternalUser user) {
    return workspace().compose(w -> w.calls().run("Updating user " + user.userName(),
        () -> w.writer().update(user)));
  }

  @Override
  public Future<Void> setEnabled(String externalId, boolean enabled) {
    return workspace().compose(w -> w.calls().run(
        (enabled ? "Unsuspending" : "Suspending") + " user " + externalId, () -> {
          w.writer().setEnabled(externalId, enabled);
          return null;
        }));
  }

  @Override
  public Future<Void> deleteUser(String externalId) {
    return workspace().compose(w -> w.calls().run("Deleting user " + externalId, () -> {
      w.writer().delete(externalId);
      return null;
    }));
  }

  @Override
  public Future<Void> setPassword(String externalId, Password password) {
    char[] chars = password.chars();
    password.clear();
    return workspace().compose(w -> w.calls().run("Setting the password of user "
        + externalId, () -> {
          w.writer().setPassword(externalId, chars);
          return (Void) null;
        })).onComplete(done -> clear(chars));
  }

  @Override
  public Future<Void> addMember(String groupExternalId, String userExternalId) {
    return setMember(groupExternalId, userExternalId, true);
  }

  @Override
  public Future<Void> removeMember(String groupExternalId, String userExternalId) {
    return setMember(groupExternalId, userExternalId, false);
  }

  @Override
  public Future<Void> watch(Checkpoint resumeFrom, ChangeSink sink) {
    return workspace().compose(w -> GoogleWatch.start(context, w, resumeFrom, sink))
        .map(watch -> {
          GoogleWatch previous = watching.getAndSet(watch);
          if (previous != null) {
            previous.close();
          }
          if (running.get() == null) {
            watching.compareAndSet(watch, null);
            watch.close();
          }
          return null;
        });
  }

  private Future<Void> setMember(String groupId, String userId, boolean member) {
    return workspace().compose(w -> w.calls().run((member ? "Adding" : "Removing")
        + " member " + userId + (member ? " to" : " from") + " group " + groupId, () -> {
          w.writer().setMember(groupId, userId, member);
          return null;
        }));
  }

  private Future<Workspace> workspace() {
    Workspace current = running.get();
    return current != null ? Future.succeededFuture(current)
        : Future.failedFuture(new ConnectorException(Reason.UNAVAILABLE,
            "The Google Workspace connector is not started"));
  }

  private static void clear(char[] chars) {
    if (chars != null) {
      Arrays.fill(chars, '\0');
    }
  }
}
