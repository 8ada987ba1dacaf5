package io.slxconnect.hub.pipeline;

import io.slxconnect.api.ExternalUser;
import io.slxconnect.hub.store.UserData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * Turns an account seen in a connected system into canonical attributes. A system sets only
 * what it has: an attribute it leaves empty keeps the hub's value, so a target that knows fewer
 * attributes than the source cannot erase them when its own echo comes back.
 */
final class UserMerge {

  private UserMerge() {
  }

  /**
   * The attributes of a user first seen in a system.
   *
   * @param account the account
   * @param managerId the manager's user id, when resolved
   * @return the new user's attributes
   */
  static UserData create(ExternalUser account, UUID managerId) {
    return new UserData(account.userName().trim(), clean(account.displayName()),
        clean(account.givenName()), clean(account.familyName()), emails(account), account.active(),
        clean(account.employeeNumber()), clean(account.department()), managerId,
        attributes(new JsonObject(), account));
  }

  /**
   * The attributes after a system reported its current state of a linked account.
   *
   * @param current the user's attributes now
   * @param account the account's state
   * @param managerId the manager's user id, when resolved, else {@code null} to keep it
   * @return the merged attributes; equal to {@code current} when nothing changes
   */
  static UserData merge(UserData current, ExternalUser account, UUID managerId) {
    List<String> emails = emails(account);
    return new UserData(
        or(clean(account.userName()), current.userName()),
        or(clean(account.displayName()), current.displayName()),
        or(clean(account.givenName()), current.givenName()),
        or(clean(account.familyName()), current.familyName()),
        emails.isEmpty() ? current.emails() : emails,
        account.active(),
        or(clean(account.employeeNumber()), current.employeeNumber()),
        or(clean(account.department()), current.department()),
        managerId != null ? managerId : current.managerId(),
        attributes(current.attributes(), account));
  }

  private static JsonObject attributes(JsonObject current, ExternalUser account) {
    JsonObject merged = current.copy();
    account.attributes().forEach((name, values) -> merged.put(name, new JsonArray(values)));
    return merged;
  }

  private static List<String> emails(ExternalUser account) {
    return account.emails().stream().map(String::trim).filter(e -> !e.isEmpty()).toList();
  }

  private static String clean(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static String or(String value, String fallback) {
    return value != null ? value : fallback;
  }
}
