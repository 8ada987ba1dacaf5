package io.slxconnect.google;

import io.slxconnect.testkit.ConnectorTypeChecks;
import org.junit.jupiter.api.Test;

/**
 * The hub finds the connector type through PF4J's extension index and accepts its
 * self-description: the checks the hub makes when it loads the plugin.
 */
class PluginDescriptorTest {

  @Test
  void theHubFindsAndAcceptsTheConnectorType() throws Exception {
    ConnectorTypeChecks.assertIndexed(new GoogleConnectorType());
    ConnectorTypeChecks.assertAcceptable(new GoogleConnectorType());
  }
}
