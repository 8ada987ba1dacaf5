package io.slxconnect.cognito;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import io.slxconnect.testkit.TestConnectorContext;

/**
 * One {@link CognitoLocal} and one Vert.x for all tests of a class:
 * {@code @RegisterExtension static final CognitoLocalPerClass LOCAL = new CognitoLocalPerClass();}.
 * Each test makes a pool of its own.
 */
final class CognitoLocalPerClass implements BeforeAllCallback, AfterAllCallback {

  private Vertx vertx;
  private CognitoLocal cognito;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    vertx = Vertx.vertx();
    cognito = CognitoLocal.start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    cognito.close();
    TestConnectorContext.await(vertx.close());
  }

  /** {@return the Vert.x instance} */
  Vertx vertx() {
    return vertx;
  }

  /** {@return the running emulator} */
  CognitoLocal cognito() {
    return cognito;
  }
}
