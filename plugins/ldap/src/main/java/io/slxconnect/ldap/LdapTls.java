package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.SSLUtil;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for directory connections: trusts either the PEM certificates from the settings or the
 * JVM's default trust store (never everything), records the certificate the server presents,
 * and turns a failed handshake into an explanation an admin can act on. Host-name checks are
 * done by the SDK's {@code HostNameSSLSocketVerifier}, see {@link LdapConnections}.
 */
final class LdapTls {

  private final RecordingTrustManager trustManager;
  private final SSLContext context;
  private final boolean customTrust;

  private LdapTls(RecordingTrustManager trustManager, SSLContext context, boolean customTrust) {
    this.trustManager = trustManager;
    this.context = context;
    this.customTrust = customTrust;
  }

  /**
   * Creates the TLS setup.
   *
   * @param trusted the certificates to trust; empty for the JVM's default trust store
   * @return the setup
   */
  static LdapTls create(List<X509Certificate> trusted) {
    try {
      KeyStore store = null;
      if (!trusted.isEmpty()) {
        store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        for (int i = 0; i < trusted.size(); i++) {
          store.setCertificateEntry("trusted-" + i, trusted.get(i));
        }
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      RecordingTrustManager recording = new RecordingTrustManager(x509(factory.getTrustManagers()));
      SSLContext context = new SSLUtil(recording).createSSLContext();
      return new LdapTls(recording, context, !trusted.isEmpty());
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new ConnectorException(Reason.FAILED,
          "Cannot set up TLS in this Java runtime: " + e.getMessage(), e);
    }
  }

  /**
   * Reads one or more PEM certificates.
   *
   * @param pem the text, {@code -----BEGIN CERTIFICATE-----} blocks
   * @return the certificates, at least one
   * @throws ConnectorException {@link Reason#MISCONFIGURED} when none can be read
   */
  static List<X509Certificate> parsePem(String pem) {
    try {
      Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.trim().getBytes(StandardCharsets.US_ASCII)));
      List<X509Certificate> certificates = new ArrayList<>();
      for (Certificate c : read) {
        certificates.add((X509Certificate) c);
      }
      if (certificates.isEmpty()) {
        throw new CertificateException("no certificate found");
      }
      return List.copyOf(certificates);
    } catch (CertificateException | RuntimeException e) {
      throw LdapSettings.misconfigured("'trustedCertificate' is not a PEM certificate "
          + "(-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----): " + e.getMessage());
    }
  }

  /** {@return the SSL context for LDAPS and StartTLS} */
  SSLContext context() {
    return context;
  }

  /** {@return a socket factory for LDAPS connections} */
  SSLSocketFactory socketFactory() {
    return context.getSocketFactory();
  }

  /** {@return the end-entity certificate the server last presented, or {@code null}} */
  X509Certificate lastServerCertificate() {
    return trustManager.lastServerCertificate();
  }

  /**
   * Whether a connection failure happened in the TLS handshake or in the certificate checks
   * right after it (host name), rather than in the network or the bind.
   *
   * @param error the failure
   * @return {@code true} for TLS failures
   */
  boolean isTlsFailure(LDAPException error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SSLException || t instanceof CertificateException) {
        return true;
      }
    }
    Boolean trusted = trustManager.lastTrusted();
    return Boolean.FALSE.equals(trusted)
        || (trusted != null && error.getResultCode() == ResultCode.CONNECT_ERROR);
  }

  /**
   * Explains a failed TLS handshake or certificate check, naming the server's certificate.
   *
   * @param error what the SDK reported
   * @param endpoint the server tried
   * @param security LDAPS or StartTLS
   * @param verifyHostname whether the host name was checked
   * @return an explanation starting with "TLS failed"
   */
  String explainFailure(Throwable error, LdapSettings.Endpoint endpoint, Security security,
      boolean verifyHostname) {
    String prefix = "TLS failed with " + endpoint.url() + ": ";
    String cause = " (" + LdapFailures.rootCause(error) + ")";
    X509Certificate cert = trustManager.lastServerCertificate();
    Boolean trusted = trustManager.lastTrusted();
    if (cert == null) {
      return prefix + "the handshake failed before the server presented a certificate"
          + cause + ". " + (security == Security.LDAPS
              ? "Check that this port speaks LDAPS (usually 636); on a plain LDAP port (389) "
                  + "use security 'starttls' with an ldap:// URL."
              : "Check that the server has a certificate configured for StartTLS.");
    }
    if (Boolean.FALSE.equals(trusted)) {
      return prefix + "the server certificate is not trusted: " + describe(cert) + ". "
          + (customTrust
              ? "It is neither the certificate in 'trustedCertificate' nor issued by it."
              : "The Java runtime's default trust store does not trust it: paste the issuing "
                  + "CA certificate (PEM) into 'trustedCertificate'.")
          + cause;
    }
    if (verifyHostname) {
      return prefix + "the server certificate is trusted but not issued for host '"
          + endpoint.host() + "': " + describe(cert) + ". Use a URL with one of the "
          + "certificate's names, or switch off 'verifyHostname' (not recommended)." + cause;
    }
    return prefix + "the connection failed after the certificate was accepted: "
        + describe(cert) + cause;
  }

  /**
   * Describes a certificate for an admin: subject, issuer, names, validity.
   *
   * @param cert the certificate
   * @return the description
   */
  static String describe(X509Certificate cert) {
    StringBuilder text = new StringBuilder("subject '")
        .append(cert.getSubjectX500Principal().getName()).append('\'');
    if (cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
      text.append(" (self-signed)");
    } else {
      text.append(", issued by '").append(cert.getIssuerX500Principal().getName()).append('\'');
    }
    List<String> names = subjectAlternativeNames(cert);
    if (!names.isEmpty()) {
      text.append(", names ").append(String.join(", ", names));
    }
    try {
      cert.checkValidity();
      text.append(", valid until ").append(cert.getNotAfter().toInstant());
    } catch (CertificateExpiredException e) {
      text.append(", EXPIRED on ").append(cert.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      text.append(", NOT VALID before ").append(cert.getNotBefore().toInstant())
          .append(" (now ").append(Instant.now()).append(')');
    }
    return text.toString();
  }

  private static List<String> subjectAlternativeNames(X509Certificate cert) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          Object type = san.get(0);
          if (Integer.valueOf(2).equals(type)) {
            names.add("DNS:" + san.get(1));
          } else if (Integer.valueOf(7).equals(type)) {
            names.add("IP:" + san.get(1));
          }
        }
      }
    } catch (CertificateException e) {
      names.add("(unreadable subjectAltName)");
    }
    return names;
  }

  private static X509ExtendedTrustManager x509(TrustManager[] managers) {
    for (TrustManager manager : managers) {
      if (manager instanceof X509ExtendedTrustManager x509) {
        return x509;
      }
    }
    throw new IllegalStateException("The Java runtime offers no X.509 trust manager");
  }
}
