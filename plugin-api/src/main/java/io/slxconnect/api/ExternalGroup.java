package io.slxconnect.api;

import java.util.List;
import java.util.Objects;

/**
 * A group as a connected system sees it.
 *
 * @param externalId the group's stable id in that system
 * @param name the group's name, unique in that system
 * @param description a description, or {@code null}
 * @param memberUserExternalIds stable ids of the users that are members; a connector that
 *     resolves nested groups lists their users too, so that systems without nesting receive
 *     everyone who belongs to the group
 * @param memberGroupExternalIds stable ids of the groups nested directly in this one
 */
public record ExternalGroup(
    String externalId,
    String name,
    String description,
    List<String> memberUserExternalIds,
    List<String> memberGroupExternalIds) {

  /**
   * Creates a group value; copies the lists.
   *
   * @param externalId the stable id
   * @param name the name
   * @param description a description, or {@code null}
   * @param memberUserExternalIds user members (nested ones included when resolved)
   * @param memberGroupExternalIds directly nested groups
   */
  public ExternalGroup {
    Objects.requireNonNull(name, "name");
    memberUserExternalIds =
        memberUserExternalIds == null ? List.of() : List.copyOf(memberUserExternalIds);
    memberGroupExternalIds =
        memberGroupExternalIds == null ? List.of() : List.copyOf(memberGroupExternalIds);
  }
}
