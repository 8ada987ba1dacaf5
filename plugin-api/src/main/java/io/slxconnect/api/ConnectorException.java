package io.slxconnect.api;

/**
 * A failure of a connector operation, with a reason the hub acts on and a message an admin can
 * read. Messages name what went wrong in the connected system's terms and never include secrets.
 */
public class ConnectorException extends RuntimeException {

  /** Serialization version of this exception class. */
  private static final long serialVersionUID = 1L;

  /** Why an operation failed; decides whether the hub retries. */
  public enum Reason {
    /** The system cannot be reached or timed out; retried with backoff. */
    UNAVAILABLE(true),
    /** The system is throttling requests; retried with backoff. */
    RATE_LIMITED(true),
    /** The configured credentials were refused. */
    AUTHENTICATION_FAILED(false),
    /** The credentials are valid but lack a right the operation needs. */
    INSUFFICIENT_ACCESS(false),
    /** The object addressed does not exist. */
    NOT_FOUND(false),
    /** The object already exists (for a create). */
    ALREADY_EXISTS(false),
    /** The system refused the values: a weak password, a schema or constraint violation. */
    REJECTED(false),
    /** The settings are wrong or incomplete. */
    MISCONFIGURED(false),
    /** The connector type does not offer the operation. */
    UNSUPPORTED(false),
    /** Anything else. */
    FAILED(false);

    private final boolean transientFailure;

    Reason(boolean transientFailure) {
      this.transientFailure = transientFailure;
    }

    /**
     * Whether trying again later may succeed.
     *
     * @return {@code true} for transient failures
     */
    public boolean isTransient() {
      return transientFailure;
    }
  }

  /** Why the operation failed. */
  private final Reason reason;

  /**
   * Creates an exception.
   *
   * @param reason why the operation failed
   * @param message what went wrong, in words, without secrets
   */
  public ConnectorException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /**
   * Creates an exception with its cause.
   *
   * @param reason why the operation failed
   * @param message what went wrong, in words, without secrets
   * @param cause the underlying error
   */
  public ConnectorException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /**
   * Why the operation failed.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
