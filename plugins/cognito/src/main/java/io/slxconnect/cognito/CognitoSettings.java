package io.slxconnect.cognito;

import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The settings of one Cognito connector, parsed and checked once. The hub validates them against
 * the schema first; this class checks again what the code relies on and fills in the defaults, so
 * that an instance never runs on settings it does not understand. {@link #toString()} never shows
 * the secret access key.
 *
 * @param region the pool's AWS region
 * @param userPoolId the pool's id
 * @param credentials where the AWS credentials come from
 * @param endpoint another API endpoint than the region's, or {@code null}
 * @param usernameMode what the Cognito username is
 * @param mapping which attributes hold the hub's fields
 * @param extraAttributes attributes kept as free attributes under their own names
 * @param invitation what Cognito sends to users the hub creates
 * @param permanentPasswords whether passwords the hub sets are permanent
 * @param markEmailVerified whether e-mail addresses the hub writes are marked verified
 * @param createMissingGroups whether a group is created when a member is added to it
 * @param pageSize items per read request
 * @param pollInterval how often the watch lists the pool
 * @param deletionCheckInterval how often a pass also reports deleted users
 * @param pollRequestsPerSecond the most ListUsers requests the watch sends per second
 */
record CognitoSettings(String region, String userPoolId, Credentials credentials, URI endpoint,
    UsernameMode usernameMode, AttributeMapping mapping, List<String> extraAttributes,
    Invitation invitation, boolean permanentPasswords, boolean markEmailVerified,
    boolean createMissingGroups, int pageSize, Duration pollInterval,
    Duration deletionCheckInterval, int pollRequestsPerSecond) {

  private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-[0-9]+$");
  private static final Pattern POOL_ID = Pattern.compile("^[\\w-]+_[0-9a-zA-Z]+$");
  /** Cognito's largest page for ListUsers, ListGroups and ListUsersInGroup. */
  static final int MAX_PAGE_SIZE = 60;

  /**
   * Where the AWS credentials come from.
   *
   * @param accessKeyId the access key id, or {@code null} for the default chain
   * @param secretAccessKey the secret access key, or {@code null} for the default chain
   */
  record Credentials(String accessKeyId, String secretAccessKey) {

    /** {@return whether the SDK's default credential chain is used} */
    boolean defaultChain() {
      return accessKeyId == null;
    }

    /** {@return the kind of credentials; neither key, since both are stored as secrets} */
    @Override
    public String toString() {
      return defaultChain() ? "the default credential chain" : "an access key";
    }
  }

  /** What identifies a user at sign-in, and so what the Cognito username is. */
  enum UsernameMode {
    /** The hub's user name is the Cognito username. */
    USERNAME,
    /** The pool signs in by e-mail: the primary e-mail address is the username. */
    EMAIL,
    /** The pool signs in by phone: the {@code phone_number} attribute is the username. */
    PHONE
  }

  /** What Cognito sends to a user the hub creates. */
  enum Invitation {
    /** Nothing (MessageAction SUPPRESS). */
    SUPPRESS,
    /** The welcome message by e-mail. */
    EMAIL,
    /** The welcome message by SMS. */
    SMS,
    /** The welcome message by e-mail and SMS. */
    EMAIL_AND_SMS
  }

  /**
   * Parses and checks settings, with the schema's defaults for what is missing.
   *
   * @param json the settings as the hub hands them over
   * @return the settings
   * @throws ConnectorException {@code MISCONFIGURED}, naming the setting, when one is wrong
   */
  static CognitoSettings from(JsonObject json) {
    String region = matching(json, "region", REGION);
    String poolId = matching(json, "userPoolId", POOL_ID);
    URI endpoint = endpoint(json);
    // AWS pool ids start with their region; emulators behind an endpoint override may not.
    if (endpoint == null && !poolId.startsWith(region + "_")) {
      throw misconfigured("The user pool id '" + poolId + "' is not in region '" + region
          + "': a pool id starts with its region and an underscore");
    }
    return new CognitoSettings(region, poolId, credentials(json), endpoint,
        choice(json, "usernameMode", "username", UsernameMode.class),
        AttributeMapping.from(json.getJsonObject("attributeMapping", new JsonObject())),
        extraAttributes(json), choice(json, "invitation", "suppress", Invitation.class),
        "permanent".equals(text(json, "passwordMode", "permanent")),
        json.getBoolean("markEmailVerified", true), json.getBoolean("createMissingGroups", true),
        number(json, "pageSize", MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE),
        Duration.ofSeconds(number(json, "pollIntervalSeconds", 5, 1, 86_400)),
        Duration.ofSeconds(number(json, "deletionCheckIntervalSeconds", 300, 1, 86_400)),
        number(json, "pollRequestsPerSecond", 5, 1, 100));
  }

  private static Credentials credentials(JsonObject json) {
    String kind = text(json, "credentials", "access-key");
    if ("default-chain".equals(kind)) {
      return new Credentials(null, null);
    }
    if (!"access-key".equals(kind)) {
      throw misconfigured("'credentials' must be access-key or default-chain, not '" + kind + "'");
    }
    String keyId = text(json, "accessKeyId", null);
    String secret = text(json, "secretAccessKey", null);
    if (keyId == null || secret == null) {
      throw misconfigured("'accessKeyId' and 'secretAccessKey' are required with credentials "
          + "access-key (or choose default-chain)");
    }
    return new Credentials(keyId, secret);
  }

  private static URI endpoint(JsonObject json) {
    String endpoint = text(json, "endpoint", null);
    if (endpoint == null) {
      return null;
    }
    try {
      URI uri = URI.create(endpoint);
      if (uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw misconfigured("'endpoint' is not a URL such as https://cognito-idp.eu-west-1"
          + ".amazonaws.com: " + e.getMessage());
    }
  }

  private static List<String> extraAttributes(JsonObject json) {
    JsonArray names = json.getJsonArray("extraAttributes", new JsonArray().add("phone_number"));
    return names.stream().map(name -> {
      if (!(name instanceof String text) || !AttributeMapping.isAttributeName(text)) {
        throw misconfigured("'extraAttributes' holds '" + name + "', which is no Cognito "
            + "attribute name (given_name, custom:costCenter)");
      }
      return text;
    }).toList();
  }

  private static String text(JsonObject json, String name, String fallback) {
    Object value = json.getValue(name);
    if (value == null || value instanceof String s && s.isBlank()) {
      return fallback;
    }
    if (!(value instanceof String s)) {
      throw misconfigured("'" + name + "' must be text");
    }
    return s.trim();
  }

  private static String matching(JsonObject json, String name, Pattern pattern) {
    String value = text(json, name, null);
    if (value == null || !pattern.matcher(value).matches()) {
      throw misconfigured("'" + name + "' is " + (value == null ? "required" : "not valid: '"
          + value + "'"));
    }
    return value;
  }

  private static <E extends Enum<E>> E choice(JsonObject json, String name, String fallback,
      Class<E> type) {
    String value = text(json, name, fallback);
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw misconfigured("'" + name + "' has no choice '" + value + "'");
    }
  }

  private static int number(JsonObject json, String name, int fallback, int min, int max) {
    Object value = json.getValue(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number n) || n.intValue() < min || n.intValue() > max) {
      throw misconfigured("'" + name + "' must be a whole number from " + min + " to " + max);
    }
    return n.intValue();
  }

  /**
   * A settings error.
   *
   * @param message what is wrong, naming the setting
   * @return the exception
   */
  static ConnectorException misconfigured(String message) {
    return new ConnectorException(Reason.MISCONFIGURED, message);
  }
}
