package io.slxconnect.hub.config;

import io.slxconnect.hub.plugins.PluginIntegrity;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Reads {@link HubConfig} from environment variables ({@code SLX_*}) and, when
 * {@code SLX_CONFIG_FILE} names one, a file of {@code SLX_NAME=value} lines. The environment
 * wins over the file. Unknown {@code SLX_} names are refused, so a typo never goes unnoticed.
 */
public final class ConfigLoader {

  private static final Set<String> KNOWN = Set.of(
      "SLX_CONFIG_FILE", "SLX_HTTP_HOST", "SLX_HTTP_PORT", "SLX_PUBLIC_URL", "SLX_DATA_DIR",
      "SLX_PLUGINS_DIR", "SLX_DB_URL", "SLX_DB_HOST", "SLX_DB_PORT", "SLX_DB_NAME", "SLX_DB_USER",
      "SLX_DB_PASSWORD", "SLX_DB_SSL_MODE", "SLX_DB_SSL_ROOT_CERT", "SLX_DB_POOL_SIZE",
      "SLX_EMBEDDED_DB_PORT", "SLX_ADMIN_USERNAME", "SLX_ADMIN_PASSWORD", "SLX_MASTER_KEY",
      "SLX_JWT_KEY", "SLX_JWT_ISSUER", "SLX_ACCESS_TOKEN_TTL", "SLX_SESSION_TTL",
      "SLX_MAX_BODY_BYTES", "SLX_PLUGIN_CALL_TIMEOUT", "SLX_CONNECTOR_WORKER_THREADS",
      "SLX_FORWARDED_HEADERS", "SLX_LOG_LEVEL", "SLX_PROVISIONING_CONCURRENCY",
      "SLX_PROVISIONING_RETRY_DELAY", "SLX_DEMO_DIRECTORY", "SLX_DEMO_DIRECTORY_PORT",
      "SLX_WEBHOOK_TIMEOUT", "SLX_WEBHOOK_RETRY_DELAY", "SLX_WEBHOOK_MAX_RETRY_DELAY",
      "SLX_WEBHOOK_MAX_ATTEMPTS", "SLX_WEBHOOK_ALLOWED_HOSTS", "SLX_WEBHOOK_LOG_RETENTION",
      "SLX_PLUGIN_MAX_BYTES", "SLX_PLUGIN_SHA256", "SLX_PLUGIN_TRUSTED_CERTS");
  private static final Set<String> FORWARDED = Set.of("none", "forwarded", "x-forwarded", "all");
  private static final Set<String> SSL_MODES =
      Set.of("disable", "require", "verify-ca", "verify-full");

  private final Map<String, String> values;

  private ConfigLoader(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Loads the configuration of this process.
   *
   * @param defaultPluginsDir the plugins directory when none is set
   * @return the validated configuration
   */
  public static HubConfig fromEnvironment(Path defaultPluginsDir) {
    return load(System.getenv(), defaultPluginsDir);
  }

  /**
   * Loads a configuration from the given variables and the file they may name.
   *
   * @param env the variables, as the environment gives them
   * @param defaultPluginsDir the plugins directory when none is set
   * @return the validated configuration
   */
  public static HubConfig load(Map<String, String> env, Path defaultPluginsDir) {
    Map<String, String> merged = new HashMap<>();
    String file = env.get("SLX_CONFIG_FILE");
    if (file != null && !file.isBlank()) {
      merged.putAll(readFile(Path.of(file)));
    }
    env.forEach((k, v) -> {
      if (k.startsWith("SLX_")) {
        merged.put(k, v);
      }
    });
    for (String key : merged.keySet()) {
      if (!KNOWN.contains(key)) {
        throw new ConfigException("Unknown setting " + key + " (see docs/configuration.md)");
      }
    }
    return new ConfigLoader(merged).build(defaultPluginsDir);
  }

  private static Map<String, String> readFile(Path file) {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(reader);
    } catch (IOException e) {
      throw new ConfigException("SLX_CONFIG_FILE " + file + " cannot be read: " + e.getMessage());
    }
    Map<String, String> map = new HashMap<>();
    props.forEach((k, v) -> map.put(k.toString().trim(), v.toString().trim()));
    return map;
  }

