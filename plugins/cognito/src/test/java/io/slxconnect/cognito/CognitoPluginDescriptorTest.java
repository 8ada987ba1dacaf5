package io.slxconnect.cognito;

import io.slxconnect.testkit.ConnectorTypeChecks;
import org.junit.jupiter.api.Test;

/**
 * The hub finds the connector type through PF4J's extension index and accepts its
 * self-description. (cognito-local ignores paging, so the plugin does not run the whole
 * contract suite.)
 */
class CognitoPluginDescriptorTest {

  @Test
  void theHubFindsAndAcceptsTheConnectorType() throws Exception {
    ConnectorTypeChecks.assertIndexed(new CognitoConnectorType());
    ConnectorTypeChecks.assertAcceptable(new CognitoConnectorType());
  }
}
