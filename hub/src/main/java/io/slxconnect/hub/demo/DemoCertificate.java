package io.slxconnect.hub.demo;

import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.cert.ManageCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The demo directory's TLS identity: an EC P-256 key and a self-signed certificate for
 * {@code 127.0.0.1} and {@code localhost}, made with the LDAP SDK's ManageCertificates (no
 * openssl needed) at first start, and again when the files are deleted or the certificate is
 * about to expire. The certificate is also written as PEM: the connector trusts exactly it, and
 * so can {@code ldapmodify} through {@code LDAPTLS_CACERT}.
 */
final class DemoCertificate {

  private static final String ALIAS = "demo-directory";
  private static final int DAYS_VALID = 825;
  /** Renewed this long before it expires, so a running demo never meets an expired one. */
  private static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private final DemoFiles files;
  private final String pin;
  private final X509Certificate certificate;

  private DemoCertificate(DemoFiles files, String pin, X509Certificate certificate) {
    this.files = files;
    this.pin = pin;
    this.certificate = certificate;
  }

  /**
   * Loads the certificate, making a new one when a file is missing or it expires soon.
   *
   * @param files where it is kept
   * @return the certificate and its key
   * @throws IOException when the files cannot be read or written
   * @throws GeneralSecurityException when the key store cannot be opened
   */
  static DemoCertificate loadOrCreate(DemoFiles files) throws IOException,
      GeneralSecurityException {
    String pin = SecretFile.readOrCreate(files.keyStorePin());
    if (Files.exists(files.keyStore()) && Files.exists(files.certificate())) {
      X509Certificate existing = read(files, pin);
      if (existing.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE))) {
        return new DemoCertificate(files, pin, existing);
      }
    }
    generate(files, pin);
    X509Certificate created = read(files, pin);
    DemoFiles.writePrivate(files.certificate(), pem(created).getBytes(StandardCharsets.US_ASCII),
        true);
    return new DemoCertificate(files, pin, created);
  }

  private static void generate(DemoFiles files, String pin) throws IOException {
    // ManageCertificates refuses to add to a key store that already has the alias.
    Files.deleteIfExists(files.keyStore());
    Files.deleteIfExists(files.certificate());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ResultCode rc = ManageCertificates.main(null, out, out,
        "generate-self-signed-certificate", "--keystore", files.keyStore().toString(),
        "--keystore-password", pin, "--keystore-type", "PKCS12", "--alias", ALIAS,
        "--subject-dn", "CN=SLX Connect demo directory,O=SLX Connect demo",
        "--days-valid", Integer.toString(DAYS_VALID), "--key-algorithm", "EC",
        "--key-size-bits", "256", "--signature-algorithm", "SHA256withECDSA",
        "--subject-alternative-name-ip-address", "127.0.0.1",
        "--subject-alternative-name-dns", "localhost");
    if (rc != ResultCode.SUCCESS) {
      throw new IOException("The demo directory's certificate could not be made in "
          + files.keyStore() + ": " + out.toString(StandardCharsets.UTF_8).strip());
    }
    // The tool writes with the default umask; the private key is for the hub's user only.
    try {
      Files.setPosixFilePermissions(files.keyStore(),
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Not a POSIX file system: the folder's own protection is all there is.
    }
  }

  private static X509Certificate read(DemoFiles files, String pin) throws IOException,
      GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(files.keyStore())) {
      store.load(in, pin.toCharArray());
    }
    if (!(store.getCertificate(ALIAS) instanceof X509Certificate certificate)) {
      throw new IOException(files.keyStore() + " has no certificate '" + ALIAS + "'; delete it "
          + "and a new one is made at the next start");
    }
    return certificate;
  }

  private static String pem(X509Certificate certificate) throws GeneralSecurityException {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  /** {@return the certificate in PEM form} */
  String pem() {
    try {
      return pem(certificate);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The demo certificate cannot be encoded", e);
    }
  }

  /**
   * The server side of TLS, with this key.
   *
   * @return the TLS settings for the listener
   * @throws GeneralSecurityException when the key store cannot be read
   */
  SSLUtil serverSsl() throws GeneralSecurityException {
    return new SSLUtil(new KeyStoreKeyManager(files.keyStore().toFile(), pin.toCharArray(),
        "PKCS12", ALIAS), null);
  }
}
