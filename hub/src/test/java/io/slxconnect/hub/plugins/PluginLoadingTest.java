package io.slxconnect.hub.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.hub.support.TestHub;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
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
    writePlugin(plugins.resolve("future.jar"), "future-connector", "^2.0.0");
    writePlugin(plugins.resolve("empty.jar"), "empty-connector", "^1.0.0");

    try (TestHub hub = TestHub.start(Map.of("SLX_ADMIN_USERNAME", TestHub.ADMIN,
        "SLX_ADMIN_PASSWORD", TestHub.ADMIN_PASSWORD), plugins)) {
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

  private static void writePlugin(Path jar, String id, String requires) throws IOException {
    Manifest manifest = new Manifest();
    Attributes a = manifest.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.putValue("Plugin-Id", id);
    a.putValue("Plugin-Version", "1.0.0");
    a.putValue("Plugin-Provider", "Test");
    a.putValue("Plugin-Requires", requires);
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out, manifest)) {
      j.flush();
    }
  }
}
