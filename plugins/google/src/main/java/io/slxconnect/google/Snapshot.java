package io.slxconnect.google;

import io.slxconnect.api.ChangeRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a poll saw last time, as a fingerprint per stable id, to turn a full listing into the
 * changes since: objects new or different become upserts, objects gone become deletes. Google
 * pushes nothing for groups and members, so they are found changed this way. Kept in memory
 * only: after a restart the first listing is either delivered whole (the hub writes only real
 * differences) or taken silently as the starting point.
 */
final class Snapshot {

  private Map<String, Integer> known;
  private final boolean deliverFirst;

  /**
   * Creates an empty snapshot.
   *
   * @param deliverFirst whether the first listing is delivered whole (catching up after a
   *     restart) rather than taken as the starting point
   */
  Snapshot(boolean deliverFirst) {
    this.deliverFirst = deliverFirst;
  }

  /**
   * Compares a full listing with the last one and remembers it.
   *
   * @param current every object now, as upsert records by stable id
   * @return the changes since the last listing, upserts first
   */
  synchronized List<ChangeRecord> changes(Map<String, ChangeRecord> current) {
    Map<String, Integer> now = new HashMap<>();
    current.forEach((id, record) -> now.put(id, fingerprint(record)));
    Map<String, Integer> before = known;
    known = now;
    if (before == null) {
      return deliverFirst ? List.copyOf(current.values()) : List.of();
    }
    List<ChangeRecord> changes = new ArrayList<>();
    current.forEach((id, record) -> {
      if (!now.get(id).equals(before.get(id))) {
        changes.add(record);
      }
    });
    before.keySet().stream().filter(id -> !now.containsKey(id))
        .forEach(id -> changes.add(ChangeRecord.deleted(id)));
    return changes;
  }

  private static int fingerprint(ChangeRecord record) {
    return record.user() != null ? record.user().hashCode() : record.group().hashCode();
  }
}
