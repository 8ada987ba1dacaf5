package io.slxconnect.google;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PF4J finds the connector type only through {@code META-INF/extensions.idx}. */
class PluginDescriptorTest {

  @Test
  void extensionIndexListsTheConnectorType() throws Exception {
    List<URL> indexes = Collections.list(
        getClass().getClassLoader().getResources("META-INF/extensions.idx"));
    boolean listed = false;
    for (URL index : indexes) {
      try (InputStream in = index.openStream()) {
        listed |= new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
            .anyMatch(GoogleConnectorType.class.getName()::equals);
      }
    }
    assertTrue(listed, "META-INF/extensions.idx in " + indexes);
  }
}
