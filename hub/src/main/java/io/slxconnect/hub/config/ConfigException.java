package io.slxconnect.hub.config;

/** A setting is missing or wrong; the message names the setting and what is expected. */
public class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the setting and what is wrong with it
   */
  public ConfigException(String message) {
    super(message);
  }
}
