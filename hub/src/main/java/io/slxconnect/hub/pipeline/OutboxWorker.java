package io.slxconnect.hub.pipeline;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A verticle that works off an outbox table: woken through the event bus the moment work is
 * committed, and by a timer for retries that come due. Wake-ups while it reads the outbox are
 * folded into one more read after it, so a burst of commits costs a few reads, not one each.
 * Runs on its own context: subclasses keep their state without locks.
 */
public abstract class OutboxWorker extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);

  private final String wakeAddress;
  private final Duration pollInterval;
  private boolean reading;
  private boolean wokenWhileReading;
  private MessageConsumer<Object> consumer;
  private long timer;

  /**
   * Creates the worker.
   *
   * @param wakeAddress the event-bus address that wakes it
   * @param pollInterval how often it looks for work that came due
   */
  protected OutboxWorker(String wakeAddress, Duration pollInterval) {
    this.wakeAddress = wakeAddress;
    this.pollInterval = pollInterval;
  }

  @Override
  public final Future<?> start() {
    consumer = vertx.eventBus().localConsumer(wakeAddress, message -> {
      woken(message);
      drain();
    });
    timer = vertx.setPeriodic(pollInterval.toMillis(), t -> drain());
    drain();
    return consumer.completion();
  }

  @Override
  public final Future<?> stop() {
    vertx.cancelTimer(timer);
    return consumer.unregister();
  }

  /**
   * Called with each wake-up message before the outbox is read.
   *
   * @param message the message
   */
  protected void woken(Message<Object> message) {
  }

  /** {@return how many more items may be started now} */
  protected abstract int room();

  /**
   * Reads due work from the outbox and starts it.
   *
   * @param room how many items at most
   * @return done once the items are started (not finished)
   */
  protected abstract Future<?> startDue(int room);

  /** Reads the outbox and starts what is due, unless a read is under way or there is no room. */
  protected final void drain() {
    if (reading) {
      wokenWhileReading = true;
      return;
    }
    int room = room();
    if (room <= 0) {
      return;
    }
    reading = true;
    wokenWhileReading = false;
    startDue(room).onComplete(done -> {
      reading = false;
      if (done.failed()) {
        // Most likely the database is unreachable: the timer tries again, not a tight loop.
        LOG.warn("{}: could not read the outbox: {}", getClass().getSimpleName(),
            done.cause().toString());
      } else if (wokenWhileReading) {
        drain();
      }
    });
  }
}
