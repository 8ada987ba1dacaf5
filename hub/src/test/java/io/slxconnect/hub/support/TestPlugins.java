package io.slxconnect.hub.support;

import io.slxconnect.hub.testplugin.MemoryConnectorType;
import io.slxconnect.hub.testplugin.ProbeConnectorType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Packs the test connector types (probe and memory) into a real PF4J plugin jar. Only the
 * classes of the {@code testplugin} package go in; {@code testplugin.shared} stays out, so the
 * plugin's class loader finds it in the tests' class path and plugin and tests share it.
 */
public final class TestPlugins {

  private TestPlugins() {
  }

  /**
   * Writes the plugin jar into a directory, together with the LDAP plugin the build made.
   *
   * @param directory the plugins directory
   * @return the directory
   */
  public static Path pluginsDirectory(Path directory) {
    try {
      pack(directory.resolve("test-connectors.jar"));
      Path ldap = Path.of(System.getProperty("slx.test.plugins-dir"), "slx-plugin-ldap.jar");
      Files.copy(ldap, directory.resolve("slx-plugin-ldap.jar"));
      return directory;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes the plugin jar.
   *
   * @param jar where
   * @throws IOException when it cannot be written
   */
  public static void pack(Path jar) throws IOException {
    Manifest manifest = new Manifest();
    Attributes a = manifest.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.putValue("Plugin-Id", "test-connectors");
    a.putValue("Plugin-Version", "1.0.0");
    a.putValue("Plugin-Provider", "Tests");
    a.putValue("Plugin-Requires", "^1.0.0");
    String packagePath = ProbeConnectorType.class.getPackageName().replace('.', '/');
    Path classes = Path.of(ProbeConnectorType.class.getProtectionDomain().getCodeSource()
        .getLocation().getPath()).resolve(packagePath);
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out, manifest);
        Stream<Path> files = Files.list(classes)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        j.putNextEntry(new JarEntry(packagePath + "/" + file.getFileName()));
        j.write(Files.readAllBytes(file));
        j.closeEntry();
      }
      j.putNextEntry(new JarEntry("META-INF/extensions.idx"));
      j.write((ProbeConnectorType.class.getName() + "\n" + MemoryConnectorType.class.getName()
          + "\n").getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
    }
  }
}
