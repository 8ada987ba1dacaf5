package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import java.util.List;
import javax.net.SocketFactory;

/**
 * Opens connections and connection pools as the settings say: URLs in fail-over order, LDAPS or
 * StartTLS through {@link LdapTls}, host-name verification, timeouts and the bind. All methods
 * block; call them on a worker thread.
 */
final class LdapConnections {

  /** How long one LDAP operation may take before it is abandoned. */
  static final long RESPONSE_TIMEOUT_MILLIS = 60_000;

  private final LdapSettings settings;
  private final LdapTls tls;

  /**
   * Creates the factory.
   *
   * @param settings the settings
   * @param tls the TLS setup; {@code null} only for security 'none'
   */
  LdapConnections(LdapSettings settings, LdapTls tls) {
    this.settings = settings;
    this.tls = tls;
  }

  /** {@return connection options with the configured timeouts and host-name verification} */
  LDAPConnectionOptions options() {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis(settings.connectTimeoutSeconds() * 1000);
    options.setResponseTimeoutMillis(RESPONSE_TIMEOUT_MILLIS);
    options.setAbandonOnTimeout(true);
    if (settings.security().usesTls() && settings.verifyHostname()) {
      // Applied by the SDK after the LDAPS handshake and after StartTLS alike.
      options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
    }
    return options;
  }

  /**
   * Opens an unencrypted connection (for security 'none', or before StartTLS).
   *
   * @param endpoint the server
   * @return the connection, not bound
   * @throws LDAPException when it cannot be opened
   */
  LDAPConnection openPlain(LdapSettings.Endpoint endpoint) throws LDAPException {
    return new LDAPConnection(options(), endpoint.host(), endpoint.port());
  }

  /**
   * Opens an LDAPS connection: TLS handshake, certificate and host-name check.
   *
   * @param endpoint the server
   * @return the connection, not bound
   * @throws LDAPException when the connection or the TLS checks fail
   */
  LDAPConnection openLdaps(LdapSettings.Endpoint endpoint) throws LDAPException {
    return new LDAPConnection(tls.socketFactory(), options(), endpoint.host(), endpoint.port());
  }

  /**
   * Upgrades a plain connection with StartTLS.
   *
   * @param connection the plain connection
   * @return the server's answer; anything but success means the connection stays plain
   * @throws LDAPException when the TLS handshake or checks fail
   */
  ExtendedResult startTls(LDAPConnection connection) throws LDAPException {
    return connection.processExtendedOperation(new StartTLSExtendedRequest(tls.context()));
  }

  /** {@return the bind name shown to admins} */
  String bindIdentity() {
    return settings.bindIdentity();
  }

  /** {@return the configured simple bind, anonymous when no bind DN is set} */
  BindRequest bindRequest() {
    return settings.bindDn() == null
        ? new SimpleBindRequest()
        : new SimpleBindRequest(settings.bindDn(), settings.bindPassword());
  }

  /**
   * Opens a small pool of bound connections over all URLs, in fail-over order.
   *
   * @param name the pool's name, for the SDK's diagnostics
   * @return the pool, with one connection established
   * @throws LDAPException when no server can be connected to and bound
   */
  LDAPConnectionPool openPool(String name) throws LDAPException {
    LDAPConnectionPool pool = new LDAPConnectionPool(servers(null, null), configuredBind(), 1,
        settings.poolSize(), startTls());
    pool.setConnectionPoolName(name);
    pool.setRetryFailedOperationsDueToInvalidConnections(true);
    return pool;
  }

  /**
   * Opens one bound connection outside any pool, trying the URLs in fail-over order: for a
   * watch, whose search holds its connection for as long as it runs.
   *
   * @return the connection, protected as configured and bound
   * @throws LDAPException when no server can be connected to and bound
   */
  LDAPConnection openConnection() throws LDAPException {
    return servers(configuredBind(), startTls()).getConnection();
  }

  private FailoverServerSet servers(BindRequest bind, PostConnectProcessor startTls) {
    List<LdapSettings.Endpoint> urls = settings.urls();
    String[] hosts = urls.stream().map(LdapSettings.Endpoint::host).toArray(String[]::new);
    int[] ports = urls.stream().mapToInt(LdapSettings.Endpoint::port).toArray();
    SocketFactory sockets = settings.security() == Security.LDAPS
        ? tls.socketFactory() : SocketFactory.getDefault();
    return new FailoverServerSet(hosts, ports, sockets, options(), bind, startTls);
  }

  /** {@return the bind to make, or {@code null} to stay anonymous} */
  private BindRequest configuredBind() {
    return settings.bindDn() == null ? null : bindRequest();
  }

  private PostConnectProcessor startTls() {
    return settings.security() == Security.STARTTLS
        ? new StartTLSPostConnectProcessor(tls.context()) : null;
  }
}
