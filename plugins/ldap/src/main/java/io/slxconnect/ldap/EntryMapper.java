package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.Entry;
import io.slxconnect.api.ChangeRecord;
import java.util.Optional;

/**
 * Turns the entries a watch sees into change records for the hub: users and groups within the
 * configured bases and filters become upserts, everything else is ignored. Watches stay
 * independent of the attribute mapping.
 */
interface EntryMapper {

  /** {@return the attributes a watch must request for {@link #upserted(Entry)}} */
  String[] attributes();

  /**
   * The record for an entry that was added, changed or renamed.
   *
   * @param entry the entry's current state, read with {@link #attributes()}
   * @return an upsert of the user or group; empty when there is nothing to report: the entry
   *     is out of scope (see {@link #inScope(Entry)}), or has no stable id
   */
  Optional<ChangeRecord> upserted(Entry entry);

  /**
   * Whether an entry is a user or group the connector follows; an entry that left the scope
   * (moved away, or no longer matching the filter) is gone for the hub.
   *
   * @param entry the entry, read with {@link #attributes()}
   * @return {@code true} when in scope
   */
  boolean inScope(Entry entry);

  /**
   * The record for an entry that is gone.
   *
   * @param stableId its stable id (objectGUID as text, entryUUID, nsUniqueId)
   * @return the deletion
   */
  default ChangeRecord deleted(String stableId) {
    return ChangeRecord.deleted(stableId);
  }

  /**
   * The stable id of an entry, as {@link #upserted(Entry)} uses it.
   *
   * @param entry the entry
   * @return the id, or empty when the entry has none
   */
  Optional<String> stableId(Entry entry);
}
