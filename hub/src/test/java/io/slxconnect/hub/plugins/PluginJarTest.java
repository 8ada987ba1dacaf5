package io.slxconnect.hub.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.hub.support.TestPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the hub reads from a jar's manifest before any of its code runs, and what it refuses. */
class PluginJarTest {

  @TempDir
  Path dir;

  @Test
  void aCompleteManifestIsRead() throws Exception {
    PluginJar jar = PluginJar.read(write(Map.of()));
    assertEquals("acme", jar.id());
    assertEquals("1.2.0", jar.version());
    assertEquals("^1.0.0", jar.requires());
    assertEquals("acme-1.2.0.jar", jar.canonicalFileName());
    assertEquals(64, jar.sha256().length());
  }

  @Test
  void namesThatCouldLeaveThePluginsDirectoryAreRefused() throws IOException {
    assertRefused(Map.of("Plugin-Id", "../evil"), "is not a name of letters");
    assertRefused(Map.of("Plugin-Version", "1.0.0/../../x"), "is not a semantic version");
  }

  @Test
  void aManifestWithoutWhatTheHubChecksIsRefused() throws IOException {
    assertRefused(Map.of("Plugin-Requires", ""), "the manifest has no Plugin-Requires");
    assertRefused(Map.of("Plugin-Version", "one"), "is not a semantic version");
    assertRefused(Map.of("Plugin-Requires", ">=2.0.0"),
        "requires plugin API >=2.0.0 but this hub provides 1.0.0");
    assertRefused(Map.of("Plugin-Dependencies", "ldap"), "self-contained plugins only");
  }

  private void assertRefused(Map<String, String> overrides, String reason) throws IOException {
    Path file = write(overrides);
    PluginRefused refused = assertThrows(PluginRefused.class, () -> PluginJar.read(file));
    assertTrue(refused.getMessage().contains(reason), refused.getMessage());
  }

  private Path write(Map<String, String> overrides) throws IOException {
    Map<String, String> manifest = new HashMap<>(Map.of("Plugin-Id", "acme",
        "Plugin-Version", "1.2.0"));
    manifest.putAll(overrides);
    return Files.write(Files.createTempFile(dir, "plugin", ".jar"),
        TestPlugins.descriptorJar(manifest, List.of("com.acme.AcmeConnectorType")));
  }
}
