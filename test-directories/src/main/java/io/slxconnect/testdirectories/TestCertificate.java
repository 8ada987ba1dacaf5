package io.slxconnect.testdirectories;

import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import com.unboundid.util.ssl.cert.ManageCertificates;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A self-signed server certificate made at test time with the SDK's ManageCertificates, its key
 * in a PKCS #12 file of its own that is deleted when the JVM exits.
 */
public final class TestCertificate {

  /** Key types: EC is quick to make; RSA is what every server can read from a PEM file. */
  public enum KeyAlgorithm {
    /** P-256, the default. */
    EC(256, "SHA256withECDSA"),
    /** GnuTLS (Samba) cannot read the EC PKCS #8 keys Java writes, which omit the public key. */
    RSA(2048, "SHA256withRSA");

    private final int bits;
    private final String signature;

    KeyAlgorithm(int bits, String signature) {
      this.bits = bits;
      this.signature = signature;
    }
  }

  private static final String PASSWORD = "keystore-pin";
  private static final String ALIAS = "server-cert";

  private final Path keyStore;
  private final X509Certificate certificate;

  private TestCertificate(Path keyStore, X509Certificate certificate) {
    this.keyStore = keyStore;
    this.certificate = certificate;
  }

  /**
   * Generates a key pair and a self-signed certificate valid for two days.
   *
   * @param subject the subject DN
   * @param dnsNames subjectAltName DNS names
   * @param ipAddresses subjectAltName IP addresses
   * @return the certificate, with its key in a PKCS #12 file
   * @throws Exception when generation fails
   */
  public static TestCertificate create(String subject, List<String> dnsNames,
      List<String> ipAddresses) throws Exception {
    return create(subject, dnsNames, ipAddresses, 2, KeyAlgorithm.EC);
  }

  /**
   * Generates a key pair and a self-signed certificate.
   *
   * @param subject the subject DN
   * @param dnsNames subjectAltName DNS names
   * @param ipAddresses subjectAltName IP addresses
   * @param daysValid how long it is valid, from now
   * @param algorithm the key type
   * @return the certificate, with its key in a PKCS #12 file
   * @throws Exception when generation fails
   */
  public static TestCertificate create(String subject, List<String> dnsNames,
      List<String> ipAddresses, int daysValid, KeyAlgorithm algorithm) throws Exception {
    Path dir = Files.createTempDirectory("slx-ldap-cert");
    Path file = dir.resolve("server.p12");
    List<String> args = new ArrayList<>(List.of("generate-self-signed-certificate",
        "--keystore", file.toString(), "--keystore-password", PASSWORD,
        "--keystore-type", "PKCS12", "--alias", ALIAS, "--subject-dn", subject,
        "--days-valid", String.valueOf(daysValid), "--key-algorithm", algorithm.name(),
        "--key-size-bits", String.valueOf(algorithm.bits),
        "--signature-algorithm", algorithm.signature));
    dnsNames.forEach(n -> args.addAll(List.of("--subject-alternative-name-dns", n)));
    ipAddresses.forEach(ip -> args.addAll(List.of("--subject-alternative-name-ip-address", ip)));
    manageCertificates(args);
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD.toCharArray());
    }
    file.toFile().deleteOnExit();
    dir.toFile().deleteOnExit();
    return new TestCertificate(file, (X509Certificate) store.getCertificate(ALIAS));
  }

  /**
   * The certificate in PEM form, as an admin would paste it.
   *
   * @return one {@code -----BEGIN CERTIFICATE-----} block
   * @throws CertificateEncodingException when the certificate cannot be encoded
   */
  public String pem() throws CertificateEncodingException {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  /**
   * Writes the private key as unencrypted PKCS #8 PEM, for a server that reads PEM files.
   *
   * @param file where to write it
   * @throws Exception when the export fails
   */
  public void writePrivateKeyPem(Path file) throws Exception {
    manageCertificates(List.of("export-private-key", "--keystore", keyStore.toString(),
        "--keystore-password", PASSWORD, "--alias", ALIAS, "--output-format", "PEM",
        "--output-file", file.toString()));
  }

  /** {@return the subject DN in RFC 2253 form} */
  public String subject() {
    return certificate.getSubjectX500Principal().getName();
  }

  /**
   * Client-side TLS that trusts exactly this certificate (while it is valid); host names are
   * the caller's to check.
   *
   * @return the SDK's TLS helper
   */
  public SSLUtil clientSsl() {
    return new SSLUtil(new TrustStoreTrustManager(keyStore.toFile(), PASSWORD.toCharArray(),
        "PKCS12", true));
  }

  /**
   * Server-side TLS presenting this certificate with its key.
   *
   * @return the SDK's TLS helper
   * @throws KeyStoreException when the key cannot be read back
   */
  public SSLUtil serverSsl() throws KeyStoreException {
    return new SSLUtil(new KeyStoreKeyManager(keyStore.toFile(), PASSWORD.toCharArray(),
        "PKCS12", ALIAS), null);
  }

  private static void manageCertificates(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ResultCode rc = ManageCertificates.main(null, out, out, args.toArray(String[]::new));
    if (rc != ResultCode.SUCCESS) {
      throw new IllegalStateException("ManageCertificates " + args.get(0) + " failed: " + out);
    }
  }
}
