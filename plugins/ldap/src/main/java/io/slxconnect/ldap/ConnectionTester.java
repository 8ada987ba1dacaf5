package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPExtendedOperationException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.slxconnect.api.ConnectionReport;
import io.slxconnect.api.ConnectionReport.Step;
import io.slxconnect.api.ConnectorException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * "Test connection": checks the settings, then connects, secures, binds, reads the root DSE and
 * the base DNs step by step on a connection of its own, stopping at the first failed step. Runs
 * blocking; one tester per test.
 */
final class ConnectionTester {

  static final String SETTINGS = "settings";
  static final String CONNECT = "connect";
  static final String TLS = "TLS";
  static final String BIND = "bind";
  static final String ROOT_DSE = "root DSE";
  static final String USER_BASE_DN = "user base DN";
  static final String GROUP_BASE_DN = "group base DN";
  static final String DIRSYNC = "DirSync";

  private final JsonObject rawSettings;
  private final List<Step> steps = new ArrayList<>();
  private final Map<String, String> facts = new LinkedHashMap<>();
  private String currentStep = SETTINGS;

  ConnectionTester(JsonObject rawSettings) {
    this.rawSettings = rawSettings;
  }

  /**
   * Runs the test.
   *
   * @return the report; problems are failed steps, never exceptions
   */
  ConnectionReport run() {
    try {
      runSteps();
    } catch (RuntimeException e) {
      steps.add(Step.failed(currentStep, "Unexpected error: " + LdapFailures.rootCause(e)));
    }
    return new ConnectionReport(steps, facts);
  }

  private void runSteps() {
    LdapSettings settings = checkSettings();
    if (settings == null) {
      return;
    }
    LdapTls tls = settings.security().usesTls()
        ? LdapTls.create(settings.trustedCertificates()) : null;
    LdapConnections connections = new LdapConnections(settings, tls);
    LDAPConnection connection = connect(settings, connections, tls);
    if (connection == null) {
      return;
    }
    try {
      if (!bind(settings, connections, connection)) {
        return;
      }
      RootDse dse = readRootDse(settings, connection);
      if (dse == null) {
        return;
      }
      if (!checkBase(connection, USER_BASE_DN, settings.userBaseDn(), settings.userScope(),
          settings.userFilter(), "userFilter", "sampleUser", dse)) {
        return;
      }
      if (settings.groupBaseDn() != null && !checkBase(connection, GROUP_BASE_DN,
          settings.groupBaseDn(), SearchScope.SUB, settings.groupFilter(), "groupFilter",
          "sampleGroup", dse)) {
        return;
      }
      ChangeDetectionStrategy strategy = settings.forcedChangeDetection()
          .orElseGet(() -> ChangeDetectionStrategy.autoSelect(
              ChangeDetectionStrategy.supportedBy(dse)));
      if (strategy == ChangeDetectionStrategy.AD_NOTIFICATION
          || strategy == ChangeDetectionStrategy.DIRSYNC) {
        checkDirSync(settings, connection, dse);
      }
    } finally {
      connection.close();
    }
  }

  private LdapSettings checkSettings() {
    currentStep = SETTINGS;
    try {
      LdapSettings settings = LdapSettings.from(rawSettings);
      ok(SETTINGS, "Valid: " + settings.urls().size() + " server URL(s), security '"
          + settings.security().id() + "', bind as " + settings.bindIdentity() + ".");
      facts.put("security", settings.security() == Security.NONE
          ? "none (plaintext)" : settings.security().id());
      return settings;
    } catch (ConnectorException e) {
      failed(SETTINGS, e.getMessage());
      return null;
    }
  }

  /** The "connect" step, and for LDAPS and StartTLS the "TLS" step after it. */
  private LDAPConnection connect(LdapSettings settings, LdapConnections connections, LdapTls tls) {
    currentStep = CONNECT;
    List<String> unreachable = new ArrayList<>();
    LdapSettings.Endpoint endpoint = null;
    for (LdapSettings.Endpoint candidate : settings.urls()) {
      String problem = probe(candidate, settings.connectTimeoutSeconds());
      if (problem == null) {
        endpoint = candidate;
        break;
      }
      unreachable.add(candidate.url() + ": " + problem);
    }
    if (endpoint == null) {
      failed(CONNECT, "No server could be reached. " + String.join("; ", unreachable) + ".");
      return null;
    }
    String skipped = unreachable.isEmpty() ? ""
        : " Failed before it: " + String.join("; ", unreachable) + ".";
    facts.put("connectedUrl", endpoint.url());
    try {
      if (settings.security() == Security.LDAPS) {
        ok(CONNECT, "TCP connection to " + endpoint.url() + " works." + skipped);
        currentStep = TLS;
        return openLdaps(connections, tls, endpoint, settings);
      }
      LDAPConnection connection = connections.openPlain(endpoint);
      ok(CONNECT, "Connected to " + endpoint.url() + "." + skipped);
      if (settings.security() == Security.STARTTLS
          && !startTls(connections, connection, tls, endpoint, settings)) {
        connection.close();
        return null;
      }
      return connection;
    } catch (LDAPException e) {
      failed(CONNECT, "Could not open an LDAP connection to " + endpoint.url() + ": "
          + LdapFailures.describe(e));
      return null;
    }
  }

