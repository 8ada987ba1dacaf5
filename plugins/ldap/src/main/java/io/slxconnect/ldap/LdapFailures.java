package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns LDAP and network errors into words an admin can act on, and into
 * {@link ConnectorException}s whose reason tells the hub whether to retry. Messages never
 * contain the bind password: the SDK does not put it into its messages, and neither do we.
 */
final class LdapFailures {

  /** The "data 52e" part of Active Directory's diagnostic message for a failed bind. */
  private static final Pattern AD_DATA_CODE = Pattern.compile("data ([0-9a-fA-F]{3,8})");

  private static final Map<String, String> AD_BIND_CODES = Map.of(
      "525", "user not found",
      "52e", "bad password",
      "530", "logon not permitted at this time",
      "531", "logon not permitted from this workstation",
      "532", "password expired",
      "533", "account disabled",
      "701", "account expired",
      "773", "password must be changed before the first logon",
      "775", "account locked out");

  /** Results that refuse what was asked, for a reason retrying will not change. */
  private static final Set<ResultCode> REJECTED = Set.of(ResultCode.CONSTRAINT_VIOLATION,
      ResultCode.OBJECT_CLASS_VIOLATION, ResultCode.NAMING_VIOLATION,
      ResultCode.INVALID_ATTRIBUTE_SYNTAX, ResultCode.NOT_ALLOWED_ON_RDN,
      ResultCode.ATTRIBUTE_OR_VALUE_EXISTS, ResultCode.UNWILLING_TO_PERFORM,
      ResultCode.INVALID_DN_SYNTAX, ResultCode.NOT_ALLOWED_ON_NONLEAF);

  /** What the results a write meets most often mean for an admin. */
  private static final Map<ResultCode, String> WORDS = Map.of(
      ResultCode.CONSTRAINT_VIOLATION, "the directory refused a value (for a password: too "
          + "short, too simple, or used before, by the password policy)",
      ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "the service account has no right to do this",
      ResultCode.NO_SUCH_OBJECT, "no such entry (deleted, or outside the base DN)",
      ResultCode.ENTRY_ALREADY_EXISTS, "an entry with that name already exists",
      ResultCode.OBJECT_CLASS_VIOLATION, "the entry lacks an attribute its object classes "
          + "require, or has one they do not allow",
      ResultCode.UNDEFINED_ATTRIBUTE_TYPE, "the directory's schema has no such attribute "
          + "(check the attribute mapping)",
      ResultCode.UNWILLING_TO_PERFORM, "the directory will not do this (Active Directory: "
          + "a password over an unencrypted connection, or an account without a password)");

  private LdapFailures() {
  }

  /**
   * Describes an LDAP result: its name, number and the server's or SDK's message.
   *
   * @param e the failure
   * @return for example {@code noSuchObject (32): ...}
   */
  static String describe(LDAPException e) {
    ResultCode code = e.getResultCode();
    String message = e.getDiagnosticMessage() != null && !e.getDiagnosticMessage().isBlank()
        ? e.getDiagnosticMessage() : e.getExceptionMessage();
    return code.getName() + " (" + code.intValue() + "): " + message;
  }

  /**
   * Explains a failed bind; result 49 becomes "Invalid credentials for ...", with the Active
   * Directory data code in words when the server sent one.
   *
   * @param identity the bind DN or name
   * @param e the failure
   * @return the explanation
   */
  static String bindFailure(String identity, LDAPException e) {
    ResultCode code = e.getResultCode();
    if (code == ResultCode.INVALID_CREDENTIALS) {
      String reason = adBindReason(e.getDiagnosticMessage());
      return "Invalid credentials for " + identity + ": " + (reason != null
          ? "Active Directory says " + reason
          : "the bind DN or the password is wrong")
          + serverSays(e) + ".";
    }
    if (code == ResultCode.CONFIDENTIALITY_REQUIRED || code == ResultCode.STRONG_AUTH_REQUIRED) {
      return "The server refuses to bind as " + identity + " over this connection ("
          + describe(e) + "): use security 'ldaps' or 'starttls'.";
    }
    return "Bind as " + identity + " failed: " + describe(e);
  }

