package io.slxconnect.hub.auth;

import java.util.UUID;

/**
 * The admin behind an authenticated request.
 *
 * @param adminId the account id
 * @param username the account name
 * @param role the account's role now (read from the database, not trusted from the token)
 * @param sessionId the login session the access token belongs to
 */
public record Principal(UUID adminId, String username, Role role, UUID sessionId) {
}
