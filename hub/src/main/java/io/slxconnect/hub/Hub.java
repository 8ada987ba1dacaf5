package io.slxconnect.hub;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.slxconnect.hub.audit.AuditApi;
import io.slxconnect.hub.audit.AuditLog;
import io.slxconnect.hub.auth.AccessTokens;
import io.slxconnect.hub.auth.AdminApi;
import io.slxconnect.hub.auth.AuthApi;
import io.slxconnect.hub.auth.BearerAuthenticator;
import io.slxconnect.hub.auth.FirstAdminSetup;
import io.slxconnect.hub.auth.LoginThrottle;
import io.slxconnect.hub.auth.PasswordWorker;
import io.slxconnect.hub.config.HubConfig;
import io.slxconnect.hub.connectors.ConnectorApi;
import io.slxconnect.hub.connectors.ConnectorRuntime;
import io.slxconnect.hub.connectors.ConnectorSettings;
import io.slxconnect.hub.connectors.HookRoutes;
import io.slxconnect.hub.crypto.KeyMaterial;
import io.slxconnect.hub.crypto.SecretBox;
import io.slxconnect.hub.demo.DemoConnector;
import io.slxconnect.hub.demo.DemoDirectory;
import io.slxconnect.hub.events.EventNotifier;
import io.slxconnect.hub.events.EventStreamApi;
import io.slxconnect.hub.events.LiveFeed;
import io.slxconnect.hub.health.HealthApi;
import io.slxconnect.hub.identity.GroupsApi;
import io.slxconnect.hub.identity.UsersApi;
import io.slxconnect.hub.http.ApiRouter;
import io.slxconnect.hub.http.ConsoleRoutes;
import io.slxconnect.hub.http.HttpServerVerticle;
import io.slxconnect.hub.http.OpenApiContract;
import io.slxconnect.hub.http.Problems;
import io.slxconnect.hub.http.Reply;
import io.slxconnect.hub.http.RequestLog;
import io.slxconnect.hub.http.SecurityHeaders;
import io.slxconnect.hub.imports.ImportApi;
import io.slxconnect.hub.imports.ImportRunner;
import io.slxconnect.hub.imports.ImportScheduler;
import io.slxconnect.hub.pipeline.AdminChanges;
import io.slxconnect.hub.pipeline.PasswordPush;
import io.slxconnect.hub.pipeline.ProvisioningApi;
import io.slxconnect.hub.pipeline.ChangeRecorder;
import io.slxconnect.hub.pipeline.Ingest;
import io.slxconnect.hub.pipeline.Provisioner;
import io.slxconnect.hub.pipeline.Targets;
import io.slxconnect.hub.pipeline.TaskExecutor;
import io.slxconnect.hub.plugins.PluginDeployer;
import io.slxconnect.hub.plugins.PluginDirectoryWatcher;
import io.slxconnect.hub.plugins.PluginRuntime;
import io.slxconnect.hub.plugins.PluginsApi;
import io.slxconnect.hub.store.AdminStore;
import io.slxconnect.hub.store.AuditStore;
import io.slxconnect.hub.store.ConnectorStore;
import io.slxconnect.hub.store.ImportRunStore;
import io.slxconnect.hub.store.ImportScheduleStore;
import io.slxconnect.hub.store.LinkStore;
import io.slxconnect.hub.store.Database;
import io.slxconnect.hub.store.EmbeddedDatabase;
import io.slxconnect.hub.store.GroupStore;
import io.slxconnect.hub.store.Migrations;
import io.slxconnect.hub.store.SessionStore;
import io.slxconnect.hub.store.SetupTokenStore;
import io.slxconnect.hub.store.UserStore;
import io.slxconnect.hub.webhooks.DeliveryRetention;
import io.slxconnect.hub.webhooks.DeliveryStore;
import io.slxconnect.hub.webhooks.DestinationPolicy;
import io.slxconnect.hub.webhooks.RetrySchedule;
import io.slxconnect.hub.webhooks.SubscriptionStore;
import io.slxconnect.hub.webhooks.WebhookDispatcher;
import io.slxconnect.hub.webhooks.WebhookMetrics;
import io.slxconnect.hub.webhooks.WebhookSender;
import io.slxconnect.hub.webhooks.WebhooksApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running hub: wires store, auth, plugins, connectors and HTTP together, and takes them
 * down in reverse order. {@link #start} blocks (it starts PostgreSQL and loads plugins), so it
 * runs on the main thread, never on an event loop.
 */
public final class Hub implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

  private final List<AutoCloseable> resources;
  private final int port;

  private Hub(List<AutoCloseable> resources, int port) {
    this.resources = resources;
    this.port = port;
  }

  /**
   * Starts the hub.
   *
   * @param config the configuration
   * @return the running hub
   * @throws Exception when it cannot start; the message says why
   */
  public static Hub start(HubConfig config) throws Exception {
    return start(config, Clock.systemUTC());
  }

  /**
   * Starts the hub on a clock of its own.
   *
   * @param config the configuration
   * @param clock the time webhook deliveries come due by
   * @return the running hub
   * @throws Exception when it cannot start; the message says why
   */
  public static Hub start(HubConfig config, Clock clock) throws Exception {
    long started = System.nanoTime();
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      return start(config, clock, resources, started);
    } catch (Exception | Error e) {
      closeAll(resources);
      throw e;
    }
  }

  private static Hub start(HubConfig config, Clock clock, List<AutoCloseable> resources,
      long started)
      throws Exception {
    LOG.info("Starting SLX Connect: {}", config);
    SecretBox secrets = new SecretBox(KeyMaterial.load(config.masterKey(), "SLX_MASTER_KEY",
        config.dataDir().resolve("keys/master.key")));
    byte[] jwtKey = KeyMaterial.load(config.jwtKey(), "SLX_JWT_KEY",
        config.dataDir().resolve("keys/jwt.key"));

    PluginRuntime plugins = new PluginRuntime(config.pluginsDir(),
        config.dataDir().resolve("plugins/loaded"), config.plugins().integrity());
    resources.add(plugins);
    plugins.loadAll();

    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = Vertx.builder()
        .with(new io.vertx.core.VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
            .setEnabled(true)
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
        .withMetrics(new MicrometerMetricsFactory(metrics))
        .build();
    resources.add(0, () -> vertx.close().await());

    PgConnectOptions database;
    if (config.database().isPresent()) {
      database = Database.options(config.database().get());
    } else {
      EmbeddedDatabase embedded = EmbeddedDatabase.start(config.dataDir().resolve("postgres"),
          config.embeddedDbPort(), config.dataDir().resolve("keys/postgres.password"));
      resources.add(embedded);
      database = Database.options(embedded);
    }
    Pool pool = Database.pool(vertx, database, config.dbPoolSize());
    resources.add(0, () -> pool.close().await());
    new Migrations(vertx, pool).migrate().await();

    AuditStore auditStore = new AuditStore(pool);
    AuditLog audit = new AuditLog(auditStore);
    AdminStore admins = new AdminStore(pool);
    SessionStore sessions = new SessionStore(pool);
    PasswordWorker passwords = new PasswordWorker(vertx);
    resources.add(0, passwords);
    AccessTokens tokens = new AccessTokens(vertx, jwtKey, config.jwtIssuer(),
        config.accessTokenTtl());
    FirstAdminSetup setup = new FirstAdminSetup(pool, admins, new SetupTokenStore(pool),
        passwords, audit);
    setup.prepare(config.firstAdminUsername(), config.firstAdminPassword(), config.publicUrl())
        .await();

    ConnectorStore connectorStore = new ConnectorStore(pool);
    ConnectorSettings connectorSettings = new ConnectorSettings(secrets);
    if (config.demoDirectory()) {
      DemoDirectory demo = DemoDirectory.start(config.dataDir(), config.demoDirectoryPort());
      // Added before the connectors' stop: it closes after them, so no connector is cut off
      // mid-change, and its last save has every change they made.
      resources.add(0, demo);
      new DemoConnector(plugins, connectorStore, connectorSettings, audit).ensure(demo).await();
    }
    Targets targets = new Targets(connectorStore, plugins);
    targets.reload().await();
    ChangeRecorder recorder = new ChangeRecorder(targets);
    IntConsumer wakeProvisioner = queued -> vertx.eventBus().send(Provisioner.WAKE_ADDRESS,
        queued);
    Ingest ingest = new Ingest(pool, targets, recorder, wakeProvisioner);
    ConnectorRuntime connectors = new ConnectorRuntime(vertx, plugins, connectorStore,
        connectorSettings, new ConnectorRuntime.Options(config.pluginCallTimeout(),
            config.connectorWorkerPoolSize(), config.publicUrl().toString()), ingest::sink);
    resources.add(0, () -> connectors.stopAll().await());

    OpenApiContract contract = OpenApiContract.load();
    BearerAuthenticator authenticator = new BearerAuthenticator(tokens, sessions);
    ApiRouter api = new ApiRouter(contract, authenticator, audit);
    api.handle("getOpenApi", request -> Future.succeededFuture(Reply.ok(contract.document())))
        .handle("getMetrics", request -> Future.succeededFuture(Reply.text(metrics.scrape(),
            "text/plain; version=0.0.4; charset=utf-8")));
    setup.register(api);
    new AuthApi(admins, sessions, tokens, passwords, new LoginThrottle(Clock.systemUTC()), audit,
        config.sessionTtl(), "https".equals(config.publicUrl().getScheme())).register(api);
    new AdminApi(pool, admins, sessions, passwords, audit).register(api);
    ImportScheduleStore schedules = new ImportScheduleStore(pool);
    new ConnectorApi(plugins, connectorStore, connectorSettings, connectors, targets, schedules,
        audit).register(api);
    ImportRunStore importRuns = new ImportRunStore(pool);
    int abandoned = importRuns.interruptAbandoned().await();
    if (abandoned > 0) {
      LOG.warn("{} import(s) were interrupted when the hub last stopped; run them again",
          abandoned);
    }
    ImportRunner importRunner = new ImportRunner(importRuns, connectors, targets, ingest);
    new ImportApi(connectorStore, connectors, targets, importRunner, importRuns, schedules,
        audit).register(api);
    ImportScheduler scheduler = new ImportScheduler(vertx, schedules, importRunner,
        Duration.ofSeconds(15));
    resources.add(0, scheduler);
    PluginDeployer deployer = new PluginDeployer(vertx, plugins, connectors, connectorStore,
        targets, config.dataDir().resolve("plugins/trials"), config.pluginCallTimeout());
    PluginsApi pluginsApi = new PluginsApi(plugins, deployer, connectorStore, audit);
    pluginsApi.register(api);
    new ProvisioningApi(pool, audit, wakeProvisioner).register(api);
    new AuditApi(auditStore).register(api);
    UserStore users = new UserStore(pool);
    AdminChanges adminChanges = new AdminChanges(pool, recorder, wakeProvisioner);
    new UsersApi(users, adminChanges, new PasswordPush(pool, targets, connectors), audit)
        .register(api);
    new GroupsApi(new GroupStore(pool), users, adminChanges, new LinkStore(pool), audit)
        .register(api);
    new HealthApi(pool, connectorStore, connectors).register(api);
    LiveFeed liveFeed = new LiveFeed();
    new EventStreamApi(vertx, pool, liveFeed).register(api);
    SubscriptionStore webhookSubscriptions = new SubscriptionStore(pool, secrets);
    DeliveryStore webhookDeliveries = new DeliveryStore(pool);
    DestinationPolicy destinations = new DestinationPolicy(config.webhooks().allowedHosts());
    new WebhooksApi(webhookSubscriptions, webhookDeliveries, destinations, audit,
        () -> vertx.eventBus().send(WebhookDispatcher.WAKE_ADDRESS, null),
        () -> vertx.eventBus().send(WebhookDispatcher.WAKE_ADDRESS,
            WebhookDispatcher.SUBSCRIPTIONS_CHANGED),
        clock).register(api);

    Router router = Router.router(vertx);
    router.allowForward(forwardHeaders(config.forwardedHeaders()));
    router.route().handler(new RequestLog()).handler(new SecurityHeaders());
    pluginsApi.mountUpload(router, authenticator, config.plugins().maxUploadBytes());
    router.route("/api/*").handler(BodyHandler.create(false)
        .setBodyLimit(config.maxBodyBytes()));
    api.mount(router);
    HookRoutes.mount(router, connectors);
    router.route("/api/*").handler(ctx -> ctx.fail(404));
    ConsoleRoutes.mount(router);
    router.route().failureHandler(Problems::handleFailure);
    for (int status : new int[] {404, 405, 413, 415, 500}) {
      router.errorHandler(status, Problems::handleFailure);
    }

    connectors.startAll().await();
    PluginDirectoryWatcher pluginWatcher = new PluginDirectoryWatcher(vertx, deployer, plugins,
        Duration.ofSeconds(2), audit);
    pluginWatcher.start();
    resources.add(0, pluginWatcher);
    String provisioner = vertx.deployVerticle(new Provisioner(pool,
        new TaskExecutor(pool, connectors, recorder, config.provisioningRetryDelay()),
        config.provisioningConcurrency(), Duration.ofSeconds(1))).await();
    resources.add(0, () -> vertx.undeploy(provisioner).await());
    WebhookSender webhookSender = new WebhookSender(vertx, config.webhooks().timeout(),
        destinations, Clock.systemUTC());
    String dispatcher = vertx.deployVerticle(new WebhookDispatcher(webhookDeliveries,
        webhookSubscriptions, webhookSender, new RetrySchedule(config.webhooks()), clock,
        Duration.ofSeconds(1), new WebhookMetrics(metrics))).await();
    resources.add(0, () -> vertx.undeploy(dispatcher).await());
    resources.add(0, new DeliveryRetention(vertx, webhookDeliveries,
        config.webhooks().logRetention(), clock, Duration.ofHours(1)));
    resources.add(0, webhookSender);
    String notifier = vertx.deployVerticle(new EventNotifier(database, pool, liveFeed)).await();
    resources.add(0, () -> vertx.undeploy(notifier).await());
    // One server per core, each on its own event loop; Vert.x shares the port among them.
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.httpHost())
        .setPort(config.httpPort())
        .setCompressionSupported(true)
        // Plain-text HTTP/2 upgrades (h2c) are not offered: TLS terminates in front of the
        // hub, and upgrade requests with large answers stalled some clients.
        .setHttp2ClearTextEnabled(false);
    AtomicInteger port = new AtomicInteger();
    String deployment = vertx.deployVerticle(() -> new HttpServerVerticle(options, router, port),
        new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors())).await();
    resources.add(0, () -> vertx.undeploy(deployment).await());
    // Connectors stop before the HTTP verticles: worker pools made while serving a request
    // belong to that verticle and close with it. (Stopping twice is harmless.)
    resources.add(0, () -> connectors.stopAll().await());
    LOG.info("SLX Connect is up at {} (listening on {}:{}) in {} ms; {} plugin jar(s) refused",
        config.publicUrl(), config.httpHost(), port.get(),
        (System.nanoTime() - started) / 1_000_000, plugins.failedCount());
    return new Hub(resources, port.get());
  }

  private static AllowForwardHeaders forwardHeaders(String setting) {
    return switch (setting) {
      case "forwarded" -> AllowForwardHeaders.FORWARD;
      case "x-forwarded" -> AllowForwardHeaders.X_FORWARD;
      case "all" -> AllowForwardHeaders.ALL;
      default -> AllowForwardHeaders.NONE;
    };
  }

  /** @return the port the HTTP server listens on (useful with port 0) */
  public int port() {
    return port;
  }

  /**
   * Stops the HTTP server, the connectors, the demo directory, Vert.x and the embedded database,
   * in that order.
   */
  @Override
  public void close() {
    closeAll(resources);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("Error while shutting down: {}", e.toString());
      }
    }
    resources.clear();
  }
}
