package io.slxconnect.google;

import com.google.api.services.directory.DirectoryRequest;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * The settings of one Google Workspace connector, read once from the validated JSON (defaults
 * filled in by the hub). The service account key stays a string until {@link DirectoryClients}
 * parses it, so that a bad key is reported by the connection test rather than here.
 *
 * @param serviceAccountKey the service account's JSON key (secret; never log it)
 * @param adminEmail the admin the service account impersonates
 * @param customer the customer id, or {@code my_customer}
 * @param domain only this domain, or {@code null} for the whole customer
 * @param orgUnitPath where new users are created
 * @param requirePasswordChange whether passwords the hub sets must be changed at next login
 * @param pushNotifications whether user changes come through users.watch channels
 * @param publicBaseUrl the hub's public base URL for push notifications, or {@code null}
 * @param channelLifetime how long a channel is asked to live
 * @param pollInterval the time between two polls of groups (and users without push)
 * @param pageSize users or groups per list request
 * @param maxRetries retries of a throttled or failed call
 * @param apiRootUrl the Admin SDK root URL, ending with a slash
 */
record GoogleSettings(String serviceAccountKey, String adminEmail, String customer,
    String domain, String orgUnitPath, boolean requirePasswordChange, boolean pushNotifications,
    String publicBaseUrl, Duration channelLifetime, Duration pollInterval, int pageSize,
    int maxRetries, String apiRootUrl) {

  /** Google lists at most this many groups per page. */
  static final int MAX_GROUP_PAGE = 200;

  /**
   * Reads the settings the hub validated against the schema.
   *
   * @param json the settings, secrets decrypted
   * @return the settings
   * @throws ConnectorException {@code MISCONFIGURED} when the key or the admin is missing
   */
  static GoogleSettings from(JsonObject json) {
    String key = blankToNull(json.getString("serviceAccountKey"));
    if (key == null) {
      throw new ConnectorException(Reason.MISCONFIGURED,
          "No service account key is set: paste the JSON key of the service account");
    }
    String admin = blankToNull(json.getString("adminEmail"));
    if (admin == null) {
      throw new ConnectorException(Reason.MISCONFIGURED,
          "No admin user is set: give the email of the admin the service account acts as");
    }
    String base = blankToNull(json.getString("publicBaseUrl"));
    return new GoogleSettings(key, admin, json.getString("customer", "my_customer"),
        blankToNull(json.getString("domain")), json.getString("orgUnitPath", "/"),
        json.getBoolean("requirePasswordChange", true),
        json.getBoolean("pushNotifications", false),
        base == null ? null : base.replaceAll("/+$", ""),
        Duration.ofSeconds(json.getInteger("channelLifetimeSeconds", 21600)),
        Duration.ofSeconds(json.getInteger("pollIntervalSeconds", 300)),
        json.getInteger("pageSize", 200), json.getInteger("maxRetries", 5),
        json.getString("apiRootUrl", "https://admin.googleapis.com/"));
  }

  /**
   * Limits a list or watch request to the configured domain, or else the customer.
   *
   * @param request a request with {@code domain} and {@code customer} parameters
   * @param <R> the request type
   * @return the request
   */
  <R extends DirectoryRequest<?>> R scoped(R request) {
    request.set(domain != null ? "domain" : "customer", domain != null ? domain : customer);
    return request;
  }

  /** {@return the page size for groups, which Google caps lower than users} */
  int groupPageSize() {
    return Math.min(pageSize, MAX_GROUP_PAGE);
  }

  /**
   * Where Google sends push notifications for users.
   *
   * @param hookUrl the hub's hook URL of this instance ({@code <public URL>/hooks/<id>})
   * @return the notification address
   */
  String pushAddress(String hookUrl) {
    int hookPath = hookUrl.indexOf("/hooks/");
    return (publicBaseUrl == null || hookPath < 0 ? hookUrl
        : publicBaseUrl + hookUrl.substring(hookPath)) + "/users";
  }

  @Override
  public String toString() {
    return "GoogleSettings[admin=" + adminEmail + ", customer=" + customer + ", domain=" + domain
        + ", push=" + pushNotifications + "]";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
