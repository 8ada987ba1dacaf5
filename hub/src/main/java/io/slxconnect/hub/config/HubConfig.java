package io.slxconnect.hub.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of the hub, read once at start and validated; see docs/configuration.md.
 *
 * @param httpHost the address the HTTP server binds to
 * @param httpPort the HTTP port
 * @param publicUrl the URL admins reach the hub at (setup link, push receivers)
 * @param dataDir where the hub keeps its keys and the embedded database
 * @param pluginsDir where connector plugin jars are loaded from
 * @param database the external database, or empty for the embedded one
 * @param embeddedDbPort the loopback port of the embedded PostgreSQL
 * @param dbPoolSize the size of the database connection pool
 * @param firstAdminUsername the name of the first admin created from the environment
 * @param firstAdminPassword the password of that admin, or empty to print a setup link
 * @param masterKey the base64 AES-256 key for secrets at rest, or empty to use the data dir's
 * @param jwtKey the base64 HMAC key signing access tokens, or empty to use the data dir's
 * @param jwtIssuer the {@code iss} and {@code aud} of access tokens
 * @param accessTokenTtl how long an access token lives
 * @param sessionTtl how long a login session lives without a new login
 * @param maxBodyBytes the largest request body accepted
 * @param pluginCallTimeout how long a call into a plugin may take before it is failed
 * @param connectorWorkerPoolSize the blocking worker threads each connector instance gets
 * @param forwardedHeaders which proxy headers give the client address: {@code none},
 *     {@code forwarded}, {@code x-forwarded} or {@code all}; set only behind a trusted proxy
 * @param provisioningConcurrency how many provisioning pushes run at once
 * @param provisioningRetryDelay the wait before a failed push is retried the first time; it
 *     doubles with each attempt up to five minutes
 * @param demoDirectory whether the hub runs its built-in demo directory, connected as the
 *     "Demo directory" connector; off by default, for trying the hub without a directory
 * @param demoDirectoryPort the loopback LDAPS port of the demo directory ({@code 0}: any free
 *     port)
 * @param webhooks how webhooks are delivered
 * @param plugins how plugin jars are accepted: the upload limit and the integrity check
 */
public record HubConfig(
    String httpHost,
    int httpPort,
    URI publicUrl,
    Path dataDir,
    Path pluginsDir,
    Optional<DatabaseConfig> database,
    int embeddedDbPort,
    int dbPoolSize,
    String firstAdminUsername,
    Optional<String> firstAdminPassword,
    Optional<String> masterKey,
    Optional<String> jwtKey,
    String jwtIssuer,
    Duration accessTokenTtl,
    Duration sessionTtl,
    long maxBodyBytes,
    Duration pluginCallTimeout,
    int connectorWorkerPoolSize,
    String forwardedHeaders,
    int provisioningConcurrency,
    Duration provisioningRetryDelay,
    boolean demoDirectory,
    int demoDirectoryPort,
    WebhookConfig webhooks,
    PluginConfig plugins) {

  /**
   * The same settings on another database.
   *
   * @param external the database
   * @return the settings
   */
  public HubConfig withDatabase(DatabaseConfig external) {
    return new HubConfig(httpHost, httpPort, publicUrl, dataDir, pluginsDir,
        Optional.of(external), embeddedDbPort, dbPoolSize, firstAdminUsername,
        firstAdminPassword, masterKey, jwtKey, jwtIssuer, accessTokenTtl, sessionTtl,
        maxBodyBytes, pluginCallTimeout, connectorWorkerPoolSize, forwardedHeaders,
        provisioningConcurrency, provisioningRetryDelay, demoDirectory, demoDirectoryPort,
        webhooks, plugins);
  }

  /** {@return the same settings with secrets masked, for the start-up log} */
  @Override
  public String toString() {
    return "HubConfig[http=" + httpHost + ":" + httpPort + ", publicUrl=" + publicUrl
        + ", dataDir=" + dataDir + ", pluginsDir=" + pluginsDir + ", database="
        + database.map(DatabaseConfig::toString).orElse("embedded on port " + embeddedDbPort)
        + (demoDirectory ? ", demoDirectory=127.0.0.1:" + demoDirectoryPort : "")
        + ", pluginIntegrity=" + plugins.integrity().describe() + "]";
  }
}
