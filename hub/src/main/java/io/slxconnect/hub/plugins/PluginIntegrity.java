package io.slxconnect.hub.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.zip.ZipException;

/**
 * Decides whether a plugin jar may be loaded: the optional integrity check of
 * {@code SLX_PLUGIN_SHA256} and {@code SLX_PLUGIN_TRUSTED_CERTS} (see docs/security.md).
 *
 * <p>With nothing configured every jar passes. Otherwise a jar is accepted when its SHA-256 is
 * one of the listed checksums, or when every entry of it is signed by a certificate that one of
 * the trusted certificates vouches for (see {@link JarSignatures}). Immutable and thread-safe.
 */
public final class PluginIntegrity {

  private static final PluginIntegrity NONE = new PluginIntegrity(Set.of(), List.of());
  private static final String HEX_SHA256 = "[0-9a-f]{64}";

  private final Set<String> sha256Hex;
  private final JarSignatures signatures;

  private PluginIntegrity(Set<String> sha256Hex, List<X509Certificate> trusted) {
    this.sha256Hex = sha256Hex;
    this.signatures = new JarSignatures(trusted);
  }

  /** {@return the check when nothing is configured: every jar passes} */
  public static PluginIntegrity none() {
    return NONE;
  }

  /**
   * The check of the given checksums and trusted certificates; both empty is {@link #none()}.
   *
   * @param sha256Hex the SHA-256 checksums of accepted jars, 64 hexadecimal digits each, in
   *     either case
   * @param trusted the certificates that vouch for signed jars: a signer's own certificate or
   *     the certificate of the authority that issued it
   * @return the check
   * @throws IllegalArgumentException if a checksum is not 64 hexadecimal digits
   */
  public static PluginIntegrity of(Set<String> sha256Hex, List<X509Certificate> trusted) {
    Set<String> lower = sha256Hex.stream().map(hex -> hex.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
    for (String hex : lower) {
      if (!hex.matches(HEX_SHA256)) {
        throw new IllegalArgumentException(hex + " is not a SHA-256 checksum (64 hex digits)");
      }
    }
    return lower.isEmpty() && trusted.isEmpty() ? NONE
        : new PluginIntegrity(lower, List.copyOf(trusted));
  }

  /** {@return whether jars are checked at all} */
  public boolean enforced() {
    return !sha256Hex.isEmpty() || signatures.any();
  }

  /**
   * Checks one jar. Blocking (it reads the whole jar, twice when signatures are checked):
   * call it on a worker.
   *
   * @param jar the plugin jar
   * @return empty when the jar may be loaded, else why not, in words an admin can act on
   */
  public Optional<String> check(Path jar) {
    if (!enforced()) {
      return Optional.empty();
    }
    String name = String.valueOf(jar.getFileName());
    try {
      String sha256 = sha256(jar);
      if (sha256Hex.contains(sha256)) {
        return Optional.empty();
      }
      try (JarFile file = new JarFile(jar.toFile(), true)) {
        List<String> failed = new ArrayList<>();
        if (!sha256Hex.isEmpty()) {
          failed.add("its SHA-256 " + sha256 + " is not in SLX_PLUGIN_SHA256");
        }
        if (signatures.any()) {
          Optional<String> unsigned = signatures.check(file);
          if (unsigned.isEmpty()) {
            return Optional.empty();
          }
          failed.add("it is not signed by a trusted certificate (SLX_PLUGIN_TRUSTED_CERTS): "
              + unsigned.get());
        }
        return Optional.of("The plugin jar " + name + " is refused: " + String.join(", and ",
            failed) + ".");
      }
    } catch (ZipException e) {
      return Optional.of("The plugin jar " + name + " is refused: it is not a jar (zip) file ("
          + e.getMessage() + ").");
    } catch (IOException e) {
      return Optional.of("The plugin jar " + name + " cannot be read: " + e.getMessage());
    }
  }

  /**
   * Says what is checked, for the start-up log and the API.
   *
   * @return for example {@code 3 checksums, 1 trusted certificate}, or {@code off}
   */
  public String describe() {
    if (!enforced()) {
      return "off";
    }
    List<String> parts = new ArrayList<>();
    if (!sha256Hex.isEmpty()) {
      parts.add(count(sha256Hex.size(), "checksum"));
    }
    if (signatures.any()) {
      parts.add(count(signatures.size(), "trusted certificate"));
    }
    return String.join(", ", parts);
  }

  @Override
  public String toString() {
    return describe();
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String sha256(Path jar) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(jar), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
