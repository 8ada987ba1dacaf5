package io.slxconnect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ApiVersionTest {

  @Test
  void codeVersionMatchesTheVersionPluginsDeclareInTheirManifests() {
    assertEquals(System.getProperty("slx.plugin-api.version"), ApiVersion.CURRENT);
  }
}
