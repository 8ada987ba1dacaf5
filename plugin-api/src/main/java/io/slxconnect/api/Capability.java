package io.slxconnect.api;

/**
 * What a connector type can do. The hub only routes an operation to a connector whose type
 * declares the matching capability; the console shows the list to the admin.
 */
public enum Capability {
  /** {@link ConnectorInstance#readUsers(String)} returns the users of the connected system. */
  IMPORT_USERS,
  /** {@link ConnectorInstance#readGroups(String)} returns its groups and their members. */
  IMPORT_GROUPS,
  /** {@link ConnectorInstance#createUser(ExternalUser, Password)} creates accounts. */
  CREATE_USER,
  /** {@link ConnectorInstance#updateUser(ExternalUser)} changes account attributes. */
  UPDATE_USER,
  /** {@link ConnectorInstance#deleteUser(String)} removes accounts. */
  DELETE_USER,
  /** {@link ConnectorInstance#setEnabled(String, boolean)} disables and re-enables accounts. */
  DISABLE_USER,
  /** {@link ConnectorInstance#setPassword(String, Password)} sets account passwords. */
  SET_PASSWORD,
  /** {@link ConnectorInstance#addMember(String, String)} and its removal counterpart work. */
  GROUP_MEMBERSHIP,
  /** {@link ConnectorInstance#watch(Checkpoint, ChangeSink)} reports changes as they happen. */
  WATCH
}
