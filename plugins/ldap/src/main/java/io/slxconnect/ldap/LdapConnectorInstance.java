package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPExtendedOperationException;
import com.unboundid.ldap.sdk.SearchScope;
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
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * One configured directory connection. {@link #start()} opens a small pool of bound connections
 * over the configured URLs and reads the root DSE; reads page through users and groups, writes
 * go through {@link LdapWriter}, and {@link #watch} follows changes with the strategy the server
 * offers (or the admin chose). Every SDK call runs on the context's blocking executor, never on
 * the event loop.
 */
final class LdapConnectorInstance implements ConnectorInstance {

  /** What a started instance holds. */
  private record Running(LDAPConnectionPool pool, LdapSettings settings,
      LdapConnections connections, RootDse dse, EntryPager<ExternalUser> users,
      EntryPager<ExternalGroup> groups, GroupReader groupReader, LdapWriter writer) {
    void close() {
      users.close();
      if (groups != null) {
        groups.close();
      }
      pool.close();
    }
  }

  private final ConnectorContext context;
  private final AtomicReference<Running> running = new AtomicReference<>();
  private final AtomicReference<Following> watch = new AtomicReference<>();

  /** A running watch and the feed it delivers through. */
  private record Following(DirectoryWatch watch, ChangeFeed feed) {
    /** Fences the feed first, so nothing of this watch reaches the hub after it stopped. */
    void close() {
      feed.close();
      watch.close();
    }
  }

  LdapConnectorInstance(ConnectorContext context) {
    this.context = context;
  }

  @Override
  public Future<Void> start() {
    if (running.get() != null) {
      return Future.succeededFuture();
    }
    return context.blockingExecutor().executeBlocking(() -> {
      LdapSettings settings = LdapSettings.from(context.settings());
      LdapTls tls = settings.security().usesTls()
          ? LdapTls.create(settings.trustedCertificates()) : null;
      LdapConnections connections = new LdapConnections(settings, tls);
      LDAPConnectionPool pool = openPool(settings, connections, tls);
      Running started;
      try {
        started = assemble(settings, connections, pool);
      } catch (RuntimeException e) {
        pool.close();
        throw e;
      }
      if (!running.compareAndSet(null, started)) {
        started.close();
      } else {
        context.logger().log(Level.INFO, "LDAP connector started: {0} ({1}), security {2}, "
            + "bind as {3}", urls(settings), started.dse().vendor(), settings.security().id(),
            settings.bindIdentity());
      }
      return null;
    });
  }

  /** Builds the readers and the writer of a started instance. */
  private static Running assemble(LdapSettings settings, LdapConnections connections,
      LDAPConnectionPool pool) {
    RootDse dse = readRootDse(settings, pool);
    UserMapper mapper = UserMapper.of(settings);
    GroupReader groupReader = new GroupReader(settings, mapper);
    EntryPager<ExternalUser> users = new EntryPager<>(pool, settings,
        new EntryPager.Search("users", settings.userBaseDn(), settings.userScope(),
            settings.userFilter(), mapper.attributes()),
        (connection, entry) -> {
          ExternalUser user = mapper.toUser(entry);
          if (user.externalId() != null) {
            groupReader.rememberUser(entry.getParsedDN(), user.externalId());
          }
          return user;
        });
    EntryPager<ExternalGroup> groups = settings.groupBaseDn() == null ? null
        : new EntryPager<>(pool, settings, new EntryPager.Search("groups",
            settings.groupBaseDn(), SearchScope.SUB, settings.groupFilter(),
            groupReader.groupAttributes()), groupReader::read);
    LdapWriter writer = new LdapWriter(pool, settings, mapper,
        new PasswordWriter(pool, PasswordWriter.methodFor(settings, dse)));
    return new Running(pool, settings, connections, dse, users, groups, groupReader, writer);
  }

  private static RootDse readRootDse(LdapSettings settings, LDAPConnectionPool pool) {
    try {
      LDAPConnection connection = pool.getConnection();
      try {
        RootDse dse = RootDse.read(connection);
        pool.releaseConnection(connection);
        return dse;
      } catch (LDAPException e) {
        pool.releaseConnectionAfterException(connection, e);
        throw e;
      }
    } catch (LDAPException e) {
      throw LdapFailures.toConnectorException("Reading the server's root DSE", e,
          settings.bindIdentity());
    }
  }

  @Override
  public Future<Void> stop() {
    Following watching = watch.getAndSet(null);
    Running stopping = running.getAndSet(null);
    if (stopping == null && watching == null) {
      return Future.succeededFuture();
    }
    return context.blockingExecutor().executeBlocking(() -> {
      if (watching != null) {
        watching.close();
      }
      if (stopping != null) {
        stopping.close();
      }
      return null;
    });
  }

  @Override
  public Future<ConnectionReport> test() {
    return context.blockingExecutor()
        .executeBlocking(() -> new ConnectionTester(context.settings()).run());
  }

  @Override
  public Future<Page<ExternalUser>> readUsers(String cursor) {
    return blocking(current -> {
      if (cursor == null) {
        current.groupReader().forget();
      }
      return current.users().read(cursor);
    });
  }

  @Override
  public Future<Page<ExternalGroup>> readGroups(String cursor) {
    return blocking(current -> current.groups() == null ? new Page<>(List.of(), null)
        : current.groups().read(cursor));
  }

  @Override
  public Future<ExternalUser> createUser(ExternalUser user, Password initialPassword) {
    return blocking(current -> current.writer().create(user,
        initialPassword == null ? null : initialPassword.chars()));
  }

  @Override
  public Future<ExternalUser> updateUser(ExternalUser user) {
    return blocking(current -> current.writer().update(user));
  }

  @Override
  public Future<Void> setEnabled(String externalId, boolean enabled) {
    return blocking(current -> {
      current.writer().setEnabled(externalId, enabled);
      return null;
    });
  }

  @Override
  public Future<Void> deleteUser(String externalId) {
    return blocking(current -> {
      current.writer().delete(externalId);
      return null;
    });
  }

  @Override
  public Future<Void> setPassword(String externalId, Password password) {
    return blocking(current -> {
      current.writer().setPassword(externalId, password.chars());
      return null;
    });
  }

  @Override
  public Future<Void> addMember(String groupExternalId, String userExternalId) {
    return blocking(current -> {
      current.writer().setMember(groupExternalId, userExternalId, true);
      return null;
    });
  }

  @Override
  public Future<Void> removeMember(String groupExternalId, String userExternalId) {
    return blocking(current -> {
      current.writer().setMember(groupExternalId, userExternalId, false);
      return null;
    });
  }

  @Override
  public Future<Void> watch(Checkpoint resumeFrom, ChangeSink sink) {
    Context caller = context.vertx().getOrCreateContext();
    return blocking(current -> {
      ChangeDetectionStrategy strategy = current.settings().forcedChangeDetection()
          .orElseGet(() -> ChangeDetectionStrategy.autoSelect(
              ChangeDetectionStrategy.supportedBy(current.dse())));
      AtomicReference<DirectoryWatch> self = new AtomicReference<>();
      ChangeFeed feed = new ChangeFeed(sink, e -> {
        context.logger().log(Level.WARNING, "The hub did not store changes from the "
            + "directory; the watch stops until the hub restarts it: {0}", e.getMessage());
        // Told on the thread that completed the hub's future, maybe an event loop: closing
        // talks to the server, so it goes to a worker.
        context.blockingExecutor().executeBlocking(() -> {
          self.get().close();
          return null;
        });
      }, context::reportConnection);
      DirectoryWatch created = Watches.create(strategy, current.connections(),
          current.settings(), resumeFrom, new DirectoryEntries(current.settings(),
              current.pool()), feed, context.logger());
      self.set(created);
      Following previous = watch.getAndSet(new Following(created, feed));
      if (previous != null) {
        previous.close();
      }
      context.logger().log(Level.INFO, "Watching the directory for changes with {0}",
          strategy.id());
      return created;
    }).compose(created -> Future.fromCompletionStage(created.start(), caller));
  }

  /** Runs a call on the blocking executor against the started instance. */
  private <T> Future<T> blocking(java.util.function.Function<Running, T> call) {
    Running current = running.get();
    if (current == null) {
      return Future.failedFuture(new ConnectorException(Reason.UNAVAILABLE,
          "The LDAP connector is not started"));
    }
    return context.blockingExecutor().executeBlocking(() -> call.apply(current));
  }

  private LDAPConnectionPool openPool(LdapSettings settings, LdapConnections connections,
      LdapTls tls) {
    try {
      return connections.openPool("slx-ldap-" + context.instanceId());
    } catch (LDAPException e) {
      String urls = urls(settings);
      if (e instanceof LDAPExtendedOperationException && settings.security() == Security.STARTTLS) {
        throw new ConnectorException(Reason.MISCONFIGURED, "Cannot connect to " + urls
            + ": the server refused StartTLS (" + LdapFailures.describe(e) + "). Enable StartTLS "
            + "on the server, or use LDAPS.", e);
      }
      if (tls != null && tls.isTlsFailure(e)) {
        LdapSettings.Endpoint last = settings.urls().get(settings.urls().size() - 1);
        throw new ConnectorException(Reason.MISCONFIGURED, "Cannot connect to " + urls + ". "
            + tls.explainFailure(e, last, settings.security(), settings.verifyHostname()), e);
      }
      throw LdapFailures.toConnectorException("Connecting to " + urls + " as "
          + settings.bindIdentity(), e, settings.bindIdentity());
    }
  }

  private static String urls(LdapSettings settings) {
    return settings.urls().stream().map(LdapSettings.Endpoint::url)
        .collect(Collectors.joining(", "));
  }
}
