package io.slxconnect.hub.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The roles an admin account can have, and what each may do. */
public enum Role {
  /** Everything. */
  ADMIN(EnumSet.of(Permission.READ, Permission.OPERATE, Permission.CONFIGURE, Permission.AUDIT,
      Permission.ADMINS)),
  /** Day-to-day work: imports, users, groups, start and stop; no settings, no secrets. */
  OPERATOR(EnumSet.of(Permission.READ, Permission.OPERATE)),
  /** Read-only, including the audit log. */
  AUDITOR(EnumSet.of(Permission.READ, Permission.AUDIT));

  private final Set<Permission> permissions;

  Role(Set<Permission> permissions) {
    this.permissions = permissions;
  }

  /**
   * Whether this role may use operations that need the permission.
   *
   * @param permission the permission
   * @return {@code true} when granted
   */
  public boolean allows(Permission permission) {
    return permission == Permission.PUBLIC || permissions.contains(permission);
  }

  /** @return the name used in the API and the database */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The role of an API or database name.
   *
   * @param name {@code admin}, {@code operator} or {@code auditor}
   * @return the role
   */
  public static Role fromApiName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
