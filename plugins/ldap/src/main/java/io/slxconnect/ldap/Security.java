package io.slxconnect.ldap;

/** How the connection to the directory is protected; the {@code security} setting. */
enum Security {
  /** TLS from the first byte, {@code ldaps://} URLs. */
  LDAPS("ldaps", "ldaps"),
  /** A plain connection upgraded with the StartTLS extended operation before binding. */
  STARTTLS("starttls", "ldap"),
  /** No encryption; only accepted together with {@code allowPlaintext}. */
  NONE("none", "ldap");

  private final String id;
  private final String urlScheme;

  Security(String id, String urlScheme) {
    this.id = id;
    this.urlScheme = urlScheme;
  }

  /** {@return the setting value} */
  String id() {
    return id;
  }

  /** {@return the URL scheme this mode uses, {@code ldaps} or {@code ldap}} */
  String urlScheme() {
    return urlScheme;
  }

  /** {@return whether the connection is encrypted} */
  boolean usesTls() {
    return this != NONE;
  }

  /**
   * Parses a setting value.
   *
   * @param id the value
   * @return the mode, or {@code null} when unknown
   */
  static Security fromId(String id) {
    for (Security s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    return null;
  }
}
