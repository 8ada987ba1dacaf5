package io.slxconnect.hub.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a connector takes part in: whether it feeds the hub, receives the hub's changes, or both;
 * which operations it receives; and how an account seen for the first time is matched to an
 * existing user.
 *
 * @param direction source, target or both
 * @param operations what a target receives
 * @param correlation how new accounts are matched
 */
public record ConnectorPolicy(Direction direction, Set<TargetOperation> operations,
    Correlation correlation) {

  /** The policy of a connector created without one: a source matched by user name. */
  public static final ConnectorPolicy DEFAULT = new ConnectorPolicy(Direction.SOURCE,
      EnumSet.noneOf(TargetOperation.class), Correlation.USER_NAME);

  /** Whether a connector feeds the hub, receives its changes, or both. */
  public enum Direction {
    SOURCE, TARGET, BOTH;

    String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The operations a target can be set to receive. */
  public enum TargetOperation {
    CREATE, UPDATE, DISABLE, DELETE, PASSWORD, GROUPS;

    String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How an account seen for the first time is matched to an existing user. */
  public enum Correlation {
    USER_NAME("userName"), EMAIL("email"), EMPLOYEE_NUMBER("employeeNumber"), NONE("none");

    private final String apiName;

    Correlation(String apiName) {
      this.apiName = apiName;
    }

    static Correlation of(String apiName) {
      for (Correlation c : values()) {
        if (c.apiName.equals(apiName)) {
          return c;
        }
      }
      throw new IllegalArgumentException("Unknown correlation " + apiName);
    }
  }

  /** Copies the operations. */
  public ConnectorPolicy {
    operations = operations.isEmpty() ? EnumSet.noneOf(TargetOperation.class)
        : EnumSet.copyOf(operations);
  }

  /** @return whether changes from this connector feed the hub */
  public boolean isSource() {
    return direction != Direction.TARGET;
  }

  /**
   * Whether this connector receives an operation.
   *
   * @param operation the operation
   * @return {@code true} for a target set to receive it
   */
  public boolean receives(TargetOperation operation) {
    return direction != Direction.SOURCE && operations.contains(operation);
  }

  /**
   * Reads the API's {@code Provisioning} object, already validated against its schema.
   *
   * @param json the object, or {@code null} for the default
   * @return the policy
   */
  public static ConnectorPolicy fromJson(JsonObject json) {
    if (json == null) {
      return DEFAULT;
    }
    Set<TargetOperation> operations = EnumSet.noneOf(TargetOperation.class);
    json.getJsonArray("operations", new JsonArray()).forEach(o ->
        operations.add(TargetOperation.valueOf(o.toString().toUpperCase(Locale.ROOT))));
    return new ConnectorPolicy(
        Direction.valueOf(json.getString("direction", "source").toUpperCase(Locale.ROOT)),
        operations, Correlation.of(json.getString("correlation", "userName")));
  }

  /** @return the API's {@code Provisioning} object */
  public JsonObject toJson() {
    return new JsonObject()
        .put("direction", direction.apiName())
        .put("operations", new JsonArray(operations.stream().map(TargetOperation::apiName)
            .toList()))
        .put("correlation", correlation.apiName);
  }

  String[] operationNames() {
    return operations.stream().map(TargetOperation::apiName).toArray(String[]::new);
  }

  static ConnectorPolicy of(String direction, String[] operations, String correlation) {
    Set<TargetOperation> ops = EnumSet.noneOf(TargetOperation.class);
    for (String o : operations) {
      ops.add(TargetOperation.valueOf(o.toUpperCase(Locale.ROOT)));
    }
    return new ConnectorPolicy(Direction.valueOf(direction.toUpperCase(Locale.ROOT)), ops,
        Correlation.of(correlation));
  }

  String directionName() {
    return direction.apiName();
  }

  String correlationName() {
    return correlation.apiName;
  }
}
