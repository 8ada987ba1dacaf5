/**
 * The canonical identity store through the API: users and groups after SCIM 2.0, their
 * memberships, and the accounts each user has in connected systems.
 */
package io.slxconnect.hub.identity;