  private HubConfig build(Path defaultPluginsDir) {
    int port = integer("SLX_HTTP_PORT", 8080, 0, 65535);
    URI publicUrl = uri("SLX_PUBLIC_URL", "http://localhost:" + port);
    String issuer = text("SLX_JWT_ISSUER", "slx-connect");
    return new HubConfig(
        text("SLX_HTTP_HOST", "0.0.0.0"),
        port,
        publicUrl,
        Path.of(text("SLX_DATA_DIR", "data")).toAbsolutePath(),
        optional("SLX_PLUGINS_DIR").map(Path::of).orElse(defaultPluginsDir).toAbsolutePath(),
        database(),
        integer("SLX_EMBEDDED_DB_PORT", 54329, 1, 65535),
        integer("SLX_DB_POOL_SIZE", 10, 1, 200),
        adminUsername(text("SLX_ADMIN_USERNAME", "admin")),
        optional("SLX_ADMIN_PASSWORD"),
        optional("SLX_MASTER_KEY"),
        optional("SLX_JWT_KEY"),
        issuer,
        duration("SLX_ACCESS_TOKEN_TTL", Duration.ofMinutes(15)),
        duration("SLX_SESSION_TTL", Duration.ofHours(12)),
        integer("SLX_MAX_BODY_BYTES", 1024 * 1024, 1024, Integer.MAX_VALUE),
        duration("SLX_PLUGIN_CALL_TIMEOUT", Duration.ofSeconds(30)),
        integer("SLX_CONNECTOR_WORKER_THREADS", 4, 1, 64),
        oneOf("SLX_FORWARDED_HEADERS", "none", FORWARDED),
        integer("SLX_PROVISIONING_CONCURRENCY", 16, 1, 256),
        duration("SLX_PROVISIONING_RETRY_DELAY", Duration.ofSeconds(2)),
        bool("SLX_DEMO_DIRECTORY", false),
        integer("SLX_DEMO_DIRECTORY_PORT", 10389, 0, 65535),
        webhooks(),
        plugins());
  }

  private WebhookConfig webhooks() {
    WebhookConfig defaults = WebhookConfig.DEFAULTS;
    Duration first = duration("SLX_WEBHOOK_RETRY_DELAY", defaults.firstRetryDelay());
    Duration max = duration("SLX_WEBHOOK_MAX_RETRY_DELAY", defaults.maxRetryDelay());
    if (max.compareTo(first) < 0) {
      throw new ConfigException("SLX_WEBHOOK_MAX_RETRY_DELAY must not be shorter than "
          + "SLX_WEBHOOK_RETRY_DELAY");
    }
    List<String> hosts = optional("SLX_WEBHOOK_ALLOWED_HOSTS").stream()
        .flatMap(list -> java.util.Arrays.stream(list.split(",")))
        .map(host -> host.trim().toLowerCase(java.util.Locale.ROOT))
        .filter(host -> !host.isEmpty())
        .toList();
    for (String host : hosts) {
      if (!host.matches("(\\*\\.)?[a-z0-9.:\\[\\]-]+")) {
        throw new ConfigException("SLX_WEBHOOK_ALLOWED_HOSTS: " + host + " is not a host name "
            + "or *.domain");
      }
    }
    return new WebhookConfig(duration("SLX_WEBHOOK_TIMEOUT", defaults.timeout()), first, max,
        integer("SLX_WEBHOOK_MAX_ATTEMPTS", defaults.maxAttempts(), 1, 100), hosts,
        duration("SLX_WEBHOOK_LOG_RETENTION", defaults.logRetention()));
  }

  private PluginConfig plugins() {
    long maxUploadBytes = number("SLX_PLUGIN_MAX_BYTES",
        PluginConfig.DEFAULTS.maxUploadBytes(), 1024, Integer.MAX_VALUE);
    Set<String> checksums = new LinkedHashSet<>();
    for (String sum : text("SLX_PLUGIN_SHA256", "").split("[,\\s]+")) {
      if (sum.isEmpty()) {
        continue;
      }
      if (!sum.matches("[0-9A-Fa-f]{64}")) {
        throw new ConfigException("SLX_PLUGIN_SHA256: " + sum + " is not a SHA-256 checksum "
            + "(64 hexadecimal digits, as sha256sum prints them)");
      }
      checksums.add(sum);
    }
    List<X509Certificate> trusted = optional("SLX_PLUGIN_TRUSTED_CERTS")
        .map(file -> TrustedCertificates.read("SLX_PLUGIN_TRUSTED_CERTS", Path.of(file)))
        .orElse(List.of());
    return new PluginConfig(maxUploadBytes, PluginIntegrity.of(checksums, trusted));
  }

