package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.cert.ManageCertificates;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A self-signed server certificate made at test time with the SDK's ManageCertificates. */
final class TestCertificate {

  /** Key types: EC is quick to make; RSA is what every server can read from a PEM file. */
  enum KeyAlgorithm {
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
  static TestCertificate create(String subject, List<String> dnsNames, List<String> ipAddresses)
      throws Exception {
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
  static TestCertificate create(String subject, List<String> dnsNames, List<String> ipAddresses,
      int daysValid, KeyAlgorithm algorithm) throws Exception {
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

  /** {@return the certificate in PEM form, as an admin would paste it} */
  String pem() throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  /**
   * Writes the private key as unencrypted PKCS #8 PEM, for a server that reads PEM files.
   *
   * @param file where to write it
   * @throws Exception when the export fails
   */
  void writePrivateKeyPem(Path file) throws Exception {
    manageCertificates(List.of("export-private-key", "--keystore", keyStore.toString(),
        "--keystore-password", PASSWORD, "--alias", ALIAS, "--output-format", "PEM",
        "--output-file", file.toString()));
  }

  /** {@return the subject DN in RFC 2253 form} */
  String subject() {
    return certificate.getSubjectX500Principal().getName();
  }

  /** {@return client-side TLS that trusts exactly this certificate} */
  SSLUtil clientSsl() throws Exception {
    return new SSLUtil(new com.unboundid.util.ssl.TrustStoreTrustManager(keyStore.toFile(),
        PASSWORD.toCharArray(), "PKCS12", true));
  }

  /** {@return server-side TLS with this certificate's key} */
  SSLUtil serverSsl() throws Exception {
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
