package io.slxconnect.hub.plugins;

import io.slxconnect.api.ApiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.pf4j.DefaultVersionManager;
import org.pf4j.VersionManager;

/**
 * A plugin jar as read from its manifest, before any of its code runs: who it is, which plugin
 * API it needs, and what its bytes are. Reading refuses a jar that cannot be a plugin for this
 * hub, with the reason.
 *
 * @param path where the jar is
 * @param id its {@code Plugin-Id}
 * @param version its {@code Plugin-Version}
 * @param provider its {@code Plugin-Provider}, or {@code null}
 * @param description its {@code Plugin-Description}, or {@code null}
 * @param requires its {@code Plugin-Requires}: the plugin API versions it works with
 * @param sha256 the SHA-256 of the file, hex
 * @param size the file's size in bytes
 */
public record PluginJar(Path path, String id, String version, String provider,
    String description, String requires, String sha256, long size) {

  private static final VersionManager VERSIONS = new DefaultVersionManager();
  private static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

  /**
   * Reads a jar's plugin manifest. Blocking: call on a worker.
   *
   * @param path the jar
   * @return the jar's description
   * @throws PluginRefused when it is not a plugin this hub can load
   */
  public static PluginJar read(Path path) throws PluginRefused {
    Attributes manifest;
    boolean indexed;
    try (JarFile jar = new JarFile(path.toFile(), false)) {
      manifest = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes();
      ZipEntry index = jar.getEntry("META-INF/extensions.idx");
      indexed = index != null && index.getSize() != 0;
    } catch (IOException | SecurityException e) {
      throw PluginRefused.invalid("Not a jar file: " + e.getMessage());
    }
    if (manifest == null || manifest.getValue("Plugin-Id") == null) {
      throw PluginRefused.invalid("The jar's manifest has no Plugin-Id: it is not a plugin");
    }
    String id = manifest.getValue("Plugin-Id").trim();
    if (!id.matches(ID_PATTERN)) {
      throw PluginRefused.invalid("Plugin-Id '" + id + "' is not a name of letters, digits, "
          + "'.', '_' or '-' (at most 64)");
    }
    String version = required(manifest, "Plugin-Version", id);
    if (!isVersion(version)) {
      throw PluginRefused.invalid("Plugin " + id + ": Plugin-Version '" + version
          + "' is not a semantic version such as 1.2.0");
    }
    String requires = required(manifest, "Plugin-Requires", id);
    if (!accepts(requires)) {
      throw PluginRefused.invalid("Plugin " + id + " " + version + " requires plugin API "
          + requires + " but this hub provides " + ApiVersion.CURRENT
          + "; install a version of the plugin built for API " + major(ApiVersion.CURRENT)
          + ".x");
    }
    String dependencies = manifest.getValue("Plugin-Dependencies");
    if (dependencies != null && !dependencies.isBlank()) {
      throw PluginRefused.invalid("Plugin " + id + " " + version + " depends on other plugins ("
          + dependencies.trim() + "); the hub loads self-contained plugins only: shade the "
          + "libraries it needs into its jar");
    }
    if (!indexed) {
      throw PluginRefused.invalid("Plugin " + id + " " + version + " declares no connector "
          + "type: META-INF/extensions.idx is missing or empty (is PF4J's annotation "
          + "processor on the compiler path?)");
    }
    String sha256;
    long size;
    try {
      size = Files.size(path);
      sha256 = sha256(path);
    } catch (IOException e) {
      throw PluginRefused.invalid("The jar cannot be read: " + e.getMessage());
    }
    return new PluginJar(path, id, version, manifest.getValue("Plugin-Provider"),
        manifest.getValue("Plugin-Description"), requires, sha256, size);
  }

  /**
   * Reads a jar's plugin manifest and checks that the configured integrity rules accept it,
   * before any of its code is loaded. Blocking: call on a worker.
   *
   * @param path the jar
   * @param integrity the checksums and certificates jars must match, if any
   * @return the jar's description
   * @throws PluginRefused when it is not a plugin this hub can load, or not a trusted one
   */
  public static PluginJar read(Path path, PluginIntegrity integrity) throws PluginRefused {
    PluginJar jar = read(path);
    Optional<String> untrusted = integrity.check(path);
    if (untrusted.isPresent()) {
      throw PluginRefused.invalid(untrusted.get());
    }
    return jar;
  }

  /**
   * Orders versions.
   *
   * @param other another jar of the same plugin
   * @return negative, zero or positive as this version is lower, equal or higher
   */
  public int compareVersion(PluginJar other) {
    return VERSIONS.compareVersions(version, other.version);
  }

  /**
   * The same jar at another place.
   *
   * @param moved where it is now
   * @return the description with the new path
   */
  public PluginJar at(Path moved) {
    return new PluginJar(moved, id, version, provider, description, requires, sha256, size);
  }

  /** @return the file name the hub gives an uploaded jar: {@code <id>-<version>.jar} */
  public String canonicalFileName() {
    return id + "-" + version + ".jar";
  }

  private static String required(Attributes manifest, String name, String id)
      throws PluginRefused {
    String value = manifest.getValue(name);
    if (value == null || value.isBlank()) {
      throw PluginRefused.invalid("Plugin " + id + ": the manifest has no " + name
          + ("Plugin-Requires".equals(name) ? " (the plugin API versions it works with, e.g. ^"
              + ApiVersion.CURRENT + ")" : ""));
    }
    return value.trim();
  }

  /** A semantic version; its characters are also safe in a file name. */
  private static boolean isVersion(String version) {
    if (!version.matches("[0-9A-Za-z.+-]{1,64}")) {
      return false;
    }
    try {
      VERSIONS.compareVersions(version, "0.0.0");
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean accepts(String requires) {
    try {
      return VERSIONS.checkVersionConstraint(ApiVersion.CURRENT, requires);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String major(String version) {
    return version.substring(0, version.indexOf('.'));
  }

  private static String sha256(Path path) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(path), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
