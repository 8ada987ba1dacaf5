package io.slxconnect.hub.config;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/** Reads a PEM file of X.509 certificates, such as {@code SLX_PLUGIN_TRUSTED_CERTS} names. */
final class TrustedCertificates {

  private TrustedCertificates() {}

  /**
   * Reads every certificate of the file.
   *
   * @param key the setting that names the file, for the message
   * @param file the PEM file
   * @return its certificates, at least one
   * @throws ConfigException naming the setting, the file and what is wrong
   */
  static List<X509Certificate> read(String key, Path file) {
    byte[] pem;
    try {
      pem = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(key + " " + file + " does not exist");
    } catch (AccessDeniedException e) {
      throw new ConfigException(key + " " + file + " cannot be read: permission denied");
    } catch (IOException e) {
      throw new ConfigException(key + " " + file + " cannot be read: " + e.getMessage());
    }
    List<X509Certificate> certs;
    try {
      certs = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem)).stream()
          .map(X509Certificate.class::cast).toList();
    } catch (CertificateException e) {
      throw new ConfigException(key + " " + file + " is not a PEM file of X.509 certificates: "
          + e.getMessage());
    }
    if (certs.isEmpty()) {
      throw new ConfigException(key + " " + file + " holds no certificate");
    }
    return certs;
  }
}
