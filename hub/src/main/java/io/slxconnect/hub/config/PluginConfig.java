package io.slxconnect.hub.config;

import io.slxconnect.hub.plugins.PluginIntegrity;

/**
 * How the hub accepts plugin jars; see docs/configuration.md and docs/security.md.
 *
 * @param maxUploadBytes the largest plugin jar an admin may upload
 * @param integrity which jars may be loaded: by checksum, by trusted signer, or any
 */
public record PluginConfig(long maxUploadBytes, PluginIntegrity integrity) {

  /** The defaults: uploads up to 64 MiB, no integrity check. */
  public static final PluginConfig DEFAULTS =
      new PluginConfig(64L * 1024 * 1024, PluginIntegrity.none());

  /** {@return the settings for the start-up log} */
  @Override
  public String toString() {
    return "PluginConfig[maxUploadBytes=" + maxUploadBytes + ", integrity="
        + integrity.describe() + "]";
  }
}
