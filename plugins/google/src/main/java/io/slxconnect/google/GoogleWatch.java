package io.slxconnect.google;

import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ChangeSink;
import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectorContext;
import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows a Google Workspace: user changes through push channels ({@link UserChannels},
 * {@link PushReceiver}) or, with push off, by polling; groups and members by polling
 * ({@link DirectoryPoll}), whose first listing is delivered whole. After a restart (a checkpoint
 * to resume from) or a channel that lapsed, users are caught up by a delta read: every user is
 * listed and delivered (the hub writes only what differs) and the users deleted meanwhile, which
 * Google lists for 20 days, are delivered as deletes. All user work runs in one {@link SerialLane}, so that changes of one user arrive in
 * order.
 */
final class GoogleWatch {

  private final ConnectorContext context;
  private final Workspace workspace;
  private final SerialLane userLane = new SerialLane();
  private final ChangeFeed feed;
  private final UserChannels channels;
  private final DirectoryPoll poll;

  private GoogleWatch(ConnectorContext context, Workspace workspace, ChangeSink sink) {
    this.context = context;
    this.workspace = workspace;
    GoogleSettings settings = workspace.settings();
    this.channels = settings.pushNotifications() ? new UserChannels(context, workspace.calls(),
        workspace.directory(), settings, settings.pushAddress(context.hookUrl()),
        this::storePosition, this::catchUp) : null;
    this.feed = new ChangeFeed(sink,
        () -> WatchCheckpoint.of(channels == null ? List.of() : channels.channels()),
        this::brokenOff);
    List<DirectoryPoll.Source> sources = new ArrayList<>();
    sources.add(new DirectoryPoll.Source("groups",
        () -> Pages.all(workspace::groups).map(groups -> groups.stream()
            .map(ChangeRecord::groupUpserted).toList()), new Snapshot()));
    if (channels == null) {
      sources.add(new DirectoryPoll.Source("users",
          () -> userLane.then(() -> Pages.all(workspace::users)).map(users -> users.stream()
              .map(ChangeRecord::userUpserted).toList()), new Snapshot()));
    }
    this.poll = new DirectoryPoll(context, settings.pollInterval(), sources, feed);
  }

  /**
   * Starts a watch: opens (or keeps) the push channels, stores the position, starts polling,
   * and, when resuming, catches users up in the background.
   *
   * @param context the instance's context
   * @param workspace the started connection
   * @param resumeFrom the last committed checkpoint, or {@code null} to start from now
   * @param sink where changes go
   * @return the watch, once established
   */
  static Future<GoogleWatch> start(ConnectorContext context, Workspace workspace,
      Checkpoint resumeFrom, ChangeSink sink) {
    List<PushChannel> restored = resumeFrom == null ? List.of()
        : WatchCheckpoint.channels(resumeFrom);
    GoogleWatch watch = new GoogleWatch(context, workspace, sink);
    Future<Void> listening;
    if (watch.channels != null) {
      context.onHookRequest(new PushReceiver(watch.channels, watch::userChanged,
          context.logger()));
      listening = watch.channels.start(restored);
    } else {
      // Channels of an earlier run with push on are left to lapse (within hours).
      listening = Future.succeededFuture();
    }
    return listening.compose(v -> watch.storePosition()).map(v -> {
      watch.poll.start();
      if (resumeFrom != null) {
        watch.catchUp();
      }
      context.logger().log(Level.INFO, "Watching Google Workspace: users by {0}, groups every "
          + "{1} s", watch.channels != null ? "push notifications" : "polling",
          workspace.settings().pollInterval().toSeconds());
      return watch;
    }).onFailure(e -> watch.close());
  }

  /** Stops polling and renewing; the feed refuses anything later. */
  void close() {
    feed.close();
    poll.close();
    if (channels != null) {
      channels.close();
      context.onHookRequest(request -> request.response().setStatusCode(503).end());
    }
  }

  /** Stores the current channels, with no changes. */
  private Future<Void> storePosition() {
    return feed.deliver(List.of());
  }

  /** Re-reads a user a notification named and delivers its state (or its deletion). */
  private Future<Void> userChanged(String state, String userId) {
    return userLane.then(() -> {
      if ("delete".equals(state)) {
        return feed.deliver(List.of(ChangeRecord.deleted(userId)));
      }
      return workspace.user(userId).compose(user -> feed.deliver(List.of(user
          .map(ChangeRecord::userUpserted).orElseGet(() -> ChangeRecord.deleted(userId)))));
    });
  }

  /**
   * Delivers the users deleted recently and, with push (polling delivers every user on its
   * first listing anyway), every user, page by page.
   */
  private void catchUp() {
    userLane.then(() -> (channels == null ? Future.<Void>succeededFuture()
        : Pages.forEach(workspace::users, page -> feed.deliver(
            page.items().stream().map(ChangeRecord::userUpserted).toList())))
        .compose(v -> Pages.forEach(workspace::deletedUserIds, page -> feed.deliver(
            page.items().stream().map(ChangeRecord::deleted).toList()))))
        .onSuccess(v -> context.logger().log(Level.INFO, "Caught up on Google Workspace users"))
        .onFailure(e -> context.logger().log(Level.WARNING, "Catching up on Google Workspace "
            + "users failed; changes made while the hub was away may be missing until the next "
            + "import: {0}", e.getMessage()));
  }

  private void brokenOff(Throwable failure) {
    context.logger().log(Level.WARNING, "The hub did not store changes from Google Workspace; "
        + "the watch stops until the hub restarts it: {0}", failure.getMessage());
    close();
  }
}
