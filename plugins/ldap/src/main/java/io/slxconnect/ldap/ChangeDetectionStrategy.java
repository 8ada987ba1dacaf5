package io.slxconnect.ldap;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The ways an LDAP server can report changes, which of them a server offers (from its root DSE),
 * and which one {@code auto} picks.
 */
enum ChangeDetectionStrategy {
  /** Active Directory's LDAP_SERVER_NOTIFICATION_OID control. */
  AD_NOTIFICATION("ad-notification"),
  /** Active Directory's DirSync control, with a resumable cookie. */
  DIRSYNC("dirsync"),
  /** RFC 4533 content synchronization (syncrepl), as in OpenLDAP and 389-ds. */
  CONTENT_SYNC("content-sync"),
  /** The persistent search control (draft-ietf-ldapext-psearch). */
  PERSISTENT_SEARCH("persistent-search"),
  /** A {@code cn=changelog} subtree (draft-good-ldap-changelog). */
  CHANGELOG("changelog"),
  /** Periodic search for entries modified since the last run; works everywhere. */
  POLL("poll");

  /** Active Directory change notification control. */
  static final String AD_NOTIFICATION_OID = "1.2.840.113556.1.4.528";
  /** Active Directory DirSync control. */
  static final String DIRSYNC_OID = "1.2.840.113556.1.4.841";
  /** Persistent search control. */
  static final String PERSISTENT_SEARCH_OID = "2.16.840.1.113730.3.4.3";
  /** RFC 4533 sync request control. */
  static final String CONTENT_SYNC_OID = "1.3.6.1.4.1.4203.1.9.1.1";

  /** What {@code auto} prefers, best first: real-time push before changelog before polling. */
  private static final List<ChangeDetectionStrategy> AUTO_PREFERENCE =
      List.of(AD_NOTIFICATION, CONTENT_SYNC, PERSISTENT_SEARCH, CHANGELOG, POLL);

  private final String id;

  ChangeDetectionStrategy(String id) {
    this.id = id;
  }

  /** {@return the value used in settings and reports} */
  String id() {
    return id;
  }

  /**
   * Parses a setting value other than {@code auto}.
   *
   * @param id the value
   * @return the strategy, or {@code null} when unknown
   */
  static ChangeDetectionStrategy fromId(String id) {
    for (ChangeDetectionStrategy s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    return null;
  }

  /**
   * The strategies a server offers, in declaration order; always includes {@link #POLL}.
   *
   * @param dse the server's root DSE
   * @return the supported strategies
   */
  static Set<ChangeDetectionStrategy> supportedBy(RootDse dse) {
    Set<ChangeDetectionStrategy> supported = EnumSet.of(POLL);
    if (dse.supportsControl(AD_NOTIFICATION_OID)) {
      supported.add(AD_NOTIFICATION);
    }
    if (dse.supportsControl(DIRSYNC_OID)) {
      supported.add(DIRSYNC);
    }
    if (dse.supportsControl(CONTENT_SYNC_OID)) {
      supported.add(CONTENT_SYNC);
    }
    if (dse.supportsControl(PERSISTENT_SEARCH_OID)) {
      supported.add(PERSISTENT_SEARCH);
    }
    if (dse.hasChangelog()) {
      supported.add(CHANGELOG);
    }
    return supported;
  }

  /**
   * What {@code auto} picks among the supported strategies.
   *
   * @param supported what the server offers, as from {@link #supportedBy(RootDse)}
   * @return the preferred strategy; {@link #POLL} when nothing better is offered
   */
  static ChangeDetectionStrategy autoSelect(Set<ChangeDetectionStrategy> supported) {
    return AUTO_PREFERENCE.stream().filter(supported::contains).findFirst().orElse(POLL);
  }
}
