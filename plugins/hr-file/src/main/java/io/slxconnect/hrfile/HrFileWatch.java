package io.slxconnect.hrfile;

import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ChangeSink;
import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectorContext;
import io.slxconnect.api.ExternalUser;
import io.vertx.core.Future;
import io.vertx.core.file.FileProps;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Watches the HR file: a Vert.x timer looks at its size and modification time (asynchronously,
 * on the event loop), and only when they, or the day, changed is the file read and parsed on the
 * blocking executor and compared with the last snapshot delivered:
 *
 * <ul>
 *   <li>a new row is a <b>hire</b>: the user is created;
 *   <li>a changed name, email, department, title or manager is a <b>transfer</b>: an update;
 *   <li>status {@code leaver}, or an end date that has passed, is a <b>leaver</b>: the user is
 *       disabled (never deleted: the hub keeps their history and can re-enable them);
 *   <li>a row that disappears is treated as a leaver too, the safe choice: the account is
 *       disabled, not deleted.
 * </ul>
 *
 * <p>A file that does not parse (HR tools often write in place, so a poll can see half a file)
 * is reported with {@link ConnectorContext#reportConnection} naming the line, the last good
 * snapshot is kept, and the next poll tries again. Nothing here blocks the event loop.
 */
final class HrFileWatch {

  /** Changes per batch: a large catch-up goes to the hub in several transactions. */
  static final int BATCH_SIZE = 500;
  /** Modification times are coarse: a file written again this soon may look unchanged. */
  private static final long SETTLE_MILLIS = 2_000;

  /**
   * What the file looked like when it was last read.
   *
   * @param modifiedMillis the modification time
   * @param size the size in bytes
   * @param readAtMillis when it was looked at
   */
  private record Stamp(long modifiedMillis, long size, long readAtMillis) {

    boolean sameFile(FileProps props) {
      return props.lastModifiedTime() == modifiedMillis && props.size() == size
          && readAtMillis - modifiedMillis > SETTLE_MILLIS;
    }
  }

  /**
   * A read of the file.
   *
   * @param stamp what the file looked like before it was read
   * @param snapshot its rows and digest
   */
  private record Read(Stamp stamp, HrFile.Snapshot snapshot) {
  }

  private final ConnectorContext context;
  private final HrFileSettings settings;
  private final ChangeSink sink;
  private final Clock clock;
  private volatile boolean stopped;
  private volatile long timer = -1;
  /** The last delivered state: the snapshot, the day its dates were evaluated for, the stamp. */
  private volatile HrFile.Snapshot delivered;
  private volatile LocalDate deliveredDay;
  private volatile Stamp deliveredStamp;
  /** What was last reported as wrong with the file, or {@code null}. */
  private volatile String problem;

  HrFileWatch(ConnectorContext context, HrFileSettings settings, ChangeSink sink, Clock clock) {
    this.context = context;
    this.settings = settings;
    this.sink = sink;
    this.clock = clock;
  }

  /**
   * Reads the file, then catches up from the checkpoint in the background and follows the file.
   *
   * @param resumeFrom the last committed checkpoint, or {@code null} to start from now
   * @return completes once the file was read: the watch is established
   */
  Future<Void> start(Checkpoint resumeFrom) {
    return read().map(first -> {
      LocalDate today = today();
      List<ChangeRecord> catchUp = resumeFrom == null ? List.of()
          : catchUp(HrCheckpoint.from(resumeFrom), first.snapshot(), today);
      // Even with nothing to catch up, the starting position is delivered, so that a restart
      // before the first change resumes from here rather than from "now" again.
      deliver(catchUp, first, today);
      return null;
    });
  }

  /** Stops polling; a read or delivery in progress finishes, nothing follows it. */
  void stop() {
    stopped = true;
    context.vertx().cancelTimer(timer);
  }

  private List<ChangeRecord> catchUp(Optional<HrCheckpoint> from, HrFile.Snapshot now,
      LocalDate today) {
    if (from.isPresent() && from.get().digest().equals(now.digest())) {
      // The file did not change while the hub was away; only dates may have passed.
      return diff(now.usersOn(from.get().day()), now.usersOn(today));
    }
    // The file changed (or the checkpoint is not ours): without the old rows, deliver them all.
    return diff(Map.of(), now.usersOn(today));
  }

  /** Hires and transfers in file order, then rows that disappeared, disabled. */
  static List<ChangeRecord> diff(Map<String, ExternalUser> before,
      Map<String, ExternalUser> after) {
    List<ChangeRecord> changes = new ArrayList<>();
    after.forEach((id, user) -> {
      if (!user.equals(before.get(id))) {
        changes.add(ChangeRecord.userUpserted(user));
      }
    });
    before.forEach((id, user) -> {
      if (!after.containsKey(id) && user.active()) {
        changes.add(ChangeRecord.userUpserted(disabled(user)));
      }
    });
    return changes;
  }

  private static ExternalUser disabled(ExternalUser user) {
    return new ExternalUser(user.externalId(), user.userName(), user.displayName(),
        user.givenName(), user.familyName(), user.emails(), false, user.employeeNumber(),
        user.department(), user.managerExternalId(), user.groupExternalIds(), user.attributes());
  }

  private void schedule() {
    if (!stopped) {
      timer = context.vertx().setTimer(settings.pollInterval().toMillis(), id -> poll());
    }
  }

  /** The cheap look first, on the event loop; the read only when something changed. */
  private void poll() {
    context.vertx().fileSystem().props(settings.path().toString()).onComplete(looked -> {
      if (stopped) {
        return;
      }
      if (looked.failed()) {
        trouble(HrFile.failure(settings.path(), looked.cause()).getMessage());
        schedule();
      } else if (problem == null && deliveredStamp.sameFile(looked.result())
          && today().equals(deliveredDay)) {
        schedule();
      } else {
        read().onSuccess(now -> {
          LocalDate today = today();
          if (now.snapshot().digest().equals(delivered.digest()) && today.equals(deliveredDay)) {
            deliveredStamp = now.stamp();
            schedule();
          } else {
            deliver(diff(delivered.usersOn(deliveredDay), now.snapshot().usersOn(today)), now,
                today);
          }
        }).onFailure(e -> schedule());
      }
    });
  }

  /** Reads and parses on a worker; a failure is reported and the last snapshot kept. */
  private Future<Read> read() {
    Path path = settings.path();
    return context.blockingExecutor().executeBlocking(() -> {
      // File times are wall-clock times, whatever clock decides the day.
      long readAt = System.currentTimeMillis();
      Stamp stamp = new Stamp(Files.getLastModifiedTime(path).toMillis(), Files.size(path),
          readAt);
      return new Read(stamp, HrFile.read(path));
    }).recover(e -> {
      String reason = HrFile.failure(path, e).getMessage();
      trouble(reason);
      return Future.failedFuture(HrFile.failure(path, e));
    }).onSuccess(read -> fine());
  }

  /**
   * Hands the changes to the hub in batches, the checkpoint with the last one; only once the
   * hub has stored them does the watch take the new state as delivered. If the hub cannot store
   * a batch, the watch stops: the hub restarts the connector from the last committed checkpoint,
   * so nothing is lost and nothing needs replaying here.
   */
  private void deliver(List<ChangeRecord> changes, Read now, LocalDate today) {
    Checkpoint after = new HrCheckpoint(now.snapshot().digest(), today).toCheckpoint();
    Future<Void> chain = changes.isEmpty() ? sink.accept(List.of(), after)
        : Future.succeededFuture();
    for (int from = 0; from < changes.size(); from += BATCH_SIZE) {
      List<ChangeRecord> batch = changes.subList(from, Math.min(from + BATCH_SIZE,
          changes.size()));
      Checkpoint position = from + BATCH_SIZE >= changes.size() ? after : null;
      chain = chain.compose(v -> sink.accept(batch, position));
    }
    chain.onSuccess(v -> {
      delivered = now.snapshot();
      deliveredDay = today;
      deliveredStamp = now.stamp();
      schedule();
    }).onFailure(e -> {
      context.logger().log(Level.WARNING, "The hub did not store changes from the HR file ("
          + e.getMessage() + "); the watch stops and the hub restarts it");
      stop();
    });
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(settings.zone()));
  }

  private void trouble(String reason) {
    if (!reason.equals(problem)) {
      problem = reason;
      context.reportConnection(false, reason);
    }
  }

  private void fine() {
    if (problem != null) {
      problem = null;
      context.reportConnection(true, null);
    }
  }
}
