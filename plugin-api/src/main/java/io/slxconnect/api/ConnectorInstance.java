package io.slxconnect.api;

import io.vertx.core.Future;

/**
 * One configured connection to one system. The hub calls {@link #start()}, then any of the
 * operations its type's {@link Capability capabilities} allow, then {@link #stop()}. It also
 * creates short-lived instances only to {@link #test()} settings, and calls {@link #stop()} on
 * them without a start; and it calls {@link #stop()} after a failed or timed-out start, possibly
 * while that start is still pending. A new instance is created for every restart.
 *
 * <p>Every method is called on a Vert.x event loop and must not block it: use asynchronous
 * clients, or {@link ConnectorContext#blockingExecutor()} for blocking SDKs. Failures are
 * reported as failed futures carrying a {@link ConnectorException}, whose
 * {@link ConnectorException#reason() reason} lets the hub decide whether to retry.
 *
 * <p>Accounts are always addressed by their <em>stable id</em> in the connected system
 * ({@link ExternalUser#externalId()}), never by a name that can change.
 *
 * <p>Operations a type does not support keep the default implementation, which fails with
 * {@link ConnectorException.Reason#UNSUPPORTED}.
 */
public interface ConnectorInstance {

  /**
   * Connects, or at least checks that the settings are usable. The hub reports a failed start
   * as the instance's last error and retries later.
   *
   * <p>When the system cannot be reached or the settings do not work, the returned future fails
   * with a {@link ConnectorException} (the method never throws, never returns {@code null}),
   * well within the hub's time limit for a call (30 seconds by default).
   *
   * @return completes when the instance is ready for operations
   */
  Future<Void> start();

  /**
   * Stops watches, closes connections and releases pools. Called before the hub shuts down,
   * the settings change, or the plugin is upgraded; must be safe to call more than once, and
   * on an instance that was never started (the hub stops test-only instances).
   *
   * @return completes when every resource is released
   */
  Future<Void> stop();

  /**
   * Tests the connection step by step and explains the outcome in words an admin can act on.
   * Works whether or not the instance was started. A problem found is a report with a failed
   * step, not a failed future; a failed future means the test itself could not run.
   *
   * @return the report
   */
  Future<ConnectionReport> test();

  /**
   * Reads one page of users. The hub asks for the next page only after it has taken the
   * previous one, so memory stays bounded however large the directory is.
   *
   * <p>Following {@link Page#next()} from {@code null} until it is {@code null} returns every
   * user exactly once, in pages of a bounded size (the connector's page size, whatever the
   * size of the system); the last page has {@code next == null}. A cursor is opaque to the hub.
   *
   * @param cursor {@code null} for the first page, else {@link Page#next()} of the previous
   * @return the page
   */
  default Future<Page<ExternalUser>> readUsers(String cursor) {
    return unsupported("readUsers");
  }

  /**
   * Reads one page of groups, with their members' stable ids. Paging works as for
   * {@link #readUsers(String)}: every group exactly once, bounded pages, {@code next == null}
   * on the last.
   *
   * @param cursor {@code null} for the first page, else {@link Page#next()} of the previous
   * @return the page
   */
  default Future<Page<ExternalGroup>> readGroups(String cursor) {
    return unsupported("readGroups");
  }

  /**
   * Creates an account.
   *
   * <p>An account that exists already fails with {@link ConnectorException.Reason#ALREADY_EXISTS}.
   *
   * @param user the account to create; its {@code externalId} is ignored
   * @param initialPassword the first password, or {@code null} when none is set
   * @return the account as created, with the stable id the system assigned
   */
  default Future<ExternalUser> createUser(ExternalUser user, Password initialPassword) {
    return unsupported("createUser");
  }

  /**
   * Changes an account's attributes to the given values, identified by {@code externalId}.
   * Must be idempotent: applying the same state twice changes nothing the second time. An
   * account that does not exist fails with {@link ConnectorException.Reason#NOT_FOUND}.
   *
   * @param user the desired state
   * @return the account as it now is
   */
  default Future<ExternalUser> updateUser(ExternalUser user) {
    return unsupported("updateUser");
  }

  /**
   * Disables or re-enables an account without deleting it. Setting the state the account has
   * already succeeds; an account that does not exist fails with
   * {@link ConnectorException.Reason#NOT_FOUND}.
   *
   * @param externalId the account's stable id
   * @param enabled the desired state
   * @return completes when the account is in that state
   */
  default Future<Void> setEnabled(String externalId, boolean enabled) {
    return unsupported("setEnabled");
  }

  /**
   * Deletes an account. Deleting an account that no longer exists succeeds.
   *
   * @param externalId the account's stable id
   * @return completes when the account is gone
   */
  default Future<Void> deleteUser(String externalId) {
    return unsupported("deleteUser");
  }

  /**
   * Sets an account's password as an administrator would (no old password). An account that
   * does not exist fails with {@link ConnectorException.Reason#NOT_FOUND}.
   *
   * @param externalId the account's stable id
   * @param password the new password; {@link Password#clear()} it when done
   * @return completes when the password is set
   */
  default Future<Void> setPassword(String externalId, Password password) {
    return unsupported("setPassword");
  }

  /**
   * Adds a member to a group. Adding an existing member succeeds.
   *
   * @param groupExternalId the group's stable id
   * @param userExternalId the member's stable id
   * @return completes when the user is a member
   */
  default Future<Void> addMember(String groupExternalId, String userExternalId) {
    return unsupported("addMember");
  }

  /**
   * Removes a member from a group. Removing a non-member succeeds.
   *
   * @param groupExternalId the group's stable id
   * @param userExternalId the member's stable id
   * @return completes when the user is no longer a member
   */
  default Future<Void> removeMember(String groupExternalId, String userExternalId) {
    return unsupported("removeMember");
  }

  /**
   * Starts reporting changes as they happen, until {@link #stop()}. The instance first catches
   * up from {@code resumeFrom} (changes made while the hub was away), then follows live.
   * Each batch goes to {@link ChangeSink#accept}; the instance must not treat a change as
   * delivered before the returned future succeeds.
   *
   * <p>Changes are delivered in the order they happened, each followed (in its batch or a later
   * one) by a checkpoint from which a new instance resumes without losing them. With
   * {@code resumeFrom == null} the watch starts from now (existing objects reach the hub through
   * an import) and delivers its starting position promptly, with
   * {@code sink.accept(List.of(), checkpoint)}, so that a restart before the first change
   * resumes from there rather than from "now" again. When {@code accept} fails, stop
   * delivering: the hub stops this instance and starts a new one from the last committed
   * checkpoint, and that watch delivers the refused changes again.
   *
   * @param resumeFrom the last committed checkpoint, or {@code null} to start from now
   * @param sink where changes and checkpoints go
   * @return completes once the watch is established
   */
  default Future<Void> watch(Checkpoint resumeFrom, ChangeSink sink) {
    return unsupported("watch");
  }

  private static <T> Future<T> unsupported(String operation) {
    return Future.failedFuture(new ConnectorException(ConnectorException.Reason.UNSUPPORTED,
        "This connector does not support " + operation));
  }
}
