package io.slxconnect.hub;

import io.slxconnect.hub.config.ConfigException;
import io.slxconnect.hub.config.ConfigLoader;
import io.slxconnect.hub.config.HubConfig;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Starts the hub from the environment; stops it cleanly on SIGTERM or Ctrl-C. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  /**
   * Entry point.
   *
   * @param args ignored; configuration comes from {@code SLX_*} variables
   */
  public static void main(String[] args) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    HubConfig config;
    try {
      config = ConfigLoader.fromEnvironment(defaultPluginsDir());
    } catch (ConfigException e) {
      LOG.error("Configuration error: {}", e.getMessage());
      System.exit(2);
      return;
    }
    try {
      Hub hub = Hub.start(config);
      Runtime.getRuntime().addShutdownHook(new Thread(hub::close, "slx-shutdown"));
    } catch (ConfigException e) {
      LOG.error("Configuration error: {}", e.getMessage());
      System.exit(2);
    } catch (Exception e) {
      LOG.error("SLX Connect could not start: {}", e.getMessage(), e);
      System.exit(1);
    }
  }

  /** The {@code plugins} folder beside the hub jar, as the distribution lays it out. */
  private static Path defaultPluginsDir() {
    try {
      Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return (jar.toString().endsWith(".jar") ? jar.getParent() : jar).resolve("plugins");
    } catch (URISyntaxException | SecurityException e) {
      return Path.of("plugins");
    }
  }
}
