package io.slxconnect.hub.imports;

import io.slxconnect.hub.store.ImportScheduleStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts scheduled imports when they come due. Each due schedule is first moved to its next
 * time with a compare-and-set on the row, so a run is claimed once; a run whose connector is
 * still importing is skipped, not started twice.
 */
public final class ImportScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ImportScheduler.class);

  private final Vertx vertx;
  private final ImportScheduleStore schedules;
  private final ImportRunner runner;
  private final long timer;

  /**
   * Starts checking for due schedules.
   *
   * @param vertx the Vert.x instance
   * @param schedules the schedules table
   * @param runner starts the imports
   * @param interval how often to check
   */
  public ImportScheduler(Vertx vertx, ImportScheduleStore schedules, ImportRunner runner,
      Duration interval) {
    this.vertx = vertx;
    this.schedules = schedules;
    this.runner = runner;
    this.timer = vertx.setPeriodic(interval.toMillis(), t -> runDue());
  }

  private void runDue() {
    schedules.due().onSuccess(due -> due.forEach(d -> {
      OffsetDateTime next = CronSchedule.of("cron", d.cron())
          .nextAfter(OffsetDateTime.now(ZoneOffset.UTC));
      schedules.claim(d, next)
          .compose(claimed -> claimed ? start(d.connectorId()) : Future.succeededFuture())
          .onFailure(e -> LOG.warn("Scheduled import of connector {} did not start: {}",
              d.connectorId(), e.getMessage()));
    })).onFailure(e -> LOG.warn("Could not read import schedules: {}", e.getMessage()));
  }

  private Future<Void> start(UUID connectorId) {
    return runner.start(connectorId, "schedule", null).compose(run -> {
      if (run.isEmpty()) {
        LOG.info("Scheduled import of connector {} skipped: the previous one is still running",
            connectorId);
        return Future.succeededFuture();
      }
      return schedules.started(connectorId, UUID.fromString(run.get().getString("id")));
    });
  }

  @Override
  public void close() {
    vertx.cancelTimer(timer);
  }
}
