/**
 * The demo directory: an LDAP server the hub runs itself when {@code SLX_DEMO_DIRECTORY=true},
 * so that a newcomer without a directory sees imports and changes within minutes. It is
 * UnboundID's in-memory directory on loopback, over LDAPS with a certificate of its own, filled
 * once with a few hundred made-up people and their groups, kept across restarts as LDIF in the
 * data directory, and connected to the hub as the "Demo directory" connector through the same
 * store and sealing as a connector an admin creates.
 *
 * <p>Files, all in {@code <SLX_DATA_DIR>/demo-directory/}, made at first start: see
 * {@link io.slxconnect.hub.demo.DemoFiles}.
 */
package io.slxconnect.hub.demo;
