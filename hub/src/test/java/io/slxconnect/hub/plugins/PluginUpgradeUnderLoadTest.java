package io.slxconnect.hub.plugins;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.Connectors;
import io.slxconnect.hub.support.TestHub;
import io.slxconnect.hub.support.TestPlugins;
import io.slxconnect.testdirectories.ExampleDirectory;
import io.slxconnect.testdirectories.SlapdServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LDAP plugin upgraded while people are hired into a real OpenLDAP server: its connector
 * watches with content sync, is stopped for the swap and resumes from its sync cookie on the new
 * version, and every hire reaches the hub.
 */
class PluginUpgradeUnderLoadTest {

  private static final int HIRES = 250;

  @Test
  void everyChangeMadeDuringAnUpgradeArrives(@TempDir Path plugins) throws Exception {
    Files.copy(TestPlugins.ldapPlugin(), plugins.resolve("slx-plugin-ldap.jar"));
    ScheduledExecutorService hr = Executors.newSingleThreadScheduledExecutor();
    try (SlapdServer slapd = SlapdServer.start(ExampleDirectory.BASE_LDIF);
        LDAPConnection writer = slapd.connect();
        TestHub hub = TestHub.start(plugins)) {
      ApiClient admin = hub.admin();
      Connectors.connectAndImport(admin, new JsonObject().put("name", "OpenLDAP")
          .put("type", "ldap").put("settings", new JsonObject()
              .put("urls", new JsonArray().add(slapd.url()))
              .put("security", "none").put("allowPlaintext", true)
              .put("bindDn", SlapdServer.ROOT_DN).put("bindPassword", slapd.rootPassword())
              .put("userBaseDn", ExampleDirectory.PEOPLE)
              .put("userFilter", "(objectClass=inetOrgPerson)")
              .put("changeDetection", "content-sync")));

      AtomicInteger hired = new AtomicInteger();
      hr.scheduleAtFixedRate(() -> hire(writer, hired), 0, 20, TimeUnit.MILLISECONDS);
      await().atMost(Duration.ofSeconds(30)).until(() -> hired.get() >= 40);

      int before = hired.get();
      var upgraded = admin.upload("/api/v1/plugins", "slx-plugin-ldap-0.2.0.jar",
          TestPlugins.reversioned(TestPlugins.ldapPlugin(), "0.2.0"));
      int after = hired.get();
      assertEquals(200, upgraded.status(), upgraded.body());
      assertEquals("0.2.0", upgraded.json().getString("version"));
      assertTrue(after > before && after < HIRES,
          "people were hired while the plugin was swapped: " + before + " → " + after);

      await().atMost(Duration.ofSeconds(60)).until(() -> hired.get() == HIRES);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertEquals(HIRES, hiresInHub(admin).size(), "hires in the hub"));
    } finally {
      hr.shutdownNow();
    }
  }

  /** Adds the next person, until all are hired. */
  private static void hire(LDAPConnection writer, AtomicInteger hired) {
    int next = hired.get();
    if (next >= HIRES) {
      return;
    }
    String uid = "hire-" + next;
    try {
      writer.add(new Entry("uid=" + uid + "," + ExampleDirectory.PEOPLE,
          new Attribute("objectClass", "inetOrgPerson"), new Attribute("uid", uid),
          new Attribute("cn", "Hire " + next), new Attribute("sn", "Hire"),
          new Attribute("mail", uid + "@example.com")));
      hired.incrementAndGet();
    } catch (LDAPException e) {
      throw new IllegalStateException("Hiring " + uid + " failed", e);
    }
  }

  private static Set<String> hiresInHub(ApiClient admin) {
    Set<String> names = new HashSet<>();
    String cursor = null;
    do {
      JsonObject page = admin.get("/api/v1/users?q=hire-&limit=200"
          + (cursor == null ? "" : "&cursor=" + cursor)).json();
      page.getJsonArray("items").forEach(u -> names.add(((JsonObject) u).getString("userName")));
      cursor = page.getString("next");
    } while (cursor != null);
    return names;
  }
}
