package io.slxconnect.google;

import com.google.api.services.directory.Directory;
import com.google.api.services.directory.model.Channel;
import io.slxconnect.api.ConnectorContext;
import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The {@code users.watch} channels of one watch, one per user event, each with a random id and
 * token. Channels live hours at most: each is renewed before it expires by opening a new one,
 * storing it, then stopping the old one with {@code channels.stop}; notifications on the old one
 * are accepted until it is stopped. Channels restored from a checkpoint are kept while they live.
 * When a channel could not be renewed before it expired, changes may have been missed: the
 * watch is told to catch up once a new one is open.
 */
final class UserChannels {

  /** The user events Google pushes, one channel each. */
  static final List<String> EVENTS = List.of("add", "update", "delete", "makeAdmin", "undelete");

  private static final Duration MAX_MARGIN = Duration.ofMinutes(10);
  private static final Duration RETRY = Duration.ofSeconds(10);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ConnectorContext context;
  private final GoogleCalls calls;
  private final Directory directory;
  private final GoogleSettings settings;
  private final String address;
  private final Supplier<Future<Void>> persist;
  private final Runnable catchUp;
  private final Map<String, PushChannel> open = new ConcurrentHashMap<>();
  /** Channels asked for and not granted yet: Google may send their sync message first. */
  private final Map<String, PushChannel> opening = new ConcurrentHashMap<>();
  private final Map<String, Long> timers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * Creates the channel set; nothing is opened yet.
   *
   * @param context for timers, the log and connection reports
   * @param calls runs the client
   * @param directory the client
   * @param settings the customer and the channel lifetime
   * @param address where Google sends notifications
   * @param persist stores the current channels (an empty batch to the hub)
   * @param catchUp reads users again after a channel lapsed
   */
  UserChannels(ConnectorContext context, GoogleCalls calls, Directory directory,
      GoogleSettings settings, String address, Supplier<Future<Void>> persist,
      Runnable catchUp) {
    this.context = context;
    this.calls = calls;
    this.directory = directory;
    this.settings = settings;
    this.address = address;
    this.persist = persist;
    this.catchUp = catchUp;
  }

  /**
   * Keeps the live restored channels (the newest per event; older ones are stopped) and opens a
   * channel for every event without one.
   *
   * @param restored the channels of the last checkpoint
   * @return completes when every event has a channel
   */
  Future<Void> start(List<PushChannel> restored) {
    Instant now = Instant.now();
    Map<String, List<PushChannel>> byEvent = restored.stream()
        .filter(c -> c.expiration().isAfter(now))
        .collect(Collectors.groupingBy(PushChannel::event));
    List<Future<?>> opened = new ArrayList<>();
    for (String event : EVENTS) {
      List<PushChannel> live = new ArrayList<>(byEvent.getOrDefault(event, List.of()));
      live.sort(Comparator.comparing(PushChannel::expiration).reversed());
      if (live.isEmpty()) {
        opened.add(open(event).onSuccess(this::keep));
      } else {
        keep(live.get(0));
        live.subList(1, live.size()).forEach(this::stop);
      }
    }
    return Future.all(opened).mapEmpty();
  }

  /**
   * The open channel with this id.
   *
   * @param id the {@code X-Goog-Channel-ID} of a notification
   * @return the channel, or empty when the id is none of this watch's
   */
  Optional<PushChannel> find(String id) {
    return id == null ? Optional.empty()
        : Optional.ofNullable(open.get(id)).or(() -> Optional.ofNullable(opening.get(id)));
  }

  /** {@return the open channels, for the checkpoint} */
  List<PushChannel> channels() {
    return open.values().stream().sorted(Comparator.comparing(PushChannel::event)
        .thenComparing(PushChannel::expiration)).toList();
  }

  /**
   * Cancels the renewals. The channels stay open at Google, so that they survive a restart; a
   * stopped watch answers their notifications with an error and Google drops them as they lapse.
   */
  void close() {
    closed = true;
    timers.values().forEach(context.vertx()::cancelTimer);
    timers.clear();
  }

  private void keep(PushChannel channel) {
    open.put(channel.id(), channel);
    opening.remove(channel.id());
    schedule(channel, renewalDelay(channel));
  }

  private void schedule(PushChannel channel, Duration delay) {
    if (closed) {
      return;
    }
    long timer = context.vertx().setTimer(Math.max(1, delay.toMillis()), id -> {
      timers.remove(channel.id());
      renew(channel);
    });
    timers.put(channel.id(), timer);
  }

  private void renew(PushChannel old) {
    if (closed) {
      return;
    }
    boolean lapsed = old.expiration().isBefore(Instant.now());
    open(old.event()).compose(renewed -> {
      keep(renewed);
      return persist.get().compose(v -> {
        open.remove(old.id());
        return stop(old);
      }).compose(v -> persist.get()).map(renewed);
    }).onSuccess(renewed -> {
      context.logger().log(Level.DEBUG, "Renewed push channel {0} as {1}", old, renewed);
      context.reportConnection(true, null);
      if (lapsed) {
        catchUp.run();
      }
    }).onFailure(e -> {
      if (closed) {
        return;
      }
      context.logger().log(Level.WARNING, "Could not renew the push channel for user {0} "
          + "events; trying again in {1} s: {2}", old.event(), RETRY.toSeconds(), e.getMessage());
      context.reportConnection(false, "Cannot renew the Google push channel: " + e.getMessage());
      schedule(old, RETRY);
    });
  }

  private Future<PushChannel> open(String event) {
    String token = randomToken();
    Instant requested = Instant.now().plus(settings.channelLifetime());
    Channel request = new Channel().setId(UUID.randomUUID().toString()).setType("web_hook")
        .setAddress(address).setToken(token).setExpiration(requested.toEpochMilli());
    opening.put(request.getId(), new PushChannel(event, request.getId(), token, null, requested));
    return calls.run("Opening the push channel for user " + event + " events", () -> {
      Channel granted = settings.scoped(directory.users().watch(request).setEvent(event))
          .execute();
      return new PushChannel(event, granted.getId(), token, granted.getResourceId(),
          granted.getExpiration() == null ? requested
              : Instant.ofEpochMilli(granted.getExpiration()));
    }).onFailure(e -> opening.remove(request.getId()));
  }

  private Future<Void> stop(PushChannel channel) {
    return calls.run("Stopping push channel " + channel.id(), () -> {
      directory.channels().stop(new Channel().setId(channel.id())
          .setResourceId(channel.resourceId())).execute();
      return (Void) null;
    }).recover(e -> {
      context.logger().log(Level.INFO, "Push channel {0} could not be stopped (it lapses on "
          + "its own): {1}", channel.id(), e.getMessage());
      return Future.succeededFuture();
    });
  }

  private static Duration renewalDelay(PushChannel channel) {
    Duration left = Duration.between(Instant.now(), channel.expiration());
    Duration margin = left.dividedBy(10);
    return left.minus(margin.compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : margin);
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
