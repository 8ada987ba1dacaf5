package io.slxconnect.hub.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
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
    Manifest manifest = new Manifest();
    Attributes a = manifest.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.putValue("Plugin-Id", "acme");
    a.putValue("Plugin-Version", "1.2.0");
    a.putValue("Plugin-Requires", "^1.0.0");
    overrides.forEach(a::putValue);
    Path jar = Files.createTempFile(dir, "plugin", ".jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out, manifest)) {
      j.putNextEntry(new JarEntry("META-INF/extensions.idx"));
      j.write("com.acme.AcmeConnectorType\n".getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
    }
    return jar;
  }
}
