package io.slxconnect.hrfile;

import io.slxconnect.api.ChangeSink;
import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectionReport;
import io.slxconnect.api.ConnectionReport.Step;
import io.slxconnect.api.ConnectorContext;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.api.ExternalUser;
import io.slxconnect.api.Page;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One configured HR file. Every method is called on an event loop and returns at once: file
 * work runs on {@link ConnectorContext#blockingExecutor()}, and failures come back as failed
 * futures carrying a {@link ConnectorException}.
 */
final class HrFileConnector implements ConnectorInstance {

  private final ConnectorContext context;
  private final Clock clock;
  private HrFileWatch watch;

  HrFileConnector(ConnectorContext context, Clock clock) {
    this.context = context; // create() must not touch the file yet: start() does
    this.clock = clock;
  }

  @Override
  public Future<Void> start() {
    return settings().compose(settings -> context.blockingExecutor().<Void>executeBlocking(() -> {
      HrFile.checkHeader(settings.path());
      return null;
    }).recover(e -> Future.failedFuture(HrFile.failure(settings.path(), e))));
  }

  @Override
  public Future<Void> stop() {
    if (watch != null) {
      watch.stop(); // safe to call twice; nothing else is held open between calls
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Page<ExternalUser>> readUsers(String cursor) {
    return settings().compose(settings -> context.blockingExecutor().executeBlocking(() -> {
      Path path = settings.path();
      String stamp = stamp(path);
      int skip = ImportCursor.rowsRead(cursor, stamp);
      HrFile.Slice slice = HrFile.slice(path, skip, settings.pageSize());
      LocalDate today = LocalDate.now(clock.withZone(settings.zone()));
      List<ExternalUser> users = slice.rows().stream().map(row -> row.toUser(today)).toList();
      String next = slice.more() ? ImportCursor.after(skip + users.size(), stamp) : null;
      return new Page<>(users, next); // next == null: this was the last page
    }).recover(e -> Future.failedFuture(HrFile.failure(settings.path(), e))));
  }

  @Override
  public Future<Void> watch(Checkpoint resumeFrom, ChangeSink sink) {
    return settings().compose(settings -> {
      watch = new HrFileWatch(context, settings, sink, clock);
      return watch.start(resumeFrom);
    });
  }

  @Override
  public Future<ConnectionReport> test() {
    HrFileSettings settings;
    try {
      settings = HrFileSettings.from(context.settings());
    } catch (ConnectorException e) {
      return Future.succeededFuture(new ConnectionReport(
          List.of(Step.failed("settings", e.getMessage())), Map.of()));
    }
    // A problem found is a failed step in the report, never a failed future.
    return context.blockingExecutor().executeBlocking(() -> diagnose(settings));
  }

  /** The steps of "Test connection", each stopping at the first failure. */
  private ConnectionReport diagnose(HrFileSettings settings) {
    Path path = settings.path();
    List<Step> steps = new ArrayList<>();
    Map<String, String> facts = new LinkedHashMap<>();
    steps.add(Step.ok("settings", "file " + path + ", dates in " + settings.zone()));
    if (!Files.isRegularFile(path)) {
      steps.add(Step.failed("open file", "The file " + path + " does not exist (or is not a "
          + "file): check the path, and that the share holding it is mounted on the hub"));
      return new ConnectionReport(steps, facts);
    }
    if (!Files.isReadable(path)) {
      steps.add(Step.failed("open file", "The hub may not read " + path + ": give the user "
          + "the hub runs as read access"));
      return new ConnectionReport(steps, facts);
    }
    try {
      facts.put("size", Files.size(path) + " bytes");
      facts.put("modified", Files.getLastModifiedTime(path).toString());
      steps.add(Step.ok("open file", "readable"));
      HrFile.checkHeader(path);
      steps.add(Step.ok("header", "the columns " + String.join(", ", HrColumns.REQUIRED)
          + " are there"));
      HrFile.Snapshot snapshot = HrFile.read(path);
      LocalDate today = LocalDate.now(clock.withZone(settings.zone()));
      long active = snapshot.rows().values().stream().filter(r -> r.activeOn(today)).count();
      facts.put("people", String.valueOf(snapshot.rows().size()));
      facts.put("active today", String.valueOf(active));
      steps.add(Step.ok("rows", snapshot.rows().size() + " people, " + active
          + " of them active today"));
    } catch (HrFileException e) {
      boolean header = steps.stream().noneMatch(s -> s.name().equals("header"));
      steps.add(Step.failed(header ? "header" : "rows", e.getMessage()));
    } catch (IOException e) {
      steps.add(Step.failed("read file", HrFile.failure(path, e).getMessage()));
    }
    return new ConnectionReport(steps, facts);
  }

  /** The settings, or a failed future with the setting to fix. */
  private Future<HrFileSettings> settings() {
    try {
      return Future.succeededFuture(HrFileSettings.from(context.settings()));
    } catch (ConnectorException e) {
      return Future.failedFuture(e);
    }
  }

  /** Size and modification time: an import's pages must all come from the same file. */
  private static String stamp(Path path) throws IOException {
    return Files.size(path) + "-" + Files.getLastModifiedTime(path).toMillis();
  }

  /** The import cursor: rows read so far, and the stamp of the file they were read from. */
  static final class ImportCursor {

    private ImportCursor() {
    }

    static String after(int rowsRead, String stamp) {
      return rowsRead + ":" + stamp;
    }

    static int rowsRead(String cursor, String stamp) {
      if (cursor == null) {
        return 0;
      }
      int colon = cursor.indexOf(':');
      if (colon < 0 || !cursor.substring(colon + 1).equals(stamp)) {
        throw new ConnectorException(Reason.UNAVAILABLE, "The HR file changed while it was "
            + "being imported; run the import again");
      }
      try {
        return Integer.parseInt(cursor.substring(0, colon));
      } catch (NumberFormatException e) {
        throw new ConnectorException(Reason.FAILED, "'" + cursor + "' is not a cursor of the "
            + "HR file connector", e);
      }
    }
  }
}
