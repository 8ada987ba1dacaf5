package io.slxconnect.ldap;

import static io.slxconnect.testkit.TestConnectorContext.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.api.ExternalGroup;
import io.slxconnect.api.ExternalUser;
import io.slxconnect.api.Password;
import io.slxconnect.testdirectories.TestCertificate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.slxconnect.testkit.TestConnectorContext;

/**
 * Writes against a real LDAP server over LDAPS (the SDK's in-memory directory, with the password
 * modify extended operation): create with a password the user can log in with, update and
 * rename, disable and enable through a configured attribute, delete, group memberships with
 * nested groups, errors in words, and hostile values that must stay values.
 */
class WritesTest {

  private static final String GROUPS = "ou=Groups," + TestDirectory.BASE;

  private static Vertx vertx;
  private static TestCertificate certificate;
  private static TestDirectory directory;
  private ConnectorInstance instance;

  @BeforeAll
  static void startServer() throws Exception {
    vertx = Vertx.vertx();
    certificate = TestCertificate.create("CN=localhost,O=SLX Connect Test",
        List.of("localhost"), List.of("127.0.0.1"));
    directory = TestDirectory.ldaps(certificate, 3);
    directory.server().add(new Entry("dn: " + GROUPS, "objectClass: organizationalUnit",
        "ou: Groups"));
  }

  @AfterAll
  static void stopServer() throws Exception {
    directory.close();
    await(vertx.close());
  }

  @BeforeEach
  void startInstance() throws Exception {
    instance = start(directory.settings("ldaps"));
  }

  @AfterEach
  void stopInstance() throws Exception {
    await(instance.stop());
  }

  @Test
  void aCreatedUserExistsWithItsAttributesAndLogsInWithTheGivenPassword() throws Exception {
    ExternalUser created = await(instance.createUser(user(null, "ada", "Engineering"),
        new Password("Str0ng-Passw0rd!".toCharArray())));

    String dn = "uid=ada," + TestDirectory.PEOPLE;
    Entry entry = directory.server().getEntry(dn, "*", "entryUUID");
    assertEquals(entry.getAttributeValue("entryUUID"), created.externalId());
    assertEquals("Ada Lovelace", entry.getAttributeValue("displayName"));
    assertEquals("Ada Lovelace", entry.getAttributeValue("cn"));
    assertEquals("Lovelace", entry.getAttributeValue("sn"));
    assertEquals("Engineering", entry.getAttributeValue("departmentNumber"));
    assertEquals(Set.of("ada@example.com"), Set.of(entry.getAttributeValues("mail")));
    assertTrue(created.active());
    assertEquals(ResultCode.SUCCESS, bindAs(dn, "Str0ng-Passw0rd!"));
    assertEquals(ResultCode.INVALID_CREDENTIALS, bindAs(dn, "wrong"));
  }

  @Test
  void anUpdateWritesOnlyWhatChangedAndARenameKeepsTheStableId() throws Exception {
    ExternalUser created = await(instance.createUser(user(null, "grace", "Sales"), null));
    long changesBefore = changeCount();

    await(instance.updateUser(user(created.externalId(), "grace", "Sales")));
    assertEquals(changesBefore, changeCount(), "an update that changes nothing writes nothing");

    ExternalUser renamed = await(instance.updateUser(user(created.externalId(), "ghopper",
        "Navy")));
    assertEquals(created.externalId(), renamed.externalId());
    assertEquals("ghopper", renamed.userName());
    assertNull(directory.server().getEntry("uid=grace," + TestDirectory.PEOPLE));
    Entry entry = directory.server().getEntry("uid=ghopper," + TestDirectory.PEOPLE);
    assertEquals("Navy", entry.getAttributeValue("departmentNumber"));
    assertFalse(entry.hasAttributeValue("uid", "grace"));
  }