  private static String adminUsername(String name) {
    if (!name.matches("[A-Za-z0-9._@-]{3,64}")) {
      throw new ConfigException("SLX_ADMIN_USERNAME must be 3 to 64 letters, digits, . _ @ -");
    }
    return name;
  }

  private String oneOf(String key, String fallback, Set<String> allowed) {
    String value = text(key, fallback).toLowerCase(java.util.Locale.ROOT);
    if (!allowed.contains(value)) {
      throw new ConfigException(key + " must be one of " + new java.util.TreeSet<>(allowed)
          + ", not " + value);
    }
    return value;
  }

  private Optional<DatabaseConfig> database() {
    Optional<String> url = optional("SLX_DB_URL");
    if (url.isPresent()) {
      return Optional.of(fromUrl(url.get()));
    }
    Optional<String> host = optional("SLX_DB_HOST");
    if (host.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new DatabaseConfig(
        host.get(),
        integer("SLX_DB_PORT", 5432, 1, 65535),
        text("SLX_DB_NAME", "slx"),
        text("SLX_DB_USER", "slx"),
        optional("SLX_DB_PASSWORD"),
        sslMode(text("SLX_DB_SSL_MODE", "verify-full")),
        optional("SLX_DB_SSL_ROOT_CERT")));
  }

  /** Parses {@code postgresql://user:password@host:port/db?sslmode=...}. */
  private DatabaseConfig fromUrl(String raw) {
    URI uri;
    try {
      uri = new URI(raw.replaceFirst("^jdbc:", ""));
    } catch (URISyntaxException e) {
      throw new ConfigException("SLX_DB_URL is not a valid URL: " + e.getReason());
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new ConfigException("SLX_DB_URL must start with postgresql://");
    }
    if (uri.getHost() == null) {
      throw new ConfigException("SLX_DB_URL has no host");
    }
    Map<String, String> query = new HashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
      }
    }
    String user = "slx";
    Optional<String> password = optional("SLX_DB_PASSWORD");
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      if (parts.length == 2) {
        password = Optional.of(decode(parts[1]));
      }
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    return new DatabaseConfig(
        uri.getHost(),
        uri.getPort() > 0 ? uri.getPort() : 5432,
        path.isEmpty() ? "slx" : path,
        user,
        password,
        sslMode(query.getOrDefault("sslmode", text("SLX_DB_SSL_MODE", "verify-full"))),
        Optional.ofNullable(query.get("sslrootcert")).or(() -> optional("SLX_DB_SSL_ROOT_CERT")));
  }

  private static String sslMode(String mode) {
    if (!SSL_MODES.contains(mode)) {
      throw new ConfigException("SLX_DB_SSL_MODE must be one of " + SSL_MODES + ", not " + mode);
    }
    return mode;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private Optional<String> optional(String key) {
    return Optional.ofNullable(values.get(key)).map(String::trim).filter(v -> !v.isEmpty());
  }

  private String text(String key, String fallback) {
    return optional(key).orElse(fallback);
  }

  private int integer(String key, int fallback, int min, int max) {
    return (int) number(key, fallback, min, max);
  }

  private long number(String key, long fallback, long min, long max) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      long value = Long.parseLong(raw.get());
      if (value < min || value > max) {
        throw new ConfigException(key + " must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a whole number, not '" + raw.get() + "'");
    }
  }

  /** Only {@code true} or {@code false}: a "yes" or "1" that meant on must not silently be off. */
  private boolean bool(String key, boolean fallback) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(key + " must be true or false, not '" + raw.get()
          + "'");
    };
  }

  private Duration duration(String key, Duration fallback) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      String text = raw.get().trim().toLowerCase(java.util.Locale.ROOT);
      Duration value = text.matches("\\d+ms") ? Duration.ofMillis(Long.parseLong(
          text.substring(0, text.length() - 2))) : Duration.parse("PT" + text.toUpperCase());
      if (value.isNegative() || value.isZero()) {
        throw new ConfigException(key + " must be positive");
      }
      return value;
    } catch (java.time.format.DateTimeParseException | NumberFormatException e) {
      throw new ConfigException(key + " must be a duration such as 500ms, 30s, 15m or 12h, not '"
          + raw.get() + "'");
    }
  }

  private URI uri(String key, String fallback) {
    String raw = text(key, fallback).replaceFirst("/+$", "");
    try {
      URI uri = new URI(raw);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new ConfigException(key + " must be an http:// or https:// URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(key + " is not a valid URL: " + e.getReason());
    }
  }
}
