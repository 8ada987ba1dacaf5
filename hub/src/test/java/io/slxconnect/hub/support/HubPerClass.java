package io.slxconnect.hub.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestHub} for all tests of a class, with the first admin created:
 * {@code @RegisterExtension static final HubPerClass hub = new HubPerClass();}.
 */
public final class HubPerClass implements BeforeAllCallback, AfterAllCallback {

  private TestHub hub;

  @Override
  public void beforeAll(ExtensionContext context) {
    hub = TestHub.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    hub.close();
  }

  /** @return the running hub */
  public TestHub get() {
    return hub;
  }
}
