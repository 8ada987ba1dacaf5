package io.slxconnect.hub.store;

import java.util.UUID;

/**
 * What a users listing asks for; {@code null} means no filter.
 *
 * @param text part of a name or email, any case
 * @param active only enabled or only disabled users
 * @param connectorId only users linked to an account in this connector
 * @param groupId only direct members of this group
 * @param limit the page size
 * @param cursor the page to read, from the previous page
 */
public record UserQuery(String text, Boolean active, UUID connectorId, UUID groupId, int limit,
    String cursor) {
}
