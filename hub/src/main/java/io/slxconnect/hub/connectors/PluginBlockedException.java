package io.slxconnect.hub.connectors;

import io.slxconnect.api.ConnectorException;

/** A call into a plugin that blocked the event loop it ran on: its instance is taken out. */
final class PluginBlockedException extends ConnectorException {

  private static final long serialVersionUID = 1L;

  PluginBlockedException(String message) {
    super(Reason.FAILED, message);
  }
}
