package io.slxconnect.hub.connectors;

import io.slxconnect.api.ConnectorInstance;
import io.vertx.core.Future;
import java.util.UUID;
import java.util.function.Function;

/** Calls an operation on a running connector instance, with the plugin-call time limit. */
public interface ConnectorCalls {

  /**
   * Calls an operation.
   *
   * @param connectorId the connector
   * @param what what the call does, for messages
   * @param operation the call
   * @param <T> the result type
   * @return the result; a connector that is not running fails with
   *     {@link io.slxconnect.api.ConnectorException.Reason#UNAVAILABLE}
   */
  <T> Future<T> call(UUID connectorId, String what,
      Function<ConnectorInstance, Future<T>> operation);
}
