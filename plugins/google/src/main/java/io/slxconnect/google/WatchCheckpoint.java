package io.slxconnect.google;

import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What a Google watch keeps through a hub restart: the open push channels (ids, tokens, resource
 * ids, expirations), so that notifications on them are still accepted and the channels are
 * renewed and stopped later. A checkpoint at all also says the watch ran before, so a restarted
 * watch catches up on what changed meanwhile. Stored by the hub as
 * {@code {"v":1,"channels":[...]}}; the tokens in it are as secret as the hub's database.
 */
final class WatchCheckpoint {

  private WatchCheckpoint() {
  }

  /**
   * The checkpoint for the given channels.
   *
   * @param channels the open channels
   * @return the checkpoint
   */
  static Checkpoint of(List<PushChannel> channels) {
    JsonArray array = new JsonArray();
    channels.forEach(channel -> array.add(channel.toJson()));
    return new Checkpoint(new JsonObject().put("v", 1).put("channels", array).encode());
  }

  /**
   * The channels a checkpoint names.
   *
   * @param checkpoint a checkpoint {@link #of} wrote
   * @return the channels
   * @throws ConnectorException {@code FAILED} when it is not one of this connector's
   */
  static List<PushChannel> channels(Checkpoint checkpoint) {
    try {
      JsonObject json = new JsonObject(checkpoint.value());
      JsonArray channels = json.getJsonArray("channels", new JsonArray());
      return channels.stream().map(JsonObject.class::cast).map(PushChannel::fromJson).toList();
    } catch (DecodeException | ClassCastException | NullPointerException e) {
      throw new ConnectorException(Reason.FAILED, "The stored watch position is not a Google "
          + "Workspace one; clear the connector's checkpoint or recreate the connector", e);
    }
  }
}
