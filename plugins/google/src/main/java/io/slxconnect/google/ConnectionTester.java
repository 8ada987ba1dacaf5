package io.slxconnect.google;

import com.google.api.services.directory.Directory;
import com.google.api.services.directory.DirectoryRequest;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.slxconnect.api.ConnectionReport;
import io.slxconnect.api.ConnectionReport.Step;
import io.slxconnect.api.ConnectorException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * "Test connection", step by step, stopping at the first failure: the settings, the service
 * account key, an access token acting as the admin (telling "delegation not granted" from "a
 * scope missing" by asking for each scope alone), reading users (the API enabled, the admin's
 * rights) and groups, and the address push notifications go to. Blocks: run it on a worker.
 */
final class ConnectionTester {

  private final JsonObject json;
  private final String hookUrl;
  private final List<Step> steps = new ArrayList<>();
  private final Map<String, String> facts = new LinkedHashMap<>();

  /**
   * Creates a tester.
   *
   * @param json the settings, secrets decrypted
   * @param hookUrl the instance's hook URL
   */
  ConnectionTester(JsonObject json, String hookUrl) {
    this.json = json;
    this.hookUrl = hookUrl;
  }

  /** {@return the report} */
  ConnectionReport run() {
    try {
      GoogleSettings settings = step("settings", () -> GoogleSettings.from(json),
          s -> "Acting as " + s.adminEmail() + " for "
              + (s.domain() != null ? "domain " + s.domain() : "customer " + s.customer()));
      ServiceAccountCredentials account = step("service account key",
          () -> DirectoryClients.serviceAccount(settings),
          a -> "Service account " + a.getClientEmail() + ", client id " + a.getClientId());
      facts.put("service account", account.getClientEmail());
      facts.put("client id", String.valueOf(account.getClientId()));
      facts.put("admin", settings.adminEmail());
      step("access token", () -> token(settings, account, DirectoryClients.SCOPES),
          v -> "The service account may act for " + settings.adminEmail() + " with the scopes "
              + String.join(", ", DirectoryClients.SCOPES));
      Directory directory = DirectoryClients.directory(settings,
          DirectoryClients.delegated(account, settings, DirectoryClients.SCOPES));
      step("read users", () -> api("Reading users", settings,
          () -> first(directory.users().list(), settings)), v -> "Users can be read");
      step("read groups", () -> api("Reading groups", settings,
          () -> first(directory.groups().list(), settings)), v -> "Groups can be read");
      if (settings.pushNotifications()) {
        String address = settings.pushAddress(hookUrl);
        facts.put("push address", address);
        step("push address", () -> pushAddress(address),
            v -> "Google sends user changes to " + address);
      }
    } catch (Failed stop) {
      // The failed step is recorded; the report ends there.
    }
    return new ConnectionReport(steps, facts);
  }

  private Void token(GoogleSettings settings, ServiceAccountCredentials account,
      List<String> scopes) {
    try {
      DirectoryClients.delegated(account, settings, scopes).refresh();
      return null;
    } catch (IOException e) {
      boolean unauthorized = GoogleFailures.tokenError(e)
          .filter(t -> "unauthorized_client".equals(t.error())).isPresent();
      if (unauthorized && scopes.size() > 1) {
        throw new ConnectorException(ConnectorException.Reason.INSUFFICIENT_ACCESS,
            missingScopes(settings, account));
      }
      throw GoogleFailures.describe("Getting an access token", e, settings);
    }
  }

  /** Asks for each scope alone to tell which ones the delegation lacks. */
  private String missingScopes(GoogleSettings settings, ServiceAccountCredentials account) {
    List<String> missing = new ArrayList<>();
    for (String scope : DirectoryClients.SCOPES) {
      try {
        DirectoryClients.delegated(account, settings, List.of(scope)).refresh();
      } catch (IOException e) {
        missing.add(scope);
      }
    }
    String where = " in the Admin console, Security > Access and data control > API controls > "
        + "Domain-wide delegation, for client id " + account.getClientId();
    if (missing.size() == DirectoryClients.SCOPES.size()) {
      return "Domain-wide delegation is not granted to the service account: add client id "
          + account.getClientId() + " with the scopes " + String.join(",", missing) + where
          + ". (Google: unauthorized_client)";
    }
    return "Scope missing from the domain-wide delegation: add " + String.join(",", missing)
        + where + ". (Google: unauthorized_client)";
  }

  /** Reads the first item of a list, to see whether reading works at all. */
  private static Void first(DirectoryRequest<?> list, GoogleSettings settings)
      throws IOException {
    settings.scoped(list).set("maxResults", 1).execute();
    return null;
  }

  private static Void pushAddress(String address) {
    if (!address.startsWith("https://")) {
      throw new ConnectorException(ConnectorException.Reason.MISCONFIGURED, "Google sends push "
          + "notifications only to HTTPS addresses, and " + address + " is not one: set the "
          + "hub's public URL (SLX_PUBLIC_URL) or the setting \"Hub's public base URL\" to the "
          + "https:// address Google reaches the hub at");
    }
    return null;
  }

  /** A Directory call whose failure is described for an admin. */
  private interface ApiCall {
    Void call() throws IOException;
  }

  private static Void api(String what, GoogleSettings settings, ApiCall call) {
    try {
      return call.call();
    } catch (IOException e) {
      throw GoogleFailures.describe(what, e, settings);
    }
  }

  private <T> T step(String name, Supplier<T> action, Function<T, String> success) {
    try {
      T result = action.get();
      steps.add(Step.ok(name, success.apply(result)));
      return result;
    } catch (ConnectorException e) {
      steps.add(Step.failed(name, e.getMessage()));
      throw new Failed();
    }
  }

  /** Ends the test after a failed step. */
  private static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failed() {
      super(null, null, false, false);
    }
  }
}