  private LDAPConnection openLdaps(LdapConnections connections, LdapTls tls,
      LdapSettings.Endpoint endpoint, LdapSettings settings) {
    try {
      LDAPConnection connection = connections.openLdaps(endpoint);
      tlsOk(connection, tls, "LDAPS");
      return connection;
    } catch (LDAPException e) {
      failed(TLS, tls.explainFailure(e, endpoint, Security.LDAPS, settings.verifyHostname()));
      return null;
    }
  }

  private boolean startTls(LdapConnections connections, LDAPConnection connection, LdapTls tls,
      LdapSettings.Endpoint endpoint, LdapSettings settings) {
    currentStep = TLS;
    try {
      ExtendedResult result = connections.startTls(connection);
      if (result.getResultCode() != ResultCode.SUCCESS) {
        failed(TLS, startTlsRefused(endpoint, result));
        return false;
      }
      tlsOk(connection, tls, "StartTLS");
      return true;
    } catch (LDAPExtendedOperationException e) {
      failed(TLS, startTlsRefused(endpoint, e.getExtendedResult()));
      return false;
    } catch (LDAPException e) {
      failed(TLS, tls.explainFailure(e, endpoint, Security.STARTTLS, settings.verifyHostname()));
      return false;
    }
  }

  private static String startTlsRefused(LdapSettings.Endpoint endpoint, ExtendedResult result) {
    return "TLS failed: " + endpoint.url() + " refused StartTLS ("
        + result.getResultCode().getName() + " (" + result.getResultCode().intValue() + ")"
        + (result.getDiagnosticMessage() == null ? "" : ": " + result.getDiagnosticMessage())
        + "). Enable StartTLS on the server, or use LDAPS.";
  }

  private void tlsOk(LDAPConnection connection, LdapTls tls, String mode) {
    String protocol = connection.getSSLSession() == null ? "TLS"
        : connection.getSSLSession().getProtocol();
    facts.put("tlsProtocol", protocol);
    String certificate = tls.lastServerCertificate() == null ? "the server certificate"
        : LdapTls.describe(tls.lastServerCertificate());
    if (tls.lastServerCertificate() != null) {
      facts.put("serverCertificate",
          tls.lastServerCertificate().getSubjectX500Principal().getName());
    }
    ok(TLS, mode + " with " + protocol + "; trusted " + certificate + ".");
  }

  private boolean bind(LdapSettings settings, LdapConnections connections,
      LDAPConnection connection) {
    currentStep = BIND;
    try {
      connection.bind(connections.bindRequest());
      ok(BIND, settings.bindDn() == null
          ? "Anonymous access accepted (no bindDn configured)."
          : "Bound as " + settings.bindDn() + ".");
      return true;
    } catch (LDAPException e) {
      failed(BIND, LdapFailures.bindFailure(settings.bindIdentity(), e));
      return false;
    }
  }

  private RootDse readRootDse(LdapSettings settings, LDAPConnection connection) {
    currentStep = ROOT_DSE;
    RootDse dse;
    try {
      dse = RootDse.read(connection);
    } catch (LDAPException e) {
      failed(ROOT_DSE, "Cannot read the root DSE as " + settings.bindIdentity() + ": "
          + LdapFailures.describe(e));
      return null;
    }
    Set<ChangeDetectionStrategy> supported = ChangeDetectionStrategy.supportedBy(dse);
    String supportedIds = ids(supported);
    facts.put("vendor", dse.vendor());
    facts.put("vendorVersion", dse.vendorVersion());
    facts.put("namingContexts", String.join("; ", dse.namingContexts()));
    facts.put("supportedLdapVersion", String.join(", ", dse.supportedLdapVersions()));
    facts.put("changeDetection", supportedIds);
    String summary = dse.vendor() + " " + dse.vendorVersion() + ". Change detection offered: "
        + supportedIds + ".";
    ChangeDetectionStrategy forced = settings.forcedChangeDetection().orElse(null);
    if (forced != null && !supported.contains(forced)) {
      failed(ROOT_DSE, summary + " The configured change detection '" + forced.id()
          + "' is not supported by this server; choose 'auto' or one of: " + supportedIds + ".");
      return null;
    }
    ChangeDetectionStrategy selected =
        forced != null ? forced : ChangeDetectionStrategy.autoSelect(supported);
    facts.put("selectedStrategy", selected.id());
    ok(ROOT_DSE, summary + " Using " + selected.id()
        + (forced != null ? " (configured)." : " (auto)."));
    return dse;
  }

