package io.slxconnect.hub.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import jdk.security.jarsigner.JarSigner;

/**
 * Real code-signing keys made with the JDK's {@code keytool}, as an admin or a plugin publisher
 * would make them: {@link #CA} (a certificate authority), {@link #PUBLISHER} (a publisher whose
 * certificate the CA issued) and {@link #EVIL} (a self-signed certificate nobody trusts).
 */
public final class SigningKeys {

  /** The certificate authority. */
  public static final String CA = "ca";
  /** The publisher, issued by {@link #CA}; signs with the chain publisher, CA. */
  public static final String PUBLISHER = "publisher";
  /** A self-signed signer nobody trusts. */
  public static final String EVIL = "evil";

  private static final char[] PASSWORD = "changeit".toCharArray();

  private final KeyStore store;

  private SigningKeys(KeyStore store) {
    this.store = store;
  }

  /**
   * Makes the three keys in a new PKCS#12 key store.
   *
   * @param dir where the key store and the certificate request are written
   * @return the keys
   * @throws Exception if {@code keytool} fails
   */
  public static SigningKeys create(Path dir) throws Exception {
    Path ks = dir.resolve("keys.p12");
    newKey(ks, CA, "CN=Test Plugin CA", "-ext", "bc:c");
    newKey(ks, PUBLISHER, "CN=Plugin Publisher");
    Path request = dir.resolve("publisher.csr");
    Path issued = dir.resolve("publisher.cer");
    keytool(ks, "-certreq", "-alias", PUBLISHER, "-file", request.toString());
    keytool(ks, "-gencert", "-alias", CA, "-infile", request.toString(),
        "-outfile", issued.toString(), "-validity", "2");
    keytool(ks, "-importcert", "-alias", PUBLISHER, "-file", issued.toString(), "-noprompt");
    newKey(ks, EVIL, "CN=Evil");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, PASSWORD);
    }
    return new SigningKeys(store);
  }

  /**
   * The certificate of a key.
   *
   * @param alias {@link #CA}, {@link #PUBLISHER} or {@link #EVIL}
   * @return its certificate
   * @throws GeneralSecurityException never for the three aliases
   */
  public X509Certificate certificate(String alias) throws GeneralSecurityException {
    return (X509Certificate) store.getCertificate(alias);
  }

  /**
   * Writes certificates as PEM, the format of {@code SLX_PLUGIN_TRUSTED_CERTS}.
   *
   * @param file the file to write
   * @param aliases whose certificates
   * @throws Exception if it cannot be written
   */
  public void writePem(Path file, String... aliases) throws Exception {
    StringBuilder pem = new StringBuilder();
    for (String alias : aliases) {
      pem.append("-----BEGIN CERTIFICATE-----\n")
          .append(Base64.getMimeEncoder(64, new byte[] {'\n'})
              .encodeToString(certificate(alias).getEncoded()))
          .append("\n-----END CERTIFICATE-----\n");
    }
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
  }

  /**
   * Signs a jar with {@code jdk.security.jarsigner}, as {@code jarsigner} does.
   *
   * @param alias whose key signs
   * @param unsigned the jar to sign
   * @param signed where the signed jar is written
   * @throws Exception if signing fails
   */
  public void sign(String alias, Path unsigned, Path signed) throws Exception {
    List<X509Certificate> chain = new ArrayList<>();
    for (var cert : store.getCertificateChain(alias)) {
      chain.add((X509Certificate) cert);
    }
    signWithChain(alias, chain, unsigned, signed);
  }

  /**
   * Signs a jar with a key but presents the certificate chain given, true or not.
   *
   * @param alias whose key signs
   * @param chain the certificates written into the signature, signer first
   * @param unsigned the jar to sign
   * @param signed where the signed jar is written
   * @throws Exception if signing fails
   */
  public void signWithChain(String alias, List<X509Certificate> chain, Path unsigned,
      Path signed) throws Exception {
    PrivateKey key = (PrivateKey) store.getKey(alias, PASSWORD);
    JarSigner signer = new JarSigner.Builder(key,
        CertificateFactory.getInstance("X.509").generateCertPath(chain)).build();
    try (ZipFile in = new ZipFile(unsigned.toFile());
        OutputStream out = Files.newOutputStream(signed)) {
      signer.sign(in, out);
    }
  }

  /** A key pair with a self-signed certificate valid for two days. */
  private static void newKey(Path store, String alias, String name, String... extensions)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-dname", name,
        "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2"));
    args.addAll(Arrays.asList(extensions));
    keytool(store, args.toArray(String[]::new));
  }

  private static void keytool(Path store, String... args) throws IOException,
      InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(Arrays.asList(args));
    command.addAll(List.of("-keystore", store.toString(), "-storetype", "PKCS12",
        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }
}