  /**
   * Maps an LDAP failure to the connector error the hub acts on.
   *
   * @param action what was being done, for example "Opening the connection pool"
   * @param e the failure
   * @param identity the bind DN or "anonymous"
   * @return the exception
   */
  static ConnectorException toConnectorException(String action, LDAPException e,
      String identity) {
    ResultCode code = e.getResultCode();
    if (code == ResultCode.INVALID_CREDENTIALS || code == ResultCode.INAPPROPRIATE_AUTHENTICATION) {
      return new ConnectorException(Reason.AUTHENTICATION_FAILED,
          action + " failed. " + bindFailure(identity, e), e);
    }
    if (code == ResultCode.CONFIDENTIALITY_REQUIRED || code == ResultCode.STRONG_AUTH_REQUIRED) {
      return new ConnectorException(Reason.MISCONFIGURED,
          action + " failed. " + bindFailure(identity, e), e);
    }
    Reason reason;
    String words = WORDS.get(code);
    if (code == ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
      reason = Reason.INSUFFICIENT_ACCESS;
    } else if (code == ResultCode.NO_SUCH_OBJECT) {
      reason = Reason.NOT_FOUND;
    } else if (code == ResultCode.ENTRY_ALREADY_EXISTS) {
      reason = Reason.ALREADY_EXISTS;
    } else if (REJECTED.contains(code)) {
      reason = Reason.REJECTED;
    } else if (code == ResultCode.UNDEFINED_ATTRIBUTE_TYPE) {
      reason = Reason.MISCONFIGURED;
    } else if (code == ResultCode.BUSY || code == ResultCode.ADMIN_LIMIT_EXCEEDED) {
      reason = Reason.RATE_LIMITED;
    } else if (code.isConnectionUsable() && code != ResultCode.UNAVAILABLE
        && code != ResultCode.TIME_LIMIT_EXCEEDED) {
      reason = Reason.FAILED;
    } else {
      reason = Reason.UNAVAILABLE;
    }
    return new ConnectorException(reason, action + " failed: "
        + (words == null ? describe(e) : words + " [" + describe(e) + "]"), e);
  }

  /**
   * Explains why a TCP connection could not be opened.
   *
   * @param e the failure
   * @param timeoutSeconds the connect timeout used
   * @return for example "connection refused (nothing listens on that port ...)"
   */
  static String networkFailure(IOException e, int timeoutSeconds) {
    if (e instanceof UnknownHostException) {
      return "unknown host (the name does not resolve in DNS)";
    }
    if (e instanceof SocketTimeoutException) {
      return "no answer within " + timeoutSeconds + " s (a firewall drops the packets, or the "
          + "host is down)";
    }
    if (e instanceof NoRouteToHostException) {
      return "no route to host (the host is down or unreachable from the hub)";
    }
    if (e instanceof ConnectException) {
      return "connection refused (nothing listens on that port: wrong port, or the server is "
          + "stopped)";
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /**
   * The innermost cause of an error, as "Type: message".
   *
   * @param error the error
   * @return its root cause, described
   */
  static String rootCause(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root instanceof LDAPException ldap ? ldap.getExceptionMessage()
        : root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static String adBindReason(String diagnostic) {
    if (diagnostic == null) {
      return null;
    }
    Matcher m = AD_DATA_CODE.matcher(diagnostic);
    if (!m.find()) {
      return null;
    }
    String code = m.group(1).toLowerCase(java.util.Locale.ROOT);
    String words = AD_BIND_CODES.get(code);
    return (words == null ? "the logon was refused" : words) + " (data " + code + ")";
  }

  private static String serverSays(LDAPException e) {
    String diagnostic = e.getDiagnosticMessage();
    return diagnostic == null || diagnostic.isBlank() ? "" : " [server: " + diagnostic + "]";
  }
}
