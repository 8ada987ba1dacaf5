package io.slxconnect.cognito;

import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ChangeSink;
import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectorException.Reason;
import io.slxconnect.api.Page;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * Follows a user pool by polling, since Cognito reports no changes made through its API or
 * console. Every pass lists all users (ListUsers cannot filter by modification time) and reports
 * those whose {@code UserLastModifiedDate}, status or enabled flag differ from what the watch saw
 * last; unchanged users are not reported again. Passes at least the deletion check interval
 * apart also report the users no longer listed as deleted, each confirmed with AdminGetUser first:
 * a listing that pages while users come and go can skip a user, and a skipped user must not be
 * deleted in the hub.
 *
 * <p>What the watch saw is kept in memory ({@link SeenUsers}); the checkpoint is only the newest
 * modification time delivered ({@link WatchMark}). After a restart the first pass reports the
 * users modified since; changes that leave the modification time alone (if enabling or disabling
 * does so in Cognito: AWS does not document it) and deletions made while the hub was away are
 * found by the next import instead. Without a checkpoint the first pass only learns the pool (the import
 * brings existing users).
 *
 * <p>Everything runs on the Vert.x context that started the watch; requests are spaced to the
 * configured rate ({@link RequestPacer}), throttled ones retried by {@link CognitoCalls}. A failed pass marks the
 * connector degraded and is tried again after a growing delay; a batch the hub could not store
 * stops the watch (the hub then restarts it from its last checkpoint).
 */
final class PollingWatch {