  @Test
  void disablingSetsTheConfiguredAttributeAndEnablingRemovesIt() throws Exception {
    await(instance.stop());
    instance = start(directory.settings("ldaps").put("disabledAttribute", "employeeType")
        .put("disabledValue", "disabled"));
    ExternalUser created = await(instance.createUser(user(null, "linus", "Ops"), null));
    String dn = "uid=linus," + TestDirectory.PEOPLE;

    await(instance.setEnabled(created.externalId(), false));
    assertEquals("disabled", directory.server().getEntry(dn).getAttributeValue("employeeType"));
    await(instance.setEnabled(created.externalId(), false));
    await(instance.setEnabled(created.externalId(), true));
    assertFalse(directory.server().getEntry(dn).hasAttribute("employeeType"));
  }

  @Test
  void disablingWithoutAConfiguredWayIsUnsupportedInWords() throws Exception {
    ExternalUser created = await(instance.createUser(user(null, "ken", "Ops"), null));

    ConnectorException error = failure(instance.setEnabled(created.externalId(), false));
    assertEquals(Reason.UNSUPPORTED, error.reason());
    assertTrue(error.getMessage().contains("'disabledAttribute'"), error.getMessage());
  }

  @Test
  void aDeletedUserIsGoneAndDeletingAgainSucceeds() throws Exception {
    ExternalUser created = await(instance.createUser(user(null, "dennis", "Ops"), null));

    await(instance.deleteUser(created.externalId()));
    assertNull(directory.server().getEntry("uid=dennis," + TestDirectory.PEOPLE));
    await(instance.deleteUser(created.externalId()));
  }

  @Test
  void membershipsAreWrittenOnceAndNestedGroupsAreResolvedOnRead() throws Exception {
    await(instance.stop());
    instance = start(directory.settings("ldaps").put("groupBaseDn", GROUPS));
    ExternalUser barbara = await(instance.createUser(user(null, "barbara", "Research"), null));
    String barbaraDn = "uid=barbara," + TestDirectory.PEOPLE;
    directory.server().add(new Entry("dn: cn=inner," + GROUPS, "objectClass: groupOfNames",
        "cn: inner", "member: " + barbaraDn));
    directory.server().add(new Entry("dn: cn=outer," + GROUPS, "objectClass: groupOfNames",
        "cn: outer", "description: Everyone", "member: cn=inner," + GROUPS));
    directory.server().add(new Entry("dn: cn=team," + GROUPS, "objectClass: groupOfNames",
        "cn: team", "member: cn=nobody"));
    List<ExternalGroup> groups = await(instance.readGroups(null)).items();
    ExternalGroup outer = named(groups, "outer");
    ExternalGroup inner = named(groups, "inner");
    ExternalGroup team = named(groups, "team");
    assertEquals(List.of(barbara.externalId()), outer.memberUserExternalIds());
    assertEquals(List.of(inner.externalId()), outer.memberGroupExternalIds());
    assertEquals("Everyone", outer.description());
    assertEquals(List.of(), team.memberUserExternalIds());

    await(instance.addMember(team.externalId(), barbara.externalId()));
    await(instance.addMember(team.externalId(), barbara.externalId()));
    assertTrue(directory.server().getEntry("cn=team," + GROUPS)
        .hasAttributeValue("member", barbaraDn));
    await(instance.removeMember(team.externalId(), barbara.externalId()));
    await(instance.removeMember(team.externalId(), barbara.externalId()));
    assertFalse(directory.server().getEntry("cn=team," + GROUPS)
        .hasAttributeValue("member", barbaraDn));
  }

