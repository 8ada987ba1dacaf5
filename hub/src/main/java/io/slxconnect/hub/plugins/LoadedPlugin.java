package io.slxconnect.hub.plugins;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A plugin the hub runs.
 *
 * @param jar the jar as read from the plugins directory
 * @param loadedFrom the hub's private copy the classes are loaded from, so that nobody can
 *     change the bytes under a live class loader and a rollback always finds the old version
 * @param types the connector types it provides
 * @param loadedAt when it was loaded
 */
public record LoadedPlugin(PluginJar jar, Path loadedFrom, List<InstalledType> types,
    Instant loadedAt) {

  /** @return the plugin's id */
  public String id() {
    return jar.id();
  }

  /** @return the ids of its connector types */
  public List<String> typeIds() {
    return types.stream().map(InstalledType::id).toList();
  }
}
