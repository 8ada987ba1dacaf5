package io.slxconnect.testkit;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A system behind a connector that a contract test changes behind the connector's back: an HR
 * file, a directory's organisational unit, a user pool. The contract addresses users by the user
 * names it chooses (short, lower case, such as {@code contract-u3}) and recognises them in what
 * the connector reports by the stable ids that {@link #seedUsers} returns.
 *
 * <p>Methods run on the test's thread, never on an event loop: they may block. Only the
 * methods the connector type's capabilities need are called; the others may keep their default,
 * which fails the test with a message naming the method to implement.
 */
public interface BackingSystem extends AutoCloseable {

  /**
   * Settings that make the connector work with this system, with a small page size (see
   * {@link ConnectorFixture#pageSizeBound()}) and, for a polling watch, a short interval.
   *
   * @return the settings, as an admin would enter them
   */
  JsonObject settings();

  /**
   * Creates active users directly in the system (hires, for an HR source).
   *
   * @param userNames the user names to create, in this order
   * @return the stable id of each, in the same order, as the connector reports it
   *     ({@link io.slxconnect.api.ExternalUser#externalId()})
   * @throws Exception when the system refused
   */
  List<String> seedUsers(List<String> userNames) throws Exception;

  /**
   * Creates empty groups directly in the system. Needed when the type declares
   * {@code IMPORT_GROUPS} or {@code GROUP_MEMBERSHIP}.
   *
   * @param names the group names, in this order
   * @return the stable id of each, in the same order
   * @throws Exception when the system refused
   */
  default List<String> seedGroups(List<String> names) throws Exception {
    throw new UnsupportedOperationException("The connector type declares IMPORT_GROUPS or "
        + "GROUP_MEMBERSHIP: implement BackingSystem.seedGroups so that the contract can "
        + "create groups");
  }

  /**
   * Changes a user's family name directly in the system (for an HR source, a name change: a
   * transfer). Needed when the type declares {@code WATCH}.
   *
   * @param userName a user created by {@link #seedUsers}
   * @param familyName the new family name, which the connector must then report
   * @throws Exception when the system refused
   */
  default void changeFamilyName(String userName, String familyName) throws Exception {
    throw new UnsupportedOperationException("The connector type declares WATCH: implement "
        + "BackingSystem.changeFamilyName so that the contract can change a user");
  }

  /**
   * Makes a user leave, the way people leave this system: deleted from a directory, marked as
   * a leaver in an HR file. The connector must then report a deletion of the account, or an
   * upsert of it with {@code active == false}. Needed when the type declares {@code WATCH}.
   *
   * @param userName a user created by {@link #seedUsers}
   * @throws Exception when the system refused
   */
  default void removeUser(String userName) throws Exception {
    throw new UnsupportedOperationException("The connector type declares WATCH: implement "
        + "BackingSystem.removeUser so that the contract can make a user leave");
  }

  /**
   * Releases what the system holds; by default nothing.
   *
   * @throws Exception when it cannot
   */
  @Override
  default void close() throws Exception {
  }
}
