package io.slxconnect.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestHub} for all tests of a class, with the first admin created:
 * {@code @RegisterExtension static final HubPerClass hub = new HubPerClass();}.
 */
public final class HubPerClass implements BeforeAllCallback, AfterAllCallback {

  private final Supplier<TestHub> start;
  private TestHub hub;

  /** A hub on the plugins the build made. */
  public HubPerClass() {
    this(TestHub::start);
  }

  private HubPerClass(Supplier<TestHub> start) {
    this.start = start;
  }

  /**
   * A hub that also has the test connector types (memory, probe).
   *
   * @param extraEnv settings on top of the test defaults and the first admin
   * @return the extension
   */
  public static HubPerClass withTestConnectors(Map<String, String> extraEnv) {
    return new HubPerClass(() -> {
      Map<String, String> env = new HashMap<>(Map.of("SLX_ADMIN_USERNAME", TestHub.ADMIN,
          "SLX_ADMIN_PASSWORD", TestHub.ADMIN_PASSWORD));
      env.putAll(extraEnv);
      try {
        return TestHub.start(env, TestPlugins.pluginsDirectory(
            Files.createTempDirectory("slx-test-plugins")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    hub = start.get();
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
