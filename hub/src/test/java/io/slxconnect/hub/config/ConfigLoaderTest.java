package io.slxconnect.hub.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.hub.support.SigningKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static final Path PLUGINS = Path.of("/opt/slx/plugins");

  @Test
  void defaultsRunOnTheEmbeddedDatabaseOnPort8080() {
    HubConfig config = ConfigLoader.load(Map.of(), PLUGINS);
    assertEquals(8080, config.httpPort());
    assertTrue(config.database().isEmpty());
    assertEquals(PLUGINS, config.pluginsDir());
    assertTrue(config.firstAdminPassword().isEmpty(), "no default password");
    assertEquals(Duration.ofMinutes(15), config.accessTokenTtl());
  }

  @Test
  void aDatabaseUrlPointsAtAnExternalPostgres() {
    HubConfig config = ConfigLoader.load(Map.of("SLX_DB_URL",
        "postgresql://hub:s%40cret@db.internal:6432/identity?sslmode=verify-ca"), PLUGINS);
    DatabaseConfig db = config.database().orElseThrow();
    assertEquals("db.internal", db.host());
    assertEquals(6432, db.port());
    assertEquals("identity", db.database());
    assertEquals("hub", db.user());
    assertEquals("s@cret", db.password().orElseThrow());
    assertEquals("verify-ca", db.sslMode());
    assertFalse(config.toString().contains("s@cret"), "the password never reaches a log");
  }

  @Test
  void hostSettingsPointAtAnExternalPostgresWithVerifiedTlsByDefault() {
    DatabaseConfig db = ConfigLoader.load(Map.of("SLX_DB_HOST", "pg", "SLX_DB_PASSWORD", "x"),
        PLUGINS).database().orElseThrow();
    assertEquals("verify-full", db.sslMode());
    assertEquals(5432, db.port());
  }

  @Test
  void mistakesAreNamed() {
    assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(
        Map.of("SLX_HTTP_PROT", "1"), PLUGINS)).getMessage().contains("SLX_HTTP_PROT"));
    assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(
        Map.of("SLX_HTTP_PORT", "eighty"), PLUGINS)).getMessage().contains("SLX_HTTP_PORT"));
    assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(
        Map.of("SLX_SESSION_TTL", "forever"), PLUGINS)).getMessage().contains("SLX_SESSION_TTL"));
    assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(
        Map.of("SLX_DB_URL", "mysql://x/y"), PLUGINS)).getMessage().contains("postgresql://"));
  }

  @Test
  void webhookSettingsHaveSafeDefaultsAndRefuseWhatCannotWork() {
    assertEquals(WebhookConfig.DEFAULTS, ConfigLoader.load(Map.of(), PLUGINS).webhooks());
    WebhookConfig set = ConfigLoader.load(Map.of("SLX_WEBHOOK_TIMEOUT", "3s",
        "SLX_WEBHOOK_ALLOWED_HOSTS", " Hooks.Example.com, *.corp.test ,"), PLUGINS).webhooks();
    assertEquals(Duration.ofSeconds(3), set.timeout());
    assertEquals(List.of("hooks.example.com", "*.corp.test"), set.allowedHosts());
    assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(
        "SLX_WEBHOOK_RETRY_DELAY", "10m", "SLX_WEBHOOK_MAX_RETRY_DELAY", "1m"), PLUGINS))
        .getMessage().contains("SLX_WEBHOOK_MAX_RETRY_DELAY"));
    assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(
        "SLX_WEBHOOK_ALLOWED_HOSTS", "https://hooks.example.com/x"), PLUGINS))
        .getMessage().contains("SLX_WEBHOOK_ALLOWED_HOSTS"));
  }

  @Test
  void theDemoDirectoryIsOffUnlessAskedForAndItsPortIsChecked() {
    HubConfig defaults = ConfigLoader.load(Map.of(), PLUGINS);
    assertFalse(defaults.demoDirectory(), "never on in a production configuration by default");
    assertEquals(10389, defaults.demoDirectoryPort());
    HubConfig on = ConfigLoader.load(Map.of("SLX_DEMO_DIRECTORY", "TRUE",
        "SLX_DEMO_DIRECTORY_PORT", "11636"), PLUGINS);
    assertTrue(on.demoDirectory());
    assertEquals(11636, on.demoDirectoryPort());
    assertEquals("SLX_DEMO_DIRECTORY must be true or false, not 'yes'", assertThrows(
        ConfigException.class, () -> ConfigLoader.load(Map.of("SLX_DEMO_DIRECTORY", "yes"),
            PLUGINS)).getMessage());
    assertEquals("SLX_DEMO_DIRECTORY_PORT must be between 0 and 65535", assertThrows(
        ConfigException.class, () -> ConfigLoader.load(Map.of("SLX_DEMO_DIRECTORY_PORT",
            "70000"), PLUGINS)).getMessage());
  }

  @Test
  void pluginUploadsAreLimitedTo64MibAndEveryJarIsAcceptedByDefault() {
    HubConfig config = ConfigLoader.load(Map.of(), PLUGINS);
    assertEquals(PluginConfig.DEFAULTS, config.plugins());
    assertEquals(64L * 1024 * 1024, config.plugins().maxUploadBytes());
    assertFalse(config.plugins().integrity().enforced());
    assertTrue(config.toString().contains("pluginIntegrity=off"), config.toString());
  }

  @Test
  void listedChecksumsAndATrustedCertificateFileTurnThePluginIntegrityCheckOn(
      @TempDir Path dir) throws Exception {
    Path pem = dir.resolve("trusted.pem");
    SigningKeys.create(dir).writePem(pem, SigningKeys.CA, SigningKeys.PUBLISHER);
    HubConfig config = ConfigLoader.load(Map.of("SLX_PLUGIN_MAX_BYTES", "2097152",
        "SLX_PLUGIN_SHA256", "AB".repeat(32) + ", " + "cd".repeat(32) + "\n " + "ef".repeat(32)
        + ",", "SLX_PLUGIN_TRUSTED_CERTS", pem.toString()), PLUGINS);
    assertEquals(2097152, config.plugins().maxUploadBytes());
    assertEquals("3 checksums, 2 trusted certificates", config.plugins().integrity().describe());
    assertTrue(config.toString().contains("pluginIntegrity=3 checksums, 2 trusted certificates"),
        config.toString());
  }

  @Test
  void pluginSettingsThatCannotWorkStopTheStartNamingTheSettingAndTheValue(@TempDir Path dir)
      throws Exception {
    assertEquals("SLX_PLUGIN_SHA256: abc123 is not a SHA-256 checksum (64 hexadecimal digits, "
        + "as sha256sum prints them)", failure("SLX_PLUGIN_SHA256", "ab".repeat(32) + ",abc123"));
    Path missing = dir.resolve("missing.pem");
    assertEquals("SLX_PLUGIN_TRUSTED_CERTS " + missing + " does not exist",
        failure("SLX_PLUGIN_TRUSTED_CERTS", missing.toString()));
    Path empty = Files.writeString(dir.resolve("empty.pem"), "");
    assertEquals("SLX_PLUGIN_TRUSTED_CERTS " + empty + " holds no certificate",
        failure("SLX_PLUGIN_TRUSTED_CERTS", empty.toString()));
    Path notPem = Files.writeString(dir.resolve("key.pem"), "-----BEGIN CERTIFICATE-----\n"
        + "bm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
    String notPemFailure = failure("SLX_PLUGIN_TRUSTED_CERTS", notPem.toString());
    assertTrue(notPemFailure.startsWith("SLX_PLUGIN_TRUSTED_CERTS " + notPem
        + " is not a PEM file of X.509 certificates"), notPemFailure);
    assertTrue(failure("SLX_PLUGIN_TRUSTED_CERTS", dir.toString()).startsWith(
        "SLX_PLUGIN_TRUSTED_CERTS " + dir + " cannot be read: "), dir.toString());
  }

  @Test
  void thePluginUploadLimitIsABytesCountLikeTheRequestBodyLimit() {
    for (String key : List.of("SLX_MAX_BODY_BYTES", "SLX_PLUGIN_MAX_BYTES")) {
      assertEquals(key + " must be a whole number, not '64MiB'", failure(key, "64MiB"));
      assertEquals(key + " must be between 1024 and 2147483647", failure(key, "1000"));
    }
  }

  private static String failure(String key, String value) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(key, value),
        PLUGINS)).getMessage();
  }

  @Test
  void theEnvironmentOverridesTheConfigFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("slx.conf");
    Files.writeString(file, "SLX_HTTP_PORT=9000\nSLX_SESSION_TTL=2h\n");
    HubConfig config = ConfigLoader.load(Map.of("SLX_CONFIG_FILE", file.toString(),
        "SLX_HTTP_PORT", "9100"), PLUGINS);
    assertEquals(9100, config.httpPort());
    assertEquals(Duration.ofHours(2), config.sessionTtl());
  }
}
