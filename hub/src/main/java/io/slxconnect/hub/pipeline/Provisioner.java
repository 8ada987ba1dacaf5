package io.slxconnect.hub.pipeline;

import io.slxconnect.hub.store.ProvisioningTask;
import io.slxconnect.hub.store.ProvisioningTaskStore;
import io.vertx.core.Future;
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
public final class Provisioner extends OutboxWorker {

  /** The event-bus address that wakes the provisioner. */
  public static final String WAKE_ADDRESS = "slx.provisioning.wake";

  private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);

  private final Pool pool;
  private final TaskExecutor executor;
  private final int maxInFlight;
  private final Set<Long> inFlight = new HashSet<>();

  /**
   * Creates the provisioner.
   *
   * @param pool the database
   * @param executor runs one task
   * @param maxInFlight how many tasks may run at once
   * @param pollInterval how often due retries are looked for
   */
  public Provisioner(Pool pool, TaskExecutor executor, int maxInFlight, Duration pollInterval) {
    super(WAKE_ADDRESS, pollInterval);
    this.pool = pool;
    this.executor = executor;
    this.maxInFlight = maxInFlight;
  }

  @Override
  protected int room() {
    return maxInFlight - inFlight.size();
  }

  @Override
  protected Future<?> startDue(int room) {
    return new ProvisioningTaskStore(pool).due(Set.copyOf(inFlight), room)
        .onSuccess(due -> due.forEach(this::run));
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
