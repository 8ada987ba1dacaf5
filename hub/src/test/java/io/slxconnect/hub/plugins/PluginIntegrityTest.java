package io.slxconnect.hub.plugins;

import static io.slxconnect.hub.support.SigningKeys.CA;
import static io.slxconnect.hub.support.SigningKeys.EVIL;
import static io.slxconnect.hub.support.SigningKeys.PUBLISHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.hub.support.SigningKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only jars an admin vouched for, by checksum or by trusted signer, are loaded. */
class PluginIntegrityTest {

  private static final String CLASS = "com/example/Connector.class";

  @TempDir
  static Path keyDir;
  static SigningKeys keys;

  @TempDir
  Path dir;

  @BeforeAll
  static void makeKeys() throws Exception {
    keys = SigningKeys.create(keyDir);
  }

  @Test
  void withNothingConfiguredEveryFilePasses() throws Exception {
    Path notAJar = Files.writeString(dir.resolve("notes.jar"), "not a jar");
    assertFalse(PluginIntegrity.none().enforced());
    assertEquals(Optional.empty(), PluginIntegrity.none().check(notAJar));
    assertEquals("off", PluginIntegrity.none().describe());
    assertEquals("off", PluginIntegrity.of(Set.of(), List.of()).describe());
  }

  @Test
  void aJarWhoseChecksumIsListedPassesInEitherCaseAndAnyOtherIsRefusedNamingItsChecksum()
      throws Exception {
    Path listed = plainJar("listed.jar", "v1");
    Path other = plainJar("other.jar", "v2");
    PluginIntegrity integrity = PluginIntegrity.of(
        Set.of(sha256(listed).toUpperCase(Locale.ROOT)), List.of());

    assertEquals(Optional.empty(), integrity.check(listed));
    String reason = integrity.check(other).orElseThrow();
    assertTrue(reason.contains(sha256(other)) && reason.contains("SLX_PLUGIN_SHA256")
        && reason.contains("other.jar"), reason);
    assertEquals("1 checksum", integrity.describe());
  }

  @Test
  void aJarSignedByATrustedCertificatePasses() throws Exception {
    Path signed = signed(PUBLISHER);
    assertEquals(Optional.empty(), trusting(PUBLISHER).check(signed));
  }

  @Test
  void aJarSignedByACertificateThatATrustedAuthorityIssuedPasses() throws Exception {
    Path signed = signed(PUBLISHER);
    PluginIntegrity integrity = trusting(CA);
    assertEquals(Optional.empty(), integrity.check(signed));
    assertEquals("1 trusted certificate", integrity.describe());
  }

  @Test
  void aJarSignedByAnUntrustedCertificateIsRefusedNamingTheSigner() throws Exception {
    String reason = trusting(CA, PUBLISHER).check(signed(EVIL)).orElseThrow();
    assertTrue(reason.contains("signed by CN=Evil, which no trusted certificate vouches for")
        && reason.contains("SLX_PLUGIN_TRUSTED_CERTS"), reason);
  }

  @Test
  void aSignerThatOnlyPresentsTheTrustedAuthorityInItsChainIsRefused() throws Exception {
    Path signed = dir.resolve("forged-chain.jar");
    keys.signWithChain(EVIL, List.of(keys.certificate(EVIL), keys.certificate(CA)),
        plainJar("plugin.jar", "v1"), signed);
    String reason = trusting(CA).check(signed).orElseThrow();
    assertTrue(reason.contains("signed by CN=Evil"), reason);
  }

  @Test
  void anUnsignedJarIsRefusedWhenOnlySignaturesAreTrusted() throws Exception {
    String reason = trusting(CA).check(plainJar("plain.jar", "v1")).orElseThrow();
    assertTrue(reason.contains("the jar is not signed"), reason);
    assertFalse(reason.contains("SLX_PLUGIN_SHA256"), "no checksums are configured: " + reason);
  }

  @Test
  void anUnsignedEntryAddedToASignedJarIsRefusedByName() throws Exception {
    Path changed = rewrite(signed(PUBLISHER), "added.jar", UnaryOperator.identity(),
        "com/example/Backdoor.class");
    String reason = trusting(CA).check(changed).orElseThrow();
    assertTrue(reason.contains("entry com/example/Backdoor.class is not signed"), reason);
  }

  @Test
  void anEntryChangedAfterSigningIsRefusedByName() throws Exception {
    Path changed = rewrite(signed(PUBLISHER), "tampered.jar",
        bytes -> "evil code".getBytes(StandardCharsets.UTF_8), null);
    String reason = trusting(CA).check(changed).orElseThrow();
    assertTrue(reason.contains("entry " + CLASS + " does not match its signature"), reason);
  }

  @Test
  void withChecksumsAndCertificatesTheReasonNamesBothRules() throws Exception {
    Path unsigned = plainJar("plain.jar", "v1");
    PluginIntegrity integrity = PluginIntegrity.of(Set.of("ab".repeat(32)),
        List.of(keys.certificate(CA)));
    String reason = integrity.check(unsigned).orElseThrow();
    assertTrue(reason.contains("SHA-256 " + sha256(unsigned) + " is not in SLX_PLUGIN_SHA256")
        && reason.contains("not signed by a trusted certificate (SLX_PLUGIN_TRUSTED_CERTS)"),
        reason);
    assertEquals(Optional.empty(), integrity.check(signed(PUBLISHER)), "either rule suffices");
    assertEquals("1 checksum, 1 trusted certificate", integrity.describe());
  }

  @Test
  void aFileThatIsNotAJarIsRefusedSayingSo() throws Exception {
    Path notAJar = Files.writeString(dir.resolve("notes.jar"), "not a jar");
    String reason = trusting(CA).check(notAJar).orElseThrow();
    assertTrue(reason.contains("notes.jar") && reason.contains("not a jar (zip) file"), reason);
    assertTrue(trusting(CA).check(dir.resolve("missing.jar")).orElseThrow()
        .contains("cannot be read"));
  }

  private PluginIntegrity trusting(String... aliases) throws Exception {
    var certs = new ArrayList<X509Certificate>();
    for (String alias : aliases) {
      certs.add(keys.certificate(alias));
    }
    return PluginIntegrity.of(Set.of(), certs);
  }

  private Path signed(String alias) throws Exception {
    Path signed = dir.resolve("signed-by-" + alias + ".jar");
    keys.sign(alias, plainJar("unsigned-" + alias + ".jar", "v1"), signed);
    return signed;
  }

  /** A jar with a manifest, a folder, a class and a resource. */
  private Path plainJar(String name, String version) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Plugin-Version", version);
    Path jar = dir.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.putNextEntry(new ZipEntry("com/example/"));
      out.putNextEntry(new ZipEntry(CLASS));
      out.write(("class bytes " + version).getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new ZipEntry("connector.properties"));
      out.write("type=example\n".getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }

  /** Copies a jar entry by entry, changing {@link #CLASS} and adding an entry if asked. */
  private Path rewrite(Path jar, String name, UnaryOperator<byte[]> changeClass, String add)
      throws IOException {
    Path copy = dir.resolve(name);
    try (ZipFile in = new ZipFile(jar.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
      for (ZipEntry entry : Collections.list(in.entries())) {
        byte[] bytes = in.getInputStream(entry).readAllBytes();
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(entry.getName().equals(CLASS) ? changeClass.apply(bytes) : bytes);
      }
      if (add != null) {
        out.putNextEntry(new ZipEntry(add));
        out.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
      }
    }
    return copy;
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(file)));
  }
}
