package io.slxconnect.cognito;

import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.slxconnect.api.ExternalUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * Turns Cognito users into the hub's accounts and back, after the attribute mapping. The stable
 * id of an account is its {@code sub}, which Cognito assigns and never changes; the username
 * cannot change either, but in pools that sign in by e-mail or phone it is an opaque value.
 */
final class UserMapper {

  /** The attribute holding a user's stable id. */
  static final String SUB = "sub";
  /** The free attribute that carries the Cognito username. */
  static final String USERNAME_ATTRIBUTE = "cognito:username";
  /** The free attribute that carries the user's status: CONFIRMED, FORCE_CHANGE_PASSWORD... */
  static final String STATUS_ATTRIBUTE = "cognito:status";
  private static final String PHONE = "phone_number";
  private static final String EMAIL_VERIFIED = "email_verified";

  private final CognitoSettings settings;
  private final AttributeMapping mapping;

  /**
   * Creates a mapper.
   *
   * @param settings the mapping, the username mode and the switches
   */
  UserMapper(CognitoSettings settings) {
    this.settings = settings;
    this.mapping = settings.mapping();
  }

  /**
   * Maps a user as ListUsers, ListUsersInGroup and AdminCreateUser return it.
   *
   * @param user the Cognito user
   * @return the account
   */
  ExternalUser toUser(UserType user) {
    return toUser(user.username(), user.attributes(), !Boolean.FALSE.equals(user.enabled()),
        user.userStatusAsString());
  }

  /**
   * Maps a user from its parts.
   *
   * @param username the Cognito username
   * @param attributes its attributes
   * @param enabled whether it is enabled
   * @param status its status, or {@code null}
   * @return the account
   */
  ExternalUser toUser(String username, List<AttributeType> attributes, boolean enabled,
      String status) {
    Map<String, String> values = values(attributes);
    Map<String, List<String>> free = new LinkedHashMap<>();
    free.put(USERNAME_ATTRIBUTE, List.of(username));
    if (status != null) {
      free.put(STATUS_ATTRIBUTE, List.of(status));
    }
    for (String name : settings.extraAttributes()) {
      String value = values.get(name);
      free.put(name, value == null ? List.of() : List.of(value));
    }
    String email = get(values, mapping.email());
    return new ExternalUser(values.get(SUB), userName(username, values),
        get(values, mapping.displayName()), get(values, mapping.givenName()),
        get(values, mapping.familyName()), email == null ? List.of() : List.of(email), enabled,
        get(values, mapping.employeeNumber()), get(values, mapping.department()), null,
        List.of(), free);
  }

  /**
   * The username a new account gets, after the username mode.
   *
   * @param user the account to create
   * @return the Cognito username
   * @throws ConnectorException {@code REJECTED} when the user lacks the value the mode needs
   */
  String newUsername(ExternalUser user) {
    String username = switch (settings.usernameMode()) {
      case USERNAME -> user.userName();
      case EMAIL -> user.emails().isEmpty() ? null : user.emails().get(0);
      case PHONE -> first(user.attributes().get(PHONE));
    };
    if (username == null || username.isBlank()) {
      throw new ConnectorException(Reason.REJECTED, "Cannot create " + user.userName()
          + " in Cognito: the pool signs in by " + settings.usernameMode().name()
          .toLowerCase(Locale.ROOT) + " and the user has none");
    }
    return username;
  }

  /**
   * The attributes to write so that an account holds the hub's values: the mapped fields and
   * further attributes the hub has a value for, where they differ from what Cognito holds.
   * Values the hub does not have are left as they are.
   *
   * @param user the hub's state
   * @param current the account's attributes now; empty for a new account
   * @return the attributes to write, possibly none
   */
  List<AttributeType> changes(ExternalUser user, List<AttributeType> current) {
    Map<String, String> now = values(current);
    Map<String, String> wanted = new LinkedHashMap<>();
    put(wanted, mapping.displayName(), user.displayName());
    put(wanted, mapping.givenName(), user.givenName());
    put(wanted, mapping.familyName(), user.familyName());
    put(wanted, mapping.email(), user.emails().isEmpty() ? null : user.emails().get(0));
    put(wanted, mapping.employeeNumber(), user.employeeNumber());
    put(wanted, mapping.department(), user.department());
    for (String name : settings.extraAttributes()) {
      put(wanted, name, first(user.attributes().get(name)));
    }
    List<AttributeType> changes = new ArrayList<>();
    wanted.forEach((name, value) -> {
      if (!value.equals(now.get(name))) {
        changes.add(attribute(name, value));
      }
    });
    boolean emailWritten = changes.stream().anyMatch(a -> a.name().equals(mapping.email()));
    if (emailWritten && settings.markEmailVerified() && "email".equals(mapping.email())) {
      changes.add(attribute(EMAIL_VERIFIED, "true"));
    }
    return changes;
  }

  /**
   * The stable id among a user's attributes.
   *
   * @param attributes the attributes
   * @return the {@code sub}, or {@code null}
   */
  static String sub(List<AttributeType> attributes) {
    return attributes.stream().filter(a -> SUB.equals(a.name())).map(AttributeType::value)
        .filter(Objects::nonNull).findFirst().orElse(null);
  }

  private String userName(String username, Map<String, String> values) {
    String byMode = switch (settings.usernameMode()) {
      case USERNAME -> null;
      case EMAIL -> values.get("email");
      case PHONE -> values.get(PHONE);
    };
    return byMode == null ? username : byMode;
  }

  private static Map<String, String> values(List<AttributeType> attributes) {
    Map<String, String> values = new LinkedHashMap<>();
    for (AttributeType attribute : attributes) {
      if (attribute.value() != null) {
        values.put(attribute.name(), attribute.value());
      }
    }
    return values;
  }

  private static String get(Map<String, String> values, String name) {
    return name == null ? null : values.get(name);
  }

  private static void put(Map<String, String> wanted, String name, String value) {
    if (name != null && value != null && !value.isBlank()) {
      wanted.put(name, value);
    }
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static AttributeType attribute(String name, String value) {
    return AttributeType.builder().name(name).value(value).build();
  }
}
