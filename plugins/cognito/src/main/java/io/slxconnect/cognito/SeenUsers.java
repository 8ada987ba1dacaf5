package io.slxconnect.cognito;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * What a polling watch saw of each user, by sub: enough to tell whether a user changed
 * (last-modified time, enabled flag, status) and to confirm a deletion (username), a few dozen
 * bytes per user. Used from one Vert.x context only.
 */
final class SeenUsers {

  /**
   * What the watch saw of a user.
   *
   * @param username the username, to confirm a deletion
   * @param lastModified Cognito's last modification time
   * @param enabled whether it is enabled
   * @param status its status (CONFIRMED, FORCE_CHANGE_PASSWORD...)
   */
  private record Seen(String username, Instant lastModified, boolean enabled, String status) {
    static Seen of(UserType user) {
      return new Seen(user.username(), user.userLastModifiedDate(),
          !Boolean.FALSE.equals(user.enabled()), user.userStatusAsString());
    }
  }

  private final Map<String, Seen> seen = new HashMap<>();

  /**
   * Whether the watch has seen a user.
   *
   * @param sub the user's stable id
   * @return {@code true} once it was remembered
   */
  boolean known(String sub) {
    return seen.containsKey(sub);
  }

  /**
   * Whether a user differs from what the watch saw of it last, or is new.
   *
   * @param sub the user's stable id
   * @param user the user as listed now
   * @return {@code true} when it changed
   */
  boolean changed(String sub, UserType user) {
    return !Seen.of(user).equals(seen.get(sub));
  }

  /**
   * Remembers a user as it is now.
   *
   * @param sub the user's stable id
   * @param user the user as listed
   */
  void remember(String sub, UserType user) {
    seen.put(sub, Seen.of(user));
  }

  /**
   * Forgets a user, once its deletion was delivered.
   *
   * @param sub the user's stable id
   */
  void forget(String sub) {
    seen.remove(sub);
  }

  /**
   * The users seen before that a listing did not contain.
   *
   * @param listed the subs the listing contained
   * @return the subs missing from it
   */
  List<String> absentFrom(Set<String> listed) {
    return seen.keySet().stream().filter(sub -> !listed.contains(sub)).toList();
  }

  /**
   * The username of a user seen before.
   *
   * @param sub the user's stable id
   * @return its username
   */
  String username(String sub) {
    return seen.get(sub).username();
  }

  /** {@return the newest last-modified time of all users seen, or {@code null} for none} */
  Instant newest() {
    return seen.values().stream().map(Seen::lastModified).filter(Objects::nonNull)
        .max(Instant::compareTo).orElse(null);
  }
}
