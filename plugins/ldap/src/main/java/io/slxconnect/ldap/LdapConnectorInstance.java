package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPExtendedOperationException;
import io.slxconnect.api.ConnectionReport;
import io.slxconnect.api.ConnectorContext;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.api.ExternalUser;
import io.slxconnect.api.Page;
import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * One configured directory connection. {@link #start()} opens a small pool of bound connections
 * over the configured URLs; every SDK call runs on the context's blocking executor, never on the
 * event loop.
 */
final class LdapConnectorInstance implements ConnectorInstance {

  /** What a started instance holds. */
  private record Running(LDAPConnectionPool pool, UserPager users) {
    void close() {
      users.close();
      pool.close();
    }
  }

  private final ConnectorContext context;
  private final AtomicReference<Running> running = new AtomicReference<>();

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
      LDAPConnectionPool pool = openPool(settings, tls);
      Running started = new Running(pool, new UserPager(pool, settings));
      if (!running.compareAndSet(null, started)) {
        started.close();
      } else {
        context.logger().log(Level.INFO, "LDAP connector started: {0}, security {1}, bind as {2}",
            urls(settings), settings.security().id(), settings.bindIdentity());
      }
      return null;
    });
  }

  @Override
  public Future<Void> stop() {
    Running stopping = running.getAndSet(null);
    if (stopping == null) {
      return Future.succeededFuture();
    }
    return context.blockingExecutor().executeBlocking(() -> {
      stopping.close();
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
    Running current = running.get();
    if (current == null) {
      return Future.failedFuture(new ConnectorException(Reason.UNAVAILABLE,
          "The LDAP connector is not started"));
    }
    return context.blockingExecutor().executeBlocking(() -> current.users().read(cursor));
  }

  private LDAPConnectionPool openPool(LdapSettings settings, LdapTls tls) {
    try {
      return new LdapConnections(settings, tls).openPool("slx-ldap-" + context.instanceId());
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
