package io.slxconnect.ldap;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Delegates every trust decision unchanged and remembers the last server certificate chain and
 * verdict, so that a failed handshake can be explained by naming the certificate the server
 * presented. Trusts nothing its delegate does not trust.
 */
final class RecordingTrustManager extends X509ExtendedTrustManager {

  private final X509ExtendedTrustManager delegate;
  private volatile X509Certificate[] lastChain;
  private volatile Boolean lastTrusted;

  RecordingTrustManager(X509ExtendedTrustManager delegate) {
    this.delegate = delegate;
  }

  /** {@return the end-entity certificate the server last presented, or {@code null}} */
  X509Certificate lastServerCertificate() {
    X509Certificate[] chain = lastChain;
    return chain == null || chain.length == 0 ? null : chain[0];
  }

  /**
   * The verdict on the last chain.
   *
   * @return {@code TRUE} trusted, {@code FALSE} refused, {@code null} no chain seen yet
   */
  Boolean lastTrusted() {
    return lastTrusted;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    record(chain, () -> delegate.checkServerTrusted(chain, authType, socket));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    record(chain, () -> delegate.checkServerTrusted(chain, authType, engine));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    record(chain, () -> delegate.checkServerTrusted(chain, authType));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }

  private void record(X509Certificate[] chain, Check check) throws CertificateException {
    lastChain = chain == null ? null : chain.clone();
    lastTrusted = null;
    try {
      check.run();
      lastTrusted = Boolean.TRUE;
    } catch (CertificateException | RuntimeException e) {
      lastTrusted = Boolean.FALSE;
      throw e;
    }
  }

  @FunctionalInterface
  private interface Check {
    void run() throws CertificateException;
  }
}
