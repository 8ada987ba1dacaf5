package io.slxconnect.ldap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PF4J finds extensions through {@code META-INF/extensions.idx}, written by its annotation
 * processor at compile time; without it the plugin would load with no connector type and no
 * error. The jar itself is checked by the build (it does not exist yet in the test phase).
 */
class PluginDescriptorTest {

  @Test
  void extensionIndexListsTheConnectorType() throws Exception {
    List<URL> indexes = Collections.list(
        getClass().getClassLoader().getResources("META-INF/extensions.idx"));
    boolean listed = false;
    for (URL index : indexes) {
      try (InputStream in = index.openStream()) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        listed |= text.lines().anyMatch("io.slxconnect.ldap.LdapConnectorType"::equals);
      }
    }
    assertTrue(listed, "META-INF/extensions.idx in " + indexes);
  }
}
