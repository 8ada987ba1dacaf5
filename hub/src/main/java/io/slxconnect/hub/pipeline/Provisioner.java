package io.slxconnect.hub.pipeline;

import io.slxconnect.hub.store.ProvisioningTask;
import io.slxconnect.hub.store.ProvisioningTaskStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage of the pipeline: runs the tasks of the provisioning outbox against the target
 * systems. Woken through the event bus the moment a transaction queues tasks, and by a timer
 * for retries that come due. Several users' tasks run at once, up to a bound; one user's tasks
 * for one connector run strictly in the order they were queued. Everything it must still do is
 * in the outbox table, so a restart loses nothing.
 */
public final class Provisioner extends VerticleBase {

  /** The event-bus address that wakes the provisioner. */
  public static final String WAKE_ADDRESS = "slx.provisioning.wake";

  private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);

  private final Pool pool;
  private final TaskExecutor executor;
  private final int maxInFlight;
  private final Duration pollInterval;
  private final Set<Long> inFlight = new HashSet<>();
  private boolean draining;
  private boolean wokenWhileDraining;
  private MessageConsumer<Object> consumer;
  private long timer;

  /**
   * Creates the provisioner.
   *
   * @param pool the database
   * @param executor runs one task
   * @param maxInFlight how many tasks may run at once
   * @param pollInterval how often due retries are looked for
   */
  public Provisioner(Pool pool, TaskExecutor executor, int maxInFlight, Duration pollInterval) {
    this.pool = pool;
    this.executor = executor;
    this.maxInFlight = maxInFlight;
    this.pollInterval = pollInterval;
  }

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().localConsumer(WAKE_ADDRESS, message -> drain());
    timer = vertx.setPeriodic(pollInterval.toMillis(), t -> drain());
    drain();
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return consumer.unregister();
  }

  /** Looks for due tasks until none is left or the bound is reached; runs on this verticle. */
  private void drain() {
    if (draining) {
      wokenWhileDraining = true;
      return;
    }
    int room = maxInFlight - inFlight.size();
    if (room <= 0) {
      return;
    }
    draining = true;
    wokenWhileDraining = false;
    new ProvisioningTaskStore(pool).due(Set.copyOf(inFlight), room)
        .onComplete(due -> {
          draining = false;
          if (due.failed()) {
            LOG.warn("Provisioning: could not read the outbox: {}", due.cause().getMessage());
            return;
          }
          due.result().forEach(this::run);
          if (wokenWhileDraining) {
            drain();
          }
        });
  }

  private void run(ProvisioningTask task) {
    inFlight.add(task.id());
    executor.execute(task)
        // The executor's futures complete on other contexts; come back to this one.
        .onComplete(done -> context.runOnContext(v -> {
          inFlight.remove(task.id());
          if (done.succeeded()) {
            drain();
          } else {
            // Most likely the database is unreachable: the timer tries again, not a tight loop.
            LOG.warn("Provisioning task {} could not be recorded; it runs again: {}", task.id(),
                done.cause().toString());
          }
        }));
  }
}
