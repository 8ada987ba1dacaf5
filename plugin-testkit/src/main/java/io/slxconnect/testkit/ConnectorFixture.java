package io.slxconnect.testkit;

import io.slxconnect.api.ConnectorType;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;

/**
 * What a connector gives the {@link ConnectorContract}: its type, settings that work, settings
 * that cannot work, and fresh systems to run against. A partner writes one, usually as a few
 * lines in the test class that extends the contract.
 *
 * <p>Settings are given as an admin would enter them; the contract fills in the schema's
 * defaults as the hub does.
 */
public interface ConnectorFixture {

  /**
   * The connector type under test.
   *
   * @return a new instance of the type, as PF4J would create it
   */
  ConnectorType type();

  /**
   * A fresh system to run one contract test against, with settings that point at it. Each
   * contract test asks for its own, so that the users one test seeds never show up in another:
   * a new file in a temporary folder, a new organisational unit in a directory, a new user pool.
   *
   * @return the system, closed by the contract after the test
   * @throws Exception when it cannot be prepared
   */
  BackingSystem newSystem() throws Exception;

  /**
   * Settings that are valid for the schema but point at nothing: a port nobody listens on, a
   * file that does not exist. Starting fails and "Test connection" reports a failed step.
   *
   * @return the settings
   * @throws Exception when they cannot be prepared
   */
  JsonObject unreachableSettings() throws Exception;

  /**
   * Settings that reach the system but are wrong: a refused password, a base that does not
   * exist, a file without the columns the connector needs. Starting fails with a
   * {@link io.slxconnect.api.ConnectorException} and "Test connection" reports a failed step.
   *
   * @return the settings
   * @throws Exception when they cannot be prepared
   */
  JsonObject badSettings() throws Exception;

  /**
   * The largest number of items the connector returns in one page with the settings of
   * {@link #newSystem()}. Keep it small in those settings (five, say) so that paging is
   * exercised with few users.
   *
   * @return the page size bound, at least 1
   */
  int pageSizeBound();

  /**
   * A stable id in the system's own format that belongs to no account, for the tests of
   * operations on missing accounts.
   *
   * @return such an id; by default a random UUID
   */
  default String missingUserId() {
    return UUID.randomUUID().toString();
  }

  /**
   * How long a change made in the system may take to reach the sink of a watch (a polling
   * connector's interval, say, plus some margin). Contract tests wait at most this long.
   *
   * @return the bound; by default 20 seconds
   */
  default Duration changeLatency() {
    return Duration.ofSeconds(20);
  }

  /**
   * How long a failing start or test with {@link #unreachableSettings()} may take. The hub
   * gives every call 30 seconds by default ({@code SLX_PLUGIN_CALL_TIMEOUT}) and treats a
   * slower one as unavailable, so keep connect timeouts well below that.
   *
   * @return the bound; by default 30 seconds
   */
  default Duration failureBound() {
    return Duration.ofSeconds(30);
  }
}
