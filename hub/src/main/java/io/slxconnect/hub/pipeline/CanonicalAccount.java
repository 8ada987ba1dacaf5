package io.slxconnect.hub.pipeline;

import io.slxconnect.api.ExternalUser;
import io.slxconnect.hub.store.UserData;
import io.slxconnect.hub.store.UserRecord;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A canonical user as a target system receives it. */
final class CanonicalAccount {

  private CanonicalAccount() {
  }

  /**
   * The account value for a create or update.
   *
   * @param user the user
   * @param account the account's stable id there, or {@code null} for a create
   * @param managerAccount the manager's account there, or {@code null}
   * @return the value
   */
  static ExternalUser of(UserRecord user, String account, String managerAccount) {
    UserData d = user.data();
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    d.attributes().forEach(e -> {
      List<String> values = new ArrayList<>();
      if (e.getValue() instanceof JsonArray array) {
        array.forEach(v -> values.add(String.valueOf(v)));
      } else if (e.getValue() != null) {
        values.add(String.valueOf(e.getValue()));
      }
      attributes.put(e.getKey(), values);
    });
    return new ExternalUser(account, d.userName(), d.displayName(), d.givenName(),
        d.familyName(), d.emails(), d.active(), d.employeeNumber(), d.department(),
        managerAccount, List.of(), attributes);
  }
}
