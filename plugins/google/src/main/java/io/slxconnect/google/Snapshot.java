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
 * only: the first listing is delivered whole, so that nothing changed between the start of the
 * watch and the first listing is missed; the hub compares and writes only real differences.
 */
final class Snapshot {

  private Map<String, Integer> known;

  /**
   * Compares a full listing with the last one and remembers it.
   *
   * @param current every object now, as upsert records by stable id
   * @return the changes since the last listing (everything the first time), upserts first
   */
  synchronized List<ChangeRecord> changes(Map<String, ChangeRecord> current) {
    Map<String, Integer> now = new HashMap<>();
    current.forEach((id, record) -> now.put(id, fingerprint(record)));
    Map<String, Integer> before = known;
    known = now;
    if (before == null) {
      return List.copyOf(current.values());
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
