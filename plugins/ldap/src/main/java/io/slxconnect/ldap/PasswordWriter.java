package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedRequest;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Sets passwords the way each directory expects: Active Directory takes {@code unicodePwd}, the
 * password in double quotes encoded as UTF-16LE, only over TLS; servers with the password
 * modify extended operation (RFC 3062) hash the password themselves; others get
 * {@code userPassword}. Password bytes are wiped after use and never logged.
 */
final class PasswordWriter {

  /** RFC 3062 password modify extended operation. */
  static final String PASSWORD_MODIFY_OID = "1.3.6.1.4.1.4203.1.11.1";

  /** How the password is written. */
  enum Method {
    /** Active Directory's unicodePwd. */
    UNICODE_PWD,
    /** The password modify extended operation. */
    PASSWORD_MODIFY,
    /** A replace of userPassword. */
    USER_PASSWORD
  }

  private final LDAPConnectionPool pool;
  private final Method method;

  PasswordWriter(LDAPConnectionPool pool, Method method) {
    this.pool = pool;
    this.method = method;
  }

  /**
   * Picks the method for a server.
   *
   * @param settings the settings
   * @param dse the server's root DSE
   * @return the method
   */
  static Method methodFor(LdapSettings settings, RootDse dse) {
    if (settings.type().isActiveDirectory() || dse.isActiveDirectory()) {
      return Method.UNICODE_PWD;
    }
    return dse.supportsExtension(PASSWORD_MODIFY_OID) ? Method.PASSWORD_MODIFY
        : Method.USER_PASSWORD;
  }

  /**
   * Sets an entry's password, as an administrator's reset.
   *
   * @param dn the entry
   * @param password the password; not kept
   * @throws LDAPException when the server refuses; a weak password is CONSTRAINT_VIOLATION
   */
  void set(String dn, char[] password) throws LDAPException {
    byte[] bytes = method == Method.UNICODE_PWD ? unicodePwd(password) : utf8(password);
    try {
      switch (method) {
        case UNICODE_PWD -> pool.modify(dn, new Modification(ModificationType.REPLACE,
            "unicodePwd", bytes));
        case USER_PASSWORD -> pool.modify(dn, new Modification(ModificationType.REPLACE,
            "userPassword", bytes));
        case PASSWORD_MODIFY -> {
          ExtendedResult result =
              pool.processExtendedOperation(new PasswordModifyExtendedRequest(dn, null, bytes));
          if (result.getResultCode() != ResultCode.SUCCESS) {
            throw new LDAPException(result);
          }
        }
        default -> throw new IllegalStateException(method.name());
      }
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Refuses a password over an unencrypted connection before the server is asked.
   *
   * @param settings the settings
   */
  static void requireTls(LdapSettings settings) {
    if (!settings.security().usesTls()) {
      throw new ConnectorException(Reason.MISCONFIGURED, "Passwords are only sent over an "
          + "encrypted connection (security 'ldaps' or 'starttls'); this connector uses 'none'");
    }
  }

  private static byte[] unicodePwd(char[] password) {
    char[] quoted = new char[password.length + 2];
    quoted[0] = '"';
    System.arraycopy(password, 0, quoted, 1, password.length);
    quoted[quoted.length - 1] = '"';
    try {
      return encode(quoted, StandardCharsets.UTF_16LE);
    } finally {
      Arrays.fill(quoted, '\0');
    }
  }

  private static byte[] utf8(char[] password) {
    return encode(password, StandardCharsets.UTF_8);
  }

  private static byte[] encode(char[] chars, java.nio.charset.Charset charset) {
    ByteBuffer buffer = charset.encode(CharBuffer.wrap(chars));
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    if (buffer.hasArray()) {
      Arrays.fill(buffer.array(), (byte) 0);
    }
    return bytes;
  }
}
