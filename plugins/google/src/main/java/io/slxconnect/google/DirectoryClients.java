package io.slxconnect.google;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.directory.Directory;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * Builds the Directory API client: the service account key's credentials, scoped and delegated
 * to the admin, on the JDK HTTP transport. The token endpoint is the key's {@code token_uri}, as
 * Google's library reads it. The client blocks: call it only from a worker
 * ({@link GoogleCalls}).
 */
final class DirectoryClients {

  /** Users: read, create, change, delete; also what users.watch needs. */
  static final String USER_SCOPE = "https://www.googleapis.com/auth/admin.directory.user";
  /** Groups: read. */
  static final String GROUP_SCOPE = "https://www.googleapis.com/auth/admin.directory.group";
  /** Group members: read, add, remove. */
  static final String MEMBER_SCOPE =
      "https://www.googleapis.com/auth/admin.directory.group.member";
  /** Every scope the connector asks for. */
  static final List<String> SCOPES = List.of(USER_SCOPE, GROUP_SCOPE, MEMBER_SCOPE);

  private static final int TIMEOUT_MILLIS = 20_000;
  private static final HttpTransport TRANSPORT = new NetHttpTransport();

  private DirectoryClients() {
  }

  /**
   * Parses the service account key.
   *
   * @param settings the settings holding the key
   * @return the undelegated, unscoped credentials
   * @throws ConnectorException {@code MISCONFIGURED} when the key is no service account key
   */
  static ServiceAccountCredentials serviceAccount(GoogleSettings settings) {
    try {
      return ServiceAccountCredentials.fromStream(new ByteArrayInputStream(
          settings.serviceAccountKey().getBytes(StandardCharsets.UTF_8)), () -> TRANSPORT);
    } catch (IOException | RuntimeException e) {
      // The library's messages name fields, never the key's values.
      throw new ConnectorException(Reason.MISCONFIGURED, "The service account key cannot be "
          + "read: " + e.getMessage() + ". Paste the whole JSON key file of a service account "
          + "(type service_account, with client_email and private_key).", e);
    }
  }

  /**
   * Credentials acting as the admin with the given scopes.
   *
   * @param account the service account
   * @param settings the admin to impersonate
   * @param scopes the scopes to ask for
   * @return delegated credentials; tokens are fetched on first use
   */
  static GoogleCredentials delegated(ServiceAccountCredentials account, GoogleSettings settings,
      Collection<String> scopes) {
    return account.createScoped(scopes).createDelegated(settings.adminEmail());
  }

  /**
   * The Directory client.
   *
   * @param settings where the API is
   * @param credentials how to authenticate
   * @return the client
   */
  static Directory directory(GoogleSettings settings, GoogleCredentials credentials) {
    HttpCredentialsAdapter authentication = new HttpCredentialsAdapter(credentials);
    HttpRequestInitializer initializer = request -> {
      authentication.initialize(request);
      request.setConnectTimeout(TIMEOUT_MILLIS);
      request.setReadTimeout(TIMEOUT_MILLIS);
    };
    return new Directory.Builder(TRANSPORT, GsonFactory.getDefaultInstance(), initializer)
        .setRootUrl(settings.apiRootUrl())
        .setApplicationName("SLX Connect")
        .build();
  }
}