  @Test
  void hostileValuesStayValuesInDnsAndFilters() throws Exception {
    String hostile = "*)(uid=*\\,+\"<>;";
    ExternalUser created = await(instance.createUser(user(null, hostile, "Ops"), null));

    assertEquals(hostile, created.userName());
    List<? extends Entry> found = directory.server().search(TestDirectory.PEOPLE,
        SearchScope.ONE, "(entryUUID=" + created.externalId() + ")", "uid").getSearchEntries();
    assertEquals(1, found.size());
    assertEquals(hostile, found.get(0).getAttributeValue("uid"));

    int people = people();
    assertNull(failure(instance.deleteUser("*)(entryUUID=*")),
        "an id that matches nothing is already deleted");
    assertNull(failure(instance.deleteUser("x\u0000)(entryUUID=*")),
        "a NUL ends nothing: the id is one escaped value");
    assertEquals(people, people(), "no entry was deleted");
    ExternalUser nul = await(instance.createUser(user(null, "nul\u0000name", "Ops"), null));
    assertEquals("nul\u0000name", nul.userName(), "a NUL stays part of the value");
    ConnectorException notFound = failure(instance.updateUser(user("*", "x", "y")));
    assertEquals(Reason.NOT_FOUND, notFound.reason());
  }

  @Test
  void errorsSayWhatIsWrong() throws Exception {
    await(instance.createUser(user(null, "alan", "Math"), null));

    ConnectorException exists = failure(instance.createUser(user(null, "alan", "Math"), null));
    assertEquals(Reason.ALREADY_EXISTS, exists.reason());
    assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());

    ConnectorException missing = failure(instance.setPassword(UUID.randomUUID().toString(),
        new Password("Str0ng-Passw0rd!".toCharArray())));
    assertEquals(Reason.NOT_FOUND, missing.reason());
  }

  @Test
  void passwordsAreNeverSentUnencrypted() throws Exception {
    try (TestDirectory plain = TestDirectory.plain(1)) {
      ConnectorInstance plainInstance = start(plain.settings("none"));
      try {
        ExternalUser user = await(plainInstance.readUsers(null)).items().get(0);
        ConnectorException error = failure(plainInstance.setPassword(user.externalId(),
            new Password("Str0ng-Passw0rd!".toCharArray())));
        assertEquals(Reason.MISCONFIGURED, error.reason());
        assertTrue(error.getMessage().contains("encrypted connection"), error.getMessage());
      } finally {
        await(plainInstance.stop());
      }
    }
  }

  private ConnectorInstance start(JsonObject settings) throws Exception {
    ConnectorInstance started = new LdapConnectorType().create(new TestConnectorContext(vertx,
        settings.put("trustedCertificate", certificate.pem())));
    await(started.start());
    return started;
  }

  private static ExternalUser user(String id, String userName, String department) {
    String first = Character.toUpperCase(userName.charAt(0)) + userName.substring(1);
    String display = switch (userName) {
      case "ada" -> "Ada Lovelace";
      default -> first;
    };
    String last = userName.equals("ada") ? "Lovelace" : null;
    return new ExternalUser(id, userName, display, null, last,
        List.of(userName.replaceAll("[^a-z]", "") + "@example.com"), true, null, department,
        null, null, null);
  }

  private static ExternalGroup named(List<ExternalGroup> groups, String name) {
    return groups.stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
  }

  private static ConnectorException failure(Future<?> future) throws Exception {
    try {
      await(future);
      return null;
    } catch (ConnectorException e) {
      return e;
    }
  }

  private static int people() throws LDAPException {
    return directory.server().search(TestDirectory.PEOPLE, SearchScope.ONE,
        "(objectClass=inetOrgPerson)").getEntryCount();
  }

  private static long changeCount() throws LDAPException {
    return directory.server().search("cn=changelog", SearchScope.ONE, "(objectClass=*)").getEntryCount();
  }

  private static int port() {
    return directory.server().getListenPort();
  }

  private static ResultCode bindAs(String dn, String password) throws Exception {
    try (LDAPConnection connection = new LDAPConnection(
        certificate.clientSsl().createSSLSocketFactory(), "127.0.0.1", port())) {
      return connection.bind(dn, password).getResultCode();
    } catch (LDAPException e) {
      return e.getResultCode();
    }
  }
}
