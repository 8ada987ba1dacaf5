package io.slxconnect.hub.auth;

/**
 * What an API operation needs; each operation of the OpenAPI document names one in
 * {@code x-permission}, and each {@link Role} grants a set of them.
 */
public enum Permission {
  /** No login needed: health, metrics, login itself. */
  PUBLIC,
  /** See configuration and state, never secrets. */
  READ,
  /** Run things: start, stop and test connectors, imports; manage users and groups. */
  OPERATE,
  /** Change settings and secrets: create, edit and delete connectors. */
  CONFIGURE,
  /** Read the audit log. */
  AUDIT,
  /** Manage admin accounts. */
  ADMINS;

  /**
   * The permission named in the OpenAPI document.
   *
   * @param name the {@code x-permission} value, lower case
   * @return the permission
   */
  public static Permission fromName(String name) {
    return valueOf(name.toUpperCase(java.util.Locale.ROOT));
  }
}
