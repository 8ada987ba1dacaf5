package io.slxconnect.api;

/**
 * The version of this plugin API, following semantic versioning.
 *
 * <p>The hub runs PF4J with this as its system version, so a plugin whose manifest says
 * {@code Plugin-Requires: ^1.0.0} loads into any 1.x hub and is refused, with a message that
 * names both versions, by a 2.x hub. Minor versions only add; a removal or an incompatible
 * change raises the major version.
 */
public final class ApiVersion {

  /** The API version this jar implements. */
  public static final String CURRENT = "1.0.0";

  private ApiVersion() {
  }
}