  /** The hub refused a batch: the watch ends. */
  private static final class SinkFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SinkFailed(Throwable cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  private final Vertx vertx;
  private final CognitoCalls calls;
  private final UserPages pages;
  private final UserMapper mapper;
  private final CognitoSettings settings;
  private final ChangeSink sink;
  private final BiConsumer<Boolean, String> connection;
  private final Logger logger;
  private final SeenUsers seen = new SeenUsers();
  private final RequestPacer pacer;
  private final Promise<Void> established = Promise.promise();
  private Context context;
  private Instant mark;
  private boolean primed;
  private long lastDeletionCheck;
  private int failures;
  /** Set by {@link #stop()}, which the hub may call from another thread. */
  private volatile long timer = -1;
  private volatile boolean stopped;

  /**
   * Creates a watch; {@link #start} starts it.
   *
   * @param vertx the hub's Vert.x
   * @param calls the API gateway, for confirming deletions
   * @param pages lists the pool's users
   * @param mapper turns users into records
   * @param settings the pool, the intervals and the request rate
   * @param sink where changes go
   * @param connection told when passes fail and work again (the hub's reportConnection)
   * @param logger where failed passes are logged
   */
  PollingWatch(Vertx vertx, CognitoCalls calls, UserPages pages, UserMapper mapper,
      CognitoSettings settings, ChangeSink sink, BiConsumer<Boolean, String> connection,
      Logger logger) {
    this.vertx = vertx;
    this.calls = calls;
    this.pages = pages;
    this.mapper = mapper;
    this.settings = settings;
    this.sink = sink;
    this.connection = connection;
    this.logger = logger;
    this.pacer = new RequestPacer(vertx, settings.pollRequestsPerSecond());
  }

  /**
   * Starts polling on the caller's context.
   *
   * @param resumeFrom the last committed checkpoint, or {@code null} to start from now
   * @return completes once the first page of users was read
   */
  Future<Void> start(Checkpoint resumeFrom) {
    mark = WatchMark.parse(resumeFrom);
    lastDeletionCheck = System.nanoTime();
    context = vertx.getOrCreateContext();
    context.runOnContext(v -> runPass());
    return established.future();
  }

  /** Stops polling; a pass in progress delivers nothing more. Safe to call more than once. */
  void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void runPass() {
    if (stopped) {
      return;
    }
    boolean checkDeletions = primed
        && System.nanoTime() - lastDeletionCheck >= settings.deletionCheckInterval().toNanos();
    Set<String> listed = new HashSet<>();
    listPage(null, listed)
        .compose(v -> checkDeletions && !stopped ? deletions(listed) : Future.succeededFuture())
        .compose(v -> moveMark())
        .onSuccess(v -> {
          primed = true;
          if (checkDeletions) {
            lastDeletionCheck = System.nanoTime();
          }
          if (failures > 0) {
            failures = 0;
            connection.accept(true, null);
          }
          schedule(settings.pollInterval().toMillis());
        })
        .onFailure(this::passFailed);
  }

  private void passFailed(Throwable error) {
    if (stopped) {
      return;
    }
    if (error instanceof SinkFailed) {
      logger.log(Level.WARNING, "The hub did not store changes from user pool {0}; the watch "
          + "stops until the hub restarts it: {1}", settings.userPoolId(), error.getMessage());
      stop();
      return;
    }
    if (!established.future().isComplete()) {
      established.fail(error);
      stop();
      return;
    }
    failures++;
    long delay = RetryDelays.WATCH.before(failures).toMillis();
    logger.log(Level.WARNING, "Polling user pool {0} failed: {1}; trying again in {2} ms",
        settings.userPoolId(), error.getMessage(), delay);
    connection.accept(false, error.getMessage() + "; polling again in " + delay + " ms");
    schedule(delay);
  }

  private void schedule(long delayMillis) {
    if (!stopped) {
      timer = vertx.setTimer(Math.max(1, delayMillis), id -> context.runOnContext(v -> runPass()));
    }
  }

  private Future<Void> listPage(String cursor, Set<String> listed) {
    if (stopped) {
      return Future.succeededFuture();
    }
    return pacer.next().compose(v -> pages.read(cursor)).compose(page -> {
      established.tryComplete();
      return deliver(changes(page, listed), page)
          .compose(v -> page.hasNext() ? listPage(page.next(), listed) : Future.succeededFuture());
    });
  }

  /** The users of a page that changed since the watch last saw them, as records. */
  private List<ChangeRecord> changes(Page<UserType> page, Set<String> listed) {
    List<ChangeRecord> records = new ArrayList<>();
    for (UserType user : page.items()) {
      String sub = UserMapper.sub(user.attributes());
      if (sub == null || !listed.add(sub)) {
        continue;
      }
      Instant modified = user.userLastModifiedDate();
      boolean report = primed ? seen.changed(sub, user)
          : mark != null && modified != null && !modified.isBefore(mark);
      if (report) {
        records.add(ChangeRecord.userUpserted(mapper.toUser(user)));
      } else if (!seen.known(sub)) {
        seen.remember(sub, user);
      }
    }
    return records;
  }

  /** Hands a page's changes to the hub; remembers the users once the hub stored them. */
  private Future<Void> deliver(List<ChangeRecord> records, Page<UserType> page) {
    if (records.isEmpty() || stopped) {
      return Future.succeededFuture();
    }
    return accept(records, null).onSuccess(v -> {
      Set<String> delivered = new HashSet<>();
      records.forEach(r -> delivered.add(r.externalId()));
      for (UserType user : page.items()) {
        String sub = UserMapper.sub(user.attributes());
        if (delivered.contains(sub)) {
          seen.remember(sub, user);
        }
      }
    });
  }

  /** Reports the users no longer listed whose absence AdminGetUser confirms. */
  private Future<Void> deletions(Set<String> listed) {
    List<String> gone = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (String sub : seen.absentFrom(listed)) {
      String username = seen.username(sub);
      chain = chain.compose(v -> pacer.next()).compose(v -> calls.call("Checking whether user "
              + username + " still exists", client -> client.adminGetUser(
                  r -> r.userPoolId(settings.userPoolId()).username(username)))
          .<Void>mapEmpty()
          .recover(error -> {
            if (CognitoFailures.is(error, Reason.NOT_FOUND)) {
              gone.add(sub);
              return Future.succeededFuture();
            }
            return Future.failedFuture(error);
          }));
    }
    return chain.compose(v -> {
      if (gone.isEmpty() || stopped) {
        return Future.succeededFuture();
      }
      return accept(gone.stream().map(ChangeRecord::deleted).toList(), null)
          .onSuccess(done -> gone.forEach(seen::forget));
    });
  }

  /** Stores the newest modification time seen as the checkpoint, when it moved. */
  private Future<Void> moveMark() {
    Instant newest = seen.newest();
    if (stopped || newest == null || newest.equals(mark)) {
      return Future.succeededFuture();
    }
    return accept(List.of(), WatchMark.of(newest)).onSuccess(v -> mark = newest);
  }

  /** Hands a batch to the hub; its answer comes back on the watch's context. */
  private Future<Void> accept(List<ChangeRecord> records, Checkpoint after) {
    return Future.fromCompletionStage(sink.accept(records, after).toCompletionStage(), context)
        .recover(error -> Future.failedFuture(new SinkFailed(error)));
  }
}
