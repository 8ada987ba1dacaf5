package io.slxconnect.cognito;

import io.slxconnect.testkit.TestConnectorContext;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Contexts as the hub gives a Cognito instance: the schema's defaults filled in. */
final class CognitoContexts {

  private CognitoContexts() {
  }

  /**
   * A context for one instance.
   *
   * @param vertx the Vert.x instance
   * @param settings the settings an admin would enter
   * @return the context, with two worker threads
   */
  static TestConnectorContext of(Vertx vertx, JsonObject settings) {
    return TestConnectorContext.builder(vertx).defaultsFrom(new CognitoConnectorType())
        .settings(settings).workerThreads(2).build();
  }
}
