package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Reads every value of a multi-valued attribute, with Active Directory's range retrieval: AD
 * returns at most 1500 members of a large group, as {@code member;range=0-1499}, and the next
 * ones only when asked for {@code member;range=1500-*}. Other servers return all values at once,
 * which ends the loop at the first step.
 */
final class RangedValues {

  private static final String RANGE = "range=";

  private RangedValues() {
  }

  /**
   * All values of an attribute of an entry.
   *
   * @param connection the connection to read more ranges on
   * @param entry the entry as first read, with the attribute requested
   * @param attribute the attribute, without options
   * @return the values, in server order
   * @throws LDAPException when reading a further range fails
   */
  static List<String> read(LDAPConnection connection, SearchResultEntry entry, String attribute)
      throws LDAPException {
    List<String> values = new ArrayList<>();
    SearchResultEntry current = entry;
    while (true) {
      Attribute plain = current.getAttribute(attribute);
      if (plain != null) {
        Collections.addAll(values, plain.getValues());
        return values;
      }
      Attribute ranged = rangedAttribute(current, attribute);
      if (ranged == null) {
        return values;
      }
      Collections.addAll(values, ranged.getValues());
      String range = rangeOption(ranged);
      String end = range.substring(range.indexOf('-') + 1);
      if (end.equals("*")) {
        return values;
      }
      String next = attribute + ";" + RANGE + (Long.parseLong(end) + 1) + "-*";
      current = connection.getEntry(entry.getDN(), next);
      if (current == null) {
        return values;
      }
    }
  }

  private static Attribute rangedAttribute(SearchResultEntry entry, String attribute) {
    for (Attribute a : entry.getAttributes()) {
      if (a.getBaseName().equalsIgnoreCase(attribute) && rangeOption(a) != null) {
        return a;
      }
    }
    return null;
  }

  private static String rangeOption(Attribute attribute) {
    for (String option : attribute.getOptions()) {
      if (option.toLowerCase(Locale.ROOT).startsWith(RANGE)) {
        return option.substring(RANGE.length());
      }
    }
    return null;
  }
}
