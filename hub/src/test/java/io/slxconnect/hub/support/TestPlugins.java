package io.slxconnect.hub.support;

import io.slxconnect.hub.testplugin.MemoryConnectorType;
import io.slxconnect.hub.testplugin.ProbeConnectorType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
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
      Files.copy(ldapPlugin(), directory.resolve("slx-plugin-ldap.jar"));
      return directory;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes the plugin jar, version 1.0.0.
   *
   * @param jar where
   * @throws IOException when it cannot be written
   */
  public static void pack(Path jar) throws IOException {
    Files.write(jar, jar("1.0.0", Build.GOOD));
  }

  /** How a build of the test plugin behaves. */
  public enum Build {
    /** As it should. */
    GOOD(null),
    /** Its probe connectors fail to start. */
    BROKEN(ProbeConnectorType.BROKEN_MARKER),
    /** Creating its connector types hangs (for 10 s): loading it never finishes in time. */
    HANGS(ProbeConnectorType.HANGS_MARKER);

    private final String marker;

    Build(String marker) {
      this.marker = marker;
    }
  }

  /**
   * The plugin jar of a given version.
   *
   * @param version its Plugin-Version
   * @param build how it behaves
   * @return the jar's bytes
   */
  public static byte[] jar(String version, Build build) {
    Manifest manifest = manifest(Map.of("Plugin-Id", "test-connectors",
        "Plugin-Version", version));
    String packagePath = ProbeConnectorType.class.getPackageName().replace('.', '/');
    Path classes = Path.of(ProbeConnectorType.class.getProtectionDomain().getCodeSource()
        .getLocation().getPath()).resolve(packagePath);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JarOutputStream j = new JarOutputStream(out, manifest);
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
      if (build.marker != null) {
        j.putNextEntry(new JarEntry(build.marker));
        j.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A built plugin jar with another Plugin-Version, everything else the same: a new release of
   * it, as far as the hub can tell.
   *
   * @param built the jar the build made
   * @param version the new version
   * @return the jar's bytes
   */
  public static byte[] reversioned(Path built, String version) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JarInputStream in = new JarInputStream(Files.newInputStream(built))) {
      Manifest manifest = new Manifest(in.getManifest());
      manifest.getMainAttributes().putValue("Plugin-Version", version);
      try (JarOutputStream j = new JarOutputStream(out, manifest)) {
        for (JarEntry entry = in.getNextJarEntry(); entry != null;
            entry = in.getNextJarEntry()) {
          j.putNextEntry(new JarEntry(entry.getName()));
          in.transferTo(j);
          j.closeEntry();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Puts a jar into a plugins directory as an admin should: written beside it, then renamed in.
   *
   * @param directory the plugins directory
   * @param name the file name
   * @param jar the jar's bytes
   * @return the file
   */
  public static Path drop(Path directory, String name, byte[] jar) {
    try {
      Path temp = Files.write(directory.resolveSibling(name + ".part"), jar);
      return Files.move(temp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A jar with a plugin manifest and nothing else.
   *
   * @param id its Plugin-Id
   * @param requires its Plugin-Requires
   * @return the jar's bytes
   */
  public static byte[] manifestOnly(String id, String requires) {
    return descriptorJar(Map.of("Plugin-Id", id, "Plugin-Requires", requires), List.of());
  }

  /**
   * A jar with a plugin manifest and an extension index, but no classes: enough for what the
   * hub reads before it loads any code.
   *
   * @param attributes manifest attributes, over Plugin-Version 1.0.0, Plugin-Requires ^1.0.0
   *     and Plugin-Provider Tests
   * @param extensions the class names in META-INF/extensions.idx; none writes no index
   * @return the jar's bytes
   */
  public static byte[] descriptorJar(Map<String, String> attributes, List<String> extensions) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JarOutputStream j = new JarOutputStream(out, manifest(attributes))) {
      if (!extensions.isEmpty()) {
        j.putNextEntry(new JarEntry("META-INF/extensions.idx"));
        j.write((String.join("\n", extensions) + "\n").getBytes(StandardCharsets.UTF_8));
        j.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Manifest manifest(Map<String, String> attributes) {
    Manifest manifest = new Manifest();
    Attributes a = manifest.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.putValue("Plugin-Version", "1.0.0");
    a.putValue("Plugin-Provider", "Tests");
    a.putValue("Plugin-Requires", "^1.0.0");
    attributes.forEach(a::putValue);
    return manifest;
  }

  /** @return the LDAP plugin jar the build made */
  public static Path ldapPlugin() {
    return built("slx-plugin-ldap.jar");
  }

  /**
   * A plugin jar the build made.
   *
   * @param file its name in the build's plugins directory
   * @return the jar
   */
  public static Path built(String file) {
    return Path.of(System.getProperty("slx.test.plugins-dir"), file);
  }
}
