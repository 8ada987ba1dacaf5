package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The thread and the connection of one watch: connects, runs the watch's work, and after any
 * failure closes the connection and tries again after a {@link Backoff} delay. Every blocking
 * LDAP call of a watch happens on this loop's own thread, never on a Vert.x event loop.
 *
 * <p>The work runs once per connection (a push watch, whose search then stays open until
 * {@link #connectionLost}) or again every interval on the same connection (a polling watch). The
 * loop ends when it is closed or when the feed has failed: the hub then restarts the watch from
 * its last committed checkpoint.
 */
final class WatchLoop implements DirectoryWatch {

  /** What a watch does with a connection. */
  @FunctionalInterface
  interface Work {
    /**
     * Does one round of the watch's work; runs on the loop's thread.
     *
     * @param connection the loop's connection, bound
     * @throws LDAPException when the directory fails; the loop reconnects
     */
    void run(LDAPConnection connection) throws LDAPException;
  }

  private final String name;
  private final LdapConnections connections;
  private final ChangeFeed feed;
  private final Logger logger;
  private final Duration interval;
  private final Work work;
  private final Backoff backoff = new Backoff();
  private final ScheduledThreadPoolExecutor thread;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CompletableFuture<Void> established = new CompletableFuture<>();
  /** Only touched on the loop's thread. */
  private LDAPConnection connection;

  /**
   * Creates a loop; {@link #start()} starts it.
   *
   * @param name what the watch is, for its thread and log messages
   * @param connections opens the loop's connection
   * @param feed the watch's feed; the loop stops once it failed
   * @param logger where reconnects are logged
   * @param interval how long to wait between runs on one connection, or {@code null} to run
   *     once per connection
   * @param work the watch's work
   */
  WatchLoop(String name, LdapConnections connections, ChangeFeed feed, Logger logger,
      Duration interval, Work work) {
    this.name = name;
    this.connections = connections;
    this.feed = feed;
    this.logger = logger;
    this.interval = interval;
    this.work = work;
    thread = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread t = new Thread(runnable, "slx-ldap-" + name);
      t.setDaemon(true);
      return t;
    });
    // Shutting down cancels pending reconnects and polls instead of running them.
    thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Connects and runs the work for the first time, on the loop's thread. */
  @Override
  public CompletionStage<Void> start() {
    thread.execute(this::round);
    return established.minimalCompletionStage();
  }

  /**
   * Tells the loop that a connection broke (a push watch's search ended); it reconnects after a
   * backoff delay. Safe from any thread; ignored for a connection the loop no longer uses.
   *
   * @param lost the connection that broke
   * @param why what happened, for the log
   */
  void connectionLost(LDAPConnection lost, String why) {
    submit(() -> {
      if (lost == connection) {
        retryLater(why);
      }
    });
  }

  /** Stops the loop and closes its connection; returns at once, safe from any thread. */
  @Override
  public void close() {
    established.completeExceptionally(new IllegalStateException("The watch was closed"));
    if (closed.compareAndSet(false, true)) {
      // On the loop's thread, after the round in progress: the connection is only ever touched
      // there, and closing it may block briefly, which the caller's thread must not.
      submit(() -> {
        closeConnection();
        thread.shutdown();
      });
    }
  }

  private void round() {
    if (closed.get() || feed.failed()) {
      close();
      return;
    }
    try {
      if (connection == null) {
        connection = connections.openConnection();
        connection.setConnectionName("slx-ldap-" + name);
        // Started once connected: catching up a long backlog must not hold up the start.
        established.complete(null);
      }
      work.run(connection);
      backoff.reset();
      feed.connected();
      if (interval != null) {
        thread.schedule(this::round, interval.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (LDAPException e) {
      if (!established.isDone()) {
        giveUp(LdapFailures.toConnectorException("Starting the LDAP watch " + name, e,
            connections.bindIdentity()));
        return;
      }
      retryLater(LdapFailures.describe(e));
    } catch (RuntimeException e) {
      // A bug or an entry the mapper cannot handle: logged in full, then retried like an outage
      // so that a watch never dies silently.
      logger.log(Level.ERROR, "LDAP watch " + name + " failed", e);
      if (!established.isDone()) {
        giveUp(e);
        return;
      }
      retryLater(LdapFailures.rootCause(e));
    }
  }

  /** The first connection failed: the start fails, and the hub retries the whole connector. */
  private void giveUp(RuntimeException why) {
    established.completeExceptionally(why);
    close();
  }

  private void retryLater(String why) {
    closeConnection();
    if (closed.get()) {
      return;
    }
    Duration delay = backoff.nextDelay();
    logger.log(Level.WARNING, "LDAP watch {0}: {1}; reconnecting in {2} ms", name, why,
        String.valueOf(delay.toMillis()));
    feed.connectionLost(why + "; reconnecting");
    thread.schedule(this::round, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void closeConnection() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }

  private void submit(Runnable task) {
    if (!thread.isShutdown()) {
      try {
        thread.execute(task);
      } catch (RejectedExecutionException e) {
        // Shut down meanwhile: the connection the task was about is closed already.
      }
    }
  }
}
