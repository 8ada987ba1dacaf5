/**
 * The Google Workspace connector: users, groups and members through the Admin SDK Directory API,
 * with a service account acting for an admin (domain-wide delegation), and user changes pushed by
 * {@code users.watch} channels.
 */
package io.slxconnect.google;
