package io.slxconnect.hub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.hub.support.TestHub;
import io.slxconnect.hub.support.TestLdap;
import io.slxconnect.hub.support.TestPlugins;
import io.slxconnect.hub.support.WebhookReceiver;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in a real headless Chromium (Debian's package, driven by playwright-core) against
 * a real hub and a real LDAP server: the browser suite in web-ui/e2e logs in, adds an LDAP
 * connector, tests it, sees it running and deletes it; it also adds a webhook pointing at a
 * receiver here (answering 204) and sends it a test event; and it upgrades the test plugin to a
 * new version and removes it on the Plugins page. The node binary and playwright-core
 * are the ones the web-ui build installed.
 */
class ConsoleEndToEndTest {

  @Test
  void anAdminConnectsAnLdapDirectoryInTheBrowser(@TempDir Path plugins) throws Exception {
    Path webUi = Path.of(System.getProperty("slx.test.web-ui-dir")).toRealPath();
    Path node = webUi.resolve("target/node/node");
    assertTrue(Files.isExecutable(node), "node from the web-ui build is missing: " + node);
    String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
    assertTrue(new File(chromium).canExecute(),
        "Chromium is needed for the browser tests: apt-get install -y chromium");

    // A plugins directory of its own: the suite upgrades and removes the test plugin.
    Path upgrade = Files.write(plugins.resolveSibling("test-connectors-1.1.0.jar"),
        TestPlugins.jar("1.1.0", TestPlugins.Build.GOOD));
    try (TestLdap ldap = TestLdap.start();
        TestHub hub = TestHub.start(TestPlugins.pluginsDirectory(plugins));
        WebhookReceiver receiver = WebhookReceiver.start()) {
      ProcessBuilder pb = new ProcessBuilder(node.toString(), "--test",
          "e2e/console.e2e.mjs").directory(webUi.toFile()).inheritIO();
      pb.environment().put("SLX_BASE_URL", hub.baseUrl());
      pb.environment().put("SLX_ADMIN_USERNAME", TestHub.ADMIN);
      pb.environment().put("SLX_ADMIN_PASSWORD", TestHub.ADMIN_PASSWORD);
      pb.environment().put("LDAP_URL", ldap.url());
      pb.environment().put("LDAP_BIND_DN", TestLdap.BIND_DN);
      pb.environment().put("LDAP_BIND_PASSWORD", TestLdap.BIND_PASSWORD);
      pb.environment().put("LDAP_BASE_DN", "ou=people," + TestLdap.BASE_DN);
      pb.environment().put("WEBHOOK_RECEIVER_URL", receiver.url("/slx-webhook"));
      pb.environment().put("CHROMIUM_PATH", chromium);
      pb.environment().put("PLUGIN_UPGRADE_JAR", upgrade.toString());
      Process browserSuite = pb.start();
      assertTrue(browserSuite.waitFor(5, TimeUnit.MINUTES), "browser suite timed out");
      assertEquals(0, browserSuite.exitValue(),
          "browser suite failed; screenshots are in web-ui/target/e2e-screenshots");
      assertTrue(receiver.accepted("/slx-webhook").size() > 0,
          "the test event reached the receiver");
    }
  }
}
