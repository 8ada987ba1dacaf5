package io.slxconnect.testdirectories;

/**
 * The tree {@link SlapdServer} and {@link ApacheDsServer} serve: {@value #SUFFIX} with people
 * below {@value #PEOPLE}. One definition, so that a test can switch servers without changing
 * its DNs.
 */
public final class ExampleDirectory {

  /** The naming context. */
  public static final String SUFFIX = "dc=example,dc=com";
  /** Where users live. */
  public static final String PEOPLE = "ou=People," + SUFFIX;

  /** The suffix entry and {@link #PEOPLE} as LDIF: the least a test directory needs. */
  public static final String BASE_LDIF = String.join("\n",
      "dn: " + SUFFIX, "objectClass: domain", "dc: example", "",
      "dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: People", "", "");

  private ExampleDirectory() {
  }
}
