/**
 * The SLX Connect plugin API: what a connector plugin implements and what the hub gives it.
 *
 * <p>A plugin jar contributes one or more {@link io.slxconnect.api.ConnectorType} extensions.
 * The hub asks a type for a {@link io.slxconnect.api.ConnectorInstance} per configured
 * connector, hands it a {@link io.slxconnect.api.ConnectorContext}, and drives its lifecycle.
 * Every operation is non-blocking and returns a Vert.x {@link io.vertx.core.Future}; work on
 * blocking SDKs belongs on {@link io.slxconnect.api.ConnectorContext#blockingExecutor()}.
 *
 * <p>Compatibility: a plugin declares the API version it was built against in its manifest
 * ({@code Plugin-Requires}); see {@link io.slxconnect.api.ApiVersion}.
 */
package io.slxconnect.api;
