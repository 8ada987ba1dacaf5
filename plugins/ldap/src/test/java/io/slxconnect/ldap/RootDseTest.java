package io.slxconnect.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Vendor and change-detection detection from root DSEs as real servers publish them. */
class RootDseTest {

  @Test
  void activeDirectoryIsDetectedAndPrefersNotifications() throws Exception {
    RootDse dse = new RootDse(new Entry("dn: ",
        "objectClass: top",
        "supportedCapabilities: 1.2.840.113556.1.4.800",
        "supportedControl: 1.2.840.113556.1.4.528",
        "supportedControl: 1.2.840.113556.1.4.841",
        "supportedControl: 1.2.840.113556.1.4.319",
        "forestFunctionality: 7",
        "domainControllerFunctionality: 7",
        "isGlobalCatalogReady: TRUE",
        "namingContexts: DC=example,DC=com",
        "supportedLDAPVersion: 3",
        "supportedLDAPVersion: 2"));

    Set<ChangeDetectionStrategy> supported = ChangeDetectionStrategy.supportedBy(dse);
    assertTrue(dse.isActiveDirectory());
    assertEquals("Microsoft Active Directory", dse.vendor());
    assertTrue(dse.vendorVersion().startsWith("Windows Server 2016"), dse.vendorVersion());
    assertEquals(EnumSet.of(ChangeDetectionStrategy.AD_NOTIFICATION,
        ChangeDetectionStrategy.DIRSYNC, ChangeDetectionStrategy.POLL), supported);
    assertEquals(ChangeDetectionStrategy.AD_NOTIFICATION,
        ChangeDetectionStrategy.autoSelect(supported));
  }

  @Test
  void sambaIsReportedAsSambaActiveDirectory() throws Exception {
    RootDse dse = new RootDse(new Entry("dn: ",
        "vendorName: Samba Team (https://www.samba.org)",
        "vendorVersion: 4.17.12-Debian",
        "supportedCapabilities: 1.2.840.113556.1.4.800",
        "supportedControl: 1.2.840.113556.1.4.528"));

    assertEquals("Samba Active Directory", dse.vendor());
    assertEquals("4.17.12-Debian", dse.vendorVersion());
  }

  @Test
  void openLdapWithSyncprovPrefersContentSync() throws Exception {
    RootDse dse = new RootDse(new Entry("dn: ",
        "objectClass: top",
        "objectClass: OpenLDAProotDSE",
        "supportedControl: 1.3.6.1.4.1.4203.1.9.1.1",
        "supportedControl: 1.2.840.113556.1.4.319",
        "namingContexts: dc=example,dc=com"));

    Set<ChangeDetectionStrategy> supported = ChangeDetectionStrategy.supportedBy(dse);
    assertFalse(dse.isActiveDirectory());
    assertEquals("OpenLDAP", dse.vendor());
    assertEquals(EnumSet.of(ChangeDetectionStrategy.CONTENT_SYNC, ChangeDetectionStrategy.POLL),
        supported);
    assertEquals(ChangeDetectionStrategy.CONTENT_SYNC,
        ChangeDetectionStrategy.autoSelect(supported));
  }

  @Test
  void persistentSearchServerWithChangelogPrefersPersistentSearch() throws Exception {
    RootDse dse = new RootDse(new Entry("dn: ",
        "vendorName: 389 Project",
        "vendorVersion: 389-Directory/2.3.4",
        "supportedControl: 2.16.840.1.113730.3.4.3",
        "changelog: cn=changelog"));

    Set<ChangeDetectionStrategy> supported = ChangeDetectionStrategy.supportedBy(dse);
    assertEquals(EnumSet.of(ChangeDetectionStrategy.PERSISTENT_SEARCH,
        ChangeDetectionStrategy.CHANGELOG, ChangeDetectionStrategy.POLL), supported);
    assertEquals(ChangeDetectionStrategy.PERSISTENT_SEARCH,
        ChangeDetectionStrategy.autoSelect(supported));
  }

  @Test
  void serverOfferingNothingFallsBackToPolling() throws Exception {
    RootDse dse = new RootDse(new Entry("dn: ", "supportedLDAPVersion: 3"));

    assertEquals("unknown (the server publishes no vendorName)", dse.vendor());
    assertEquals(ChangeDetectionStrategy.POLL,
        ChangeDetectionStrategy.autoSelect(ChangeDetectionStrategy.supportedBy(dse)));
  }
}
