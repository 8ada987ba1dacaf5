package io.slxconnect.api;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * A kind of connected system (LDAP, Google Workspace, an HR database...), contributed by a
 * plugin as a PF4J extension. One type serves any number of configured connector instances.
 *
 * <p>Implementations are stateless descriptors: annotate the class with
 * {@code @org.pf4j.Extension} and keep a public no-argument constructor.
 */
public interface ConnectorType extends ExtensionPoint {

  /**
   * The stable identifier of the type, lower case, for example {@code ldap}. It is stored with
   * every connector instance, so it never changes between plugin versions.
   *
   * @return the type id, matching {@code [a-z][a-z0-9-]{1,39}}
   */
  String id();

  /**
   * The name the console shows, for example {@code "Active Directory / LDAP"}.
   *
   * @return a short human-readable name
   */
  String displayName();

  /**
   * One sentence that tells an admin what this connector connects to.
   *
   * @return a short description
   */
  String description();

  /**
   * The JSON Schema (draft 2020-12) of this type's settings. The hub validates settings against
   * it before an instance is created or updated, and the console renders its form from it:
   * {@code title} and {@code description} label the fields, {@code default} pre-fills them,
   * {@code enum} makes a choice.
   *
   * <p>A top-level property marked {@code "writeOnly": true} is a <em>secret</em>: the hub
   * encrypts it at rest, never returns it through the API, never logs it, and hands it decrypted
   * to the instance in {@link ConnectorContext#settings()}. Secrets must be top-level
   * properties: the hub refuses a type that marks a nested property {@code writeOnly}.
   *
   * @return the schema; the hub does not modify it
   */
  JsonObject settingsSchema();

  /**
   * What instances of this type can do.
   *
   * @return the capabilities, never empty
   */
  Set<Capability> capabilities();

  /**
   * Creates an instance for one configured connector. This must not connect anywhere yet:
   * the hub calls {@link ConnectorInstance#start()} for that.
   *
   * @param context what the hub gives the instance: settings, Vert.x, checkpoints, logging
   * @return a new, not yet started instance
   */
  ConnectorInstance create(ConnectorContext context);
}
