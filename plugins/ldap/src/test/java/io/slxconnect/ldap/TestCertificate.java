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
    Path dir = Files.createTempDirectory("slx-ldap-cert");
    Path file = dir.resolve("server.p12");
    List<String> args = new ArrayList<>(List.of("generate-self-signed-certificate",
        "--keystore", file.toString(), "--keystore-password", PASSWORD,
        "--keystore-type", "PKCS12", "--alias", ALIAS, "--subject-dn", subject,
        "--days-valid", "2", "--key-algorithm", "EC", "--key-size-bits", "256",
        "--signature-algorithm", "SHA256withECDSA"));
    dnsNames.forEach(n -> args.addAll(List.of("--subject-alternative-name-dns", n)));
    ipAddresses.forEach(ip -> args.addAll(List.of("--subject-alternative-name-ip-address", ip)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ResultCode rc = ManageCertificates.main(null, out, out, args.toArray(String[]::new));
    if (rc != ResultCode.SUCCESS) {
      throw new IllegalStateException("Certificate generation failed: " + out);
    }
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
}