  private boolean checkBase(LDAPConnection connection, String step, DN base, SearchScope scope,
      Filter filter, String filterSetting, String sampleFact, RootDse dse) {
    currentStep = step;
    try {
      connection.search(new SearchRequest(base.toString(), SearchScope.BASE,
          Filter.createPresenceFilter("objectClass"), SearchRequest.NO_ATTRIBUTES));
    } catch (LDAPSearchException e) {
      failed(step, missingBase(base, e, dse));
      return false;
    }
    SearchRequest sample = new SearchRequest(base.toString(), scope, filter,
        SearchRequest.NO_ATTRIBUTES);
    sample.setSizeLimit(1);
    List<SearchResultEntry> entries;
    try {
      entries = connection.search(sample).getSearchEntries();
    } catch (LDAPSearchException e) {
      if (e.getResultCode() != ResultCode.SIZE_LIMIT_EXCEEDED) {
        failed(step, "Searching " + base + " with " + filterSetting + " " + filter + " failed: "
            + LdapFailures.describe(e));
        return false;
      }
      entries = e.getSearchEntries();
    }
    if (entries.isEmpty()) {
      facts.put(sampleFact, "none found");
      ok(step, base + " exists, but no entry below it matches " + filter + ": check "
          + filterSetting + ".");
    } else {
      facts.put(sampleFact, entries.get(0).getDN());
      ok(step, base + " exists; " + filter + " matches entries such as "
          + entries.get(0).getDN() + ".");
    }
    return true;
  }

  private static String missingBase(DN base, LDAPSearchException e, RootDse dse) {
    if (e.getResultCode() != ResultCode.NO_SUCH_OBJECT) {
      return "Cannot read base DN " + base + ": " + LdapFailures.describe(e);
    }
    StringBuilder text = new StringBuilder("Base DN ").append(base)
        .append(" does not exist (noSuchObject).");
    if (e.getMatchedDN() != null && !e.getMatchedDN().isEmpty()) {
      text.append(" The closest existing entry is ").append(e.getMatchedDN()).append('.');
    }
    if (!dse.namingContexts().isEmpty()) {
      text.append(" The server's naming contexts are: ")
          .append(String.join("; ", dse.namingContexts())).append('.');
    }
    return text.toString();
  }

  private static String probe(LdapSettings.Endpoint endpoint, int timeoutSeconds) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()),
          timeoutSeconds * 1000);
      return null;
    } catch (IOException e) {
      return LdapFailures.networkFailure(e, timeoutSeconds);
    }
  }

  private static String ids(Set<ChangeDetectionStrategy> strategies) {
    return strategies.stream().map(ChangeDetectionStrategy::id).collect(Collectors.joining(", "));
  }

  /** The "DirSync" step: whether the account may follow every change and deletion. */
  private void checkDirSync(LdapSettings settings, LDAPConnection connection, RootDse dse) {
    currentStep = DIRSYNC;
    try {
      DN root = dse.namingContextOf(settings.userBaseDn()).orElse(null);
      if (root == null) {
        failed(DIRSYNC, "'userBaseDn' " + settings.userBaseDn() + " is in none of the server's "
            + "naming contexts (" + String.join("; ", dse.namingContexts()) + ").");
        return;
      }
      AdChangeWatch.checkReplicationRight(connection, root);
      ok(DIRSYNC, settings.bindIdentity() + " may use DirSync on " + root
          + ": changes and deletions are followed.");
    } catch (LDAPException e) {
      if (e.getResultCode() == ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
        failed(DIRSYNC, settings.bindIdentity() + " has no right to use DirSync (it needs "
            + "'Replicating Directory Changes' on the domain). Without it the watch sees only "
            + "what the account may read and can miss deletions, so leavers may keep their "
            + "access elsewhere. Grant the right, see the LDAP connector guide.");
      } else {
        failed(DIRSYNC, "DirSync failed: " + LdapFailures.describe(e));
      }
    }
  }

  private void ok(String step, String detail) {
    steps.add(Step.ok(step, detail));
  }

  private void failed(String step, String detail) {
    steps.add(Step.failed(step, detail));
  }
}
