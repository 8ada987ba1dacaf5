package io.slxconnect.hub.pipeline;

import io.slxconnect.api.Capability;
import io.slxconnect.hub.plugins.InstalledType;
import io.slxconnect.hub.plugins.PluginRuntime;
import io.slxconnect.hub.store.ConnectorPolicy;
import io.slxconnect.hub.store.ConnectorPolicy.TargetOperation;
import io.slxconnect.hub.store.ConnectorRecord;
import io.slxconnect.hub.store.ConnectorStore;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The connectors' provisioning policies and their types' capabilities, kept in memory so that
 * routing a change reads no table. Reloaded whenever a connector is created, changed or
 * deleted.
 */
public final class Targets {

  /**
   * One connector as routing sees it.
   *
   * @param id the connector
   * @param name its name
   * @param policy what it takes part in
   * @param capabilities what its type can do (empty when the type is not installed)
   */
  public record Target(UUID id, String name, ConnectorPolicy policy,
      Set<Capability> capabilities) {

    /**
     * Whether this connector is to receive an operation and its type can do it.
     *
     * @param operation the policy's operation
     * @param capability the capability the call needs
     * @return {@code true} when both hold
     */
    public boolean takes(TargetOperation operation, Capability capability) {
      return policy.receives(operation) && capabilities.contains(capability);
    }
  }

  private final ConnectorStore store;
  private final PluginRuntime plugins;
  private volatile Map<UUID, Target> targets = Map.of();

  /**
   * Creates the cache; call {@link #reload()} before use.
   *
   * @param store the connectors table
   * @param plugins the installed types
   */
  public Targets(ConnectorStore store, PluginRuntime plugins) {
    this.store = store;
    this.plugins = plugins;
  }

  /** @return completes when the cache holds every connector as stored */
  public Future<Void> reload() {
    return store.list().map(all -> {
      targets = all.stream().map(this::target)
          .collect(Collectors.toUnmodifiableMap(Target::id, Function.identity()));
      return null;
    });
  }

  private Target target(ConnectorRecord r) {
    return new Target(r.id(), r.name(), r.policy(), plugins.type(r.type())
        .map(InstalledType::capabilities).orElse(Set.of()));
  }

  /**
   * A connector's policy.
   *
   * @param id the connector
   * @return its routing view, or empty when it no longer exists
   */
  public Optional<Target> get(UUID id) {
    return Optional.ofNullable(targets.get(id));
  }

  /** @return every connector that receives changes */
  public List<Target> receivers() {
    return targets.values().stream()
        .filter(t -> t.policy().direction() != ConnectorPolicy.Direction.SOURCE)
        .toList();
  }
}
