package io.slxconnect.hub.plugins;

/**
 * A plugin jar the hub will not load, or an install, upgrade or removal it will not do. The
 * message is the reason in words an admin can act on.
 */
public final class PluginRefused extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why the hub refused. */
  public enum Kind {
    /** The jar is not a usable plugin for this hub: manifest, API version, integrity, types. */
    INVALID,
    /** It clashes with what is installed: same version, an operation already running. */
    CONFLICT,
    /** Connector instances use the plugin. */
    IN_USE,
    /** An upgrade failed and the previous version runs again. */
    ROLLED_BACK
  }

  private final Kind kind;

  /**
   * Creates the refusal.
   *
   * @param kind why
   * @param reason the reason, for the admin
   */
  public PluginRefused(Kind kind, String reason) {
    super(reason, null, false, false);
    this.kind = kind;
  }

  /**
   * An invalid jar.
   *
   * @param reason the reason
   * @return the refusal
   */
  public static PluginRefused invalid(String reason) {
    return new PluginRefused(Kind.INVALID, reason);
  }

  /** @return why the hub refused */
  public Kind kind() {
    return kind;
  }
}
