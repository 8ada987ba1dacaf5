package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import java.util.Optional;

/**
 * How a directory marks an account disabled: Active Directory's {@code userAccountControl} flag
 * 0x2, or an attribute that holds a given value while the account is disabled (389-ds
 * {@code nsAccountLock: TRUE}, OpenLDAP ppolicy {@code pwdAccountLockedTime: 000001010000Z}), or
 * nothing at all.
 *
 * @param attribute the attribute read and written, or {@code null} when accounts cannot be
 *     disabled
 * @param disabledValue the value that disables; {@code null} for the AD flag
 */
record AccountStatus(String attribute, String disabledValue) {

  /** userAccountControl: ACCOUNTDISABLE. */
  static final int ACCOUNT_DISABLE = 0x2;
  /** userAccountControl: NORMAL_ACCOUNT. */
  static final int NORMAL_ACCOUNT = 0x200;
  private static final String USER_ACCOUNT_CONTROL = "userAccountControl";

  /** {@return Active Directory's flag} */
  static AccountStatus activeDirectory() {
    return new AccountStatus(USER_ACCOUNT_CONTROL, null);
  }

  /**
   * An attribute that holds a value while the account is disabled.
   *
   * @param attribute the attribute
   * @param disabledValue the value
   * @return the status
   */
  static AccountStatus attribute(String attribute, String disabledValue) {
    return new AccountStatus(attribute, disabledValue);
  }

  /** {@return no way to disable: accounts are always active} */
  static AccountStatus none() {
    return new AccountStatus(null, null);
  }

  /** {@return whether the flag is Active Directory's userAccountControl} */
  boolean isActiveDirectory() {
    return USER_ACCOUNT_CONTROL.equalsIgnoreCase(attribute) && disabledValue == null;
  }

  /**
   * Reads whether an account is active.
   *
   * @param entry the entry, read with {@link #attribute()}
   * @return {@code true} unless the entry is marked disabled
   */
  boolean isActive(Entry entry) {
    if (attribute == null) {
      return true;
    }
    if (isActiveDirectory()) {
      Integer control = entry.getAttributeValueAsInteger(attribute);
      return control == null || (control & ACCOUNT_DISABLE) == 0;
    }
    return !entry.hasAttributeValue(attribute, disabledValue);
  }

  /**
   * The change that enables or disables an account.
   *
   * @param current the entry, read with {@link #attribute()}
   * @param enabled the wanted state
   * @return the modification, or empty when the account is already in that state
   * @throws ConnectorException when this directory has no way to disable accounts
   */
  Optional<Modification> change(Entry current, boolean enabled) {
    if (attribute == null) {
      throw new ConnectorException(Reason.UNSUPPORTED, "This directory has no configured way "
          + "to disable accounts: set 'disabledAttribute' and 'disabledValue' (for example "
          + "nsAccountLock = TRUE)");
    }
    if (isActive(current) == enabled) {
      return Optional.empty();
    }
    if (isActiveDirectory()) {
      Integer control = current.getAttributeValueAsInteger(attribute);
      int flags = control == null ? NORMAL_ACCOUNT : control;
      int wanted = enabled ? flags & ~ACCOUNT_DISABLE : flags | ACCOUNT_DISABLE;
      return Optional.of(new Modification(ModificationType.REPLACE, attribute,
          Integer.toString(wanted)));
    }
    return Optional.of(enabled
        ? new Modification(ModificationType.DELETE, attribute)
        : new Modification(ModificationType.REPLACE, attribute, disabledValue));
  }
}
