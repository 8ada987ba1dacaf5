package io.slxconnect.google;

import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectorInstance;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import io.slxconnect.testkit.TestConnectorContext;

/**
 * A Google Workspace for each test ({@code @RegisterExtension}): Vert.x, the Directory stand-in
 * with its token endpoint, a service account whose client id is granted the connector's scopes
 * by domain-wide delegation, an admin to act for, and connector instances made by the real
 * connector type, all closed after the test.
 */
final class StandInFixture implements BeforeEachCallback, AfterEachCallback {

  static final String ADMIN = "admin@" + DirectoryStandIn.DOMAIN;

  Vertx vertx;
  DirectoryStandIn google;
  ServiceAccountKey key;
  private final List<AutoCloseable> opened = new ArrayList<>();

  @Override
  public void beforeEach(ExtensionContext test) throws Exception {
    vertx = Vertx.vertx();
    google = new DirectoryStandIn(vertx);
    key = new ServiceAccountKey(google.rootUrl() + "token");
    google.tokens.serviceAccount(ServiceAccountKey.CLIENT_EMAIL, ServiceAccountKey.CLIENT_ID,
        key.pair.getPublic());
    google.tokens.delegate(ServiceAccountKey.CLIENT_ID, Set.copyOf(DirectoryClients.SCOPES));
    google.tokens.admin(ADMIN);
  }

  /** {@return settings that work against the stand-in} */
  JsonObject settings() {
    return new JsonObject().put("serviceAccountKey", key.json).put("adminEmail", ADMIN)
        .put("customer", "my_customer").put("orgUnitPath", "/Staff")
        .put("requirePasswordChange", true).put("pushNotifications", false)
        .put("channelLifetimeSeconds", 21600).put("pollIntervalSeconds", 300)
        .put("pageSize", 200).put("maxRetries", 5).put("apiRootUrl", google.rootUrl());
  }

  /**
   * A context for an instance, closed with the fixture.
   *
   * @param settings the settings
   * @param instanceId the hub's id of the connector (stable across restarts)
   * @param last the checkpoint the hub committed last, or {@code null}
   * @return the context
   */
  TestConnectorContext context(JsonObject settings, String instanceId, Checkpoint last)
      throws Exception {
    TestConnectorContext context = TestConnectorContext.builder(vertx).settings(settings)
        .instanceId(instanceId).lastCheckpoint(last).build();
    opened.add(context);
    TestConnectorContext.await(context.serveHooks());
    return context;
  }

  /** {@return a started instance with these settings} */
  ConnectorInstance started(JsonObject settings) throws Exception {
    return started(context(settings, "google-" + UUID.randomUUID(), null));
  }

  /** {@return a started instance in this context} */
  ConnectorInstance started(TestConnectorContext context) throws Exception {
    ConnectorInstance instance = new GoogleConnectorType().create(context);
    TestConnectorContext.await(instance.start());
    opened.add(() -> TestConnectorContext.await(instance.stop()));
    return instance;
  }

  @Override
  public void afterEach(ExtensionContext test) throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    opened.clear();
    google.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
