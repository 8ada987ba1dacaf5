package io.slxconnect.hub.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.hub.support.TestHub;
import io.slxconnect.hub.support.TestPlugins;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken and incompatible plugin jars are reported and skipped; the hub starts anyway. */
class PluginLoadingTest {

  @Test
  void brokenAndIncompatibleJarsAreReportedAndTheHubStillRuns(@TempDir Path plugins)
      throws IOException {
    Files.copy(Path.of(System.getProperty("slx.test.plugins-dir"), "slx-plugin-ldap.jar"),
        plugins.resolve("slx-plugin-ldap.jar"));
    Files.write(plugins.resolve("garbage.jar"), new byte[] {1, 2, 3, 4});
    Files.write(plugins.resolve("future.jar"), TestPlugins.manifestOnly("future-connector",
        "^2.0.0"));
    Files.write(plugins.resolve("empty.jar"), TestPlugins.manifestOnly("empty-connector",
        "^1.0.0"));

    try (TestHub hub = TestHub.start(plugins)) {
      var list = hub.admin().get("/api/v1/plugins").array().stream()
          .map(JsonObject.class::cast).toList();
      JsonObject ldap = find(list, "slx-plugin-ldap.jar");
      assertEquals("STARTED", ldap.getString("state"));
      assertEquals("ldap", ldap.getJsonArray("connectorTypes").getString(0));

      JsonObject garbage = find(list, "garbage.jar");
      assertEquals("FAILED", garbage.getString("state"));

      JsonObject future = find(list, "future.jar");
      assertEquals("FAILED", future.getString("state"));
      assertTrue(future.getString("error").contains("^2.0.0")
          && future.getString("error").contains("1.0.0"), future.getString("error"));

      JsonObject empty = find(list, "empty.jar");
      assertTrue(empty.getString("error").contains("no connector type"), empty.encode());

      assertEquals(200, hub.get("/health").statusCode());
    }
  }

  private static JsonObject find(java.util.List<JsonObject> list, String file) {
    return list.stream().filter(p -> file.equals(p.getString("file"))).findFirst()
        .orElseThrow(() -> new AssertionError(file + " not listed in " + list));
  }
}
