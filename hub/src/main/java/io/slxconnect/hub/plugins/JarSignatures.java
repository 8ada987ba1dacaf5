package io.slxconnect.hub.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whether every entry of a jar is signed by a certificate that a trusted certificate vouches
 * for, the signature half of {@link PluginIntegrity}.
 *
 * <p>A signer is vouched for when its certificate is one of the trusted certificates, or when
 * the chain it signed with leads, by PKIX validation, to one of them: its certificate was issued
 * and signed by a trusted certificate (directly or through the intermediate certificates in the
 * jar). Every certificate of the chain must be valid now; timestamps are not taken into account
 * (a timestamp authority would have to be trusted too), so a jar signed with a certificate that
 * has since expired is refused and must be signed again or listed by checksum. Revocation is
 * not checked (the hub may be offline); remove a revoked certificate from the trusted file.
 */
final class JarSignatures {

  /** What {@code jarsigner} writes and does not sign itself. */
  private static final Pattern SIGNATURE_FILE = Pattern.compile(
      "META-INF/(MANIFEST\\.MF|[^/]+\\.(SF|RSA|DSA|EC)|SIG-[^/]+)", Pattern.CASE_INSENSITIVE);

  private final List<X509Certificate> trusted;
  private final Set<TrustAnchor> anchors;

  JarSignatures(List<X509Certificate> trusted) {
    this.trusted = trusted;
    this.anchors = trusted.stream().map(cert -> new TrustAnchor(cert, null))
        .collect(Collectors.toUnmodifiableSet());
  }

  boolean any() {
    return !trusted.isEmpty();
  }

  int size() {
    return trusted.size();
  }

  /**
   * Reads every entry of the jar, which makes {@link JarFile} verify it against the signatures,
   * and checks who signed each.
   *
   * @param jar the jar, opened with verification on
   * @return empty when every entry is signed by a vouched-for signer, else why not
   * @throws IOException if the jar cannot be read
   */
  Optional<String> check(JarFile jar) throws IOException {
    Map<CodeSigner, Optional<String>> verdicts = new HashMap<>();
    String firstUnsigned = null;
    boolean anySigned = false;
    for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
      JarEntry entry = entries.nextElement();
      try (InputStream in = jar.getInputStream(entry)) {
        in.transferTo(OutputStream.nullOutputStream());
      } catch (SecurityException e) {
        return Optional.of("entry " + entry.getName() + " does not match its signature, the jar "
            + "was changed after it was signed (" + e.getMessage() + ")");
      }
      if (entry.isDirectory() || SIGNATURE_FILE.matcher(entry.getName()).matches()) {
        continue;
      }
      CodeSigner[] signers = entry.getCodeSigners();
      if (signers == null || signers.length == 0) {
        firstUnsigned = firstUnsigned == null ? entry.getName() : firstUnsigned;
        continue;
      }
      anySigned = true;
      Optional<String> refusal = vouchForOne(signers, verdicts);
      if (refusal.isPresent()) {
        return refusal;
      }
    }
    if (!anySigned) {
      return Optional.of("the jar is not signed");
    }
    return Optional.ofNullable(firstUnsigned).map(name -> "entry " + name + " is not signed");
  }

  private Optional<String> vouchForOne(CodeSigner[] signers,
      Map<CodeSigner, Optional<String>> verdicts) {
    Optional<String> first = Optional.empty();
    for (CodeSigner signer : signers) {
      Optional<String> refusal = verdicts.computeIfAbsent(signer, this::vouch);
      if (refusal.isEmpty()) {
        return refusal;
      }
      first = first.or(() -> refusal);
    }
    return first;
  }

  private Optional<String> vouch(CodeSigner signer) {
    List<? extends Certificate> chain = signer.getSignerCertPath().getCertificates();
    X509Certificate leaf = (X509Certificate) chain.get(0);
    String who = "signed by " + leaf.getSubjectX500Principal().getName();
    Date now = new Date();
    try {
      leaf.checkValidity(now);
    } catch (CertificateExpiredException e) {
      return Optional.of(who + ", whose certificate expired on " + leaf.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      return Optional.of(who + ", whose certificate is not valid before "
          + leaf.getNotBefore().toInstant());
    }
    List<Certificate> untrusted = new ArrayList<>();
    for (Certificate cert : chain) {
      if (trusted.contains(cert)) {
        break;
      }
      untrusted.add(cert);
    }
    if (untrusted.isEmpty()) {
      return Optional.empty();
    }
    try {
      PKIXParameters params = new PKIXParameters(anchors);
      params.setRevocationEnabled(false);
      params.setDate(now);
      CertPathValidator.getInstance("PKIX").validate(
          CertificateFactory.getInstance("X.509").generateCertPath(untrusted), params);
      return Optional.empty();
    } catch (CertPathValidatorException e) {
      return Optional.of(who + ", which no trusted certificate vouches for (" + e.getMessage()
          + ")");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PKIX validation is not available", e);
    }
  }
}
