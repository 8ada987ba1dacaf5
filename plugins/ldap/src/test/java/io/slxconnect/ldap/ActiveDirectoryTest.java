package io.slxconnect.ldap;

import static io.slxconnect.testkit.TestConnectorContext.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import io.slxconnect.api.ConnectionReport;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.api.ExternalGroup;
import io.slxconnect.api.ExternalUser;
import io.slxconnect.api.Password;
import io.slxconnect.testdirectories.SambaDc;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.slxconnect.testkit.TestConnectorContext;

/**
 * Writes with Active Directory's rules against a real Samba AD DC over LDAPS: a created user
 * logs in with the given password, disabling stops the login, a weak password is refused in
 * words, renames keep the objectGUID, memberships fill memberOf and nested groups resolve, and
 * the connection test says when the account may not use DirSync.
 */
class ActiveDirectoryTest {

  private static final SambaDc DC = SambaDc.shared();
  private static final String PASSWORD = "Corr3ct-Horse-Battery!";
  private static Vertx vertx;
  private DN ou;
  private ConnectorInstance instance;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    await(vertx.close());
  }

  @BeforeEach
  void startInstance() throws Exception {
    ou = DC.newOu("ad");
    instance = start(Directories.settings(DC, ou).put("groupBaseDn", ou.toString()));
  }

  @AfterEach
  void stopInstance() throws Exception {
    await(instance.stop());
  }

  @Test
  void aCreatedUserLogsInWithTheGivenPasswordUntilDisabled() throws Exception {
    ExternalUser created = await(instance.createUser(user("ada", "Ada Lovelace"),
        new Password(PASSWORD.toCharArray())));

    Entry entry = adminRead("CN=Ada Lovelace," + ou, "userAccountControl", "userPrincipalName",
        "sAMAccountName");
    assertEquals("512", entry.getAttributeValue("userAccountControl"));
    assertEquals("ada@example.test", entry.getAttributeValue("userPrincipalName"));
    assertTrue(created.active());
    assertTrue(created.externalId().matches("[0-9a-f-]{36}"), created.externalId());
    assertEquals(ResultCode.SUCCESS, bind("ada@example.test", PASSWORD));

    await(instance.setEnabled(created.externalId(), false));
    assertEquals("514", adminRead("CN=Ada Lovelace," + ou, "userAccountControl")
        .getAttributeValue("userAccountControl"));
    assertEquals(ResultCode.INVALID_CREDENTIALS, bind("ada@example.test", PASSWORD));

    await(instance.setEnabled(created.externalId(), true));
    assertEquals(ResultCode.SUCCESS, bind("ada@example.test", PASSWORD));

    await(instance.setPassword(created.externalId(), new Password("An0ther-Long-Secret"
        .toCharArray())));
    assertEquals(ResultCode.SUCCESS, bind("ada@example.test", "An0ther-Long-Secret"));
  }

  @Test
  void aUserCreatedWithoutPasswordIsEnabledWithOneNobodyKnows() throws Exception {
    ExternalUser created = await(instance.createUser(user("bob", "Bob Smith"), null));

    assertTrue(created.active());
    assertEquals("512", adminRead("CN=Bob Smith," + ou, "userAccountControl")
        .getAttributeValue("userAccountControl"));
  }

  @Test
  void aWeakPasswordIsRefusedWithTheReasonAndLeavesNoHalfUser() throws Exception {
    try {
      await(instance.createUser(user("weak", "Weak Password"), new Password("abc".toCharArray())));
      fail("a weak password was accepted");
    } catch (ConnectorException e) {
      assertEquals(Reason.REJECTED, e.reason());
      assertTrue(e.getMessage().contains("password"), e.getMessage());
    }
    try (LDAPConnection admin = DC.connectAsAdmin()) {
      assertEquals(null, admin.getEntry("CN=Weak Password," + ou));
    }
  }

  @Test
  void aRenameKeepsTheObjectGuidAndMovesTheUserPrincipalName() throws Exception {
    ExternalUser created = await(instance.createUser(user("grace", "Grace Brewster"), null));

    ExternalUser renamed = await(instance.updateUser(new ExternalUser(created.externalId(),
        "ghopper", "Grace Hopper", null, "Hopper", List.of("grace@example.test"), true, null,
        "Navy", null, null, null)));

    assertEquals(created.externalId(), renamed.externalId());
    Entry entry = adminRead("CN=Grace Hopper," + ou, "sAMAccountName", "userPrincipalName",
        "department");
    assertEquals("ghopper", entry.getAttributeValue("sAMAccountName"));
    assertEquals("ghopper@example.test", entry.getAttributeValue("userPrincipalName"));
    assertEquals("Navy", entry.getAttributeValue("department"));
  }

  @Test
  void membershipsFillMemberOfAndNestedGroupsResolve() throws Exception {
    ExternalUser user = await(instance.createUser(user("linus", "Linus T"), null));
    String inner = "CN=kernel," + ou;
    String outer = "CN=engineering," + ou;
    try (LDAPConnection admin = DC.connectAsAdmin()) {
      admin.add(new Entry(inner, new com.unboundid.ldap.sdk.Attribute("objectClass", "group"),
          new com.unboundid.ldap.sdk.Attribute("sAMAccountName", "kernel-" + ou.getRDN()
              .getAttributeValues()[0].hashCode())));
      admin.add(new Entry(outer, new com.unboundid.ldap.sdk.Attribute("objectClass", "group"),
          new com.unboundid.ldap.sdk.Attribute("sAMAccountName", "eng-" + ou.getRDN()
              .getAttributeValues()[0].hashCode()),
          new com.unboundid.ldap.sdk.Attribute("member", inner)));
    }
    List<ExternalGroup> before = await(instance.readGroups(null)).items();
    ExternalGroup kernel = named(before, "kernel");

    await(instance.addMember(kernel.externalId(), user.externalId()));
    await(instance.addMember(kernel.externalId(), user.externalId()));
    assertTrue(adminRead("CN=Linus T," + ou, "memberOf").hasAttributeValue("memberOf", inner));

    List<ExternalGroup> after = await(instance.readGroups(null)).items();
    assertEquals(List.of(user.externalId()), named(after, "kernel").memberUserExternalIds());
    assertEquals(List.of(user.externalId()), named(after, "engineering")
        .memberUserExternalIds(), "nested members are resolved by the server");

    try {
      await(instance.removeMember(named(after, "engineering").externalId(),
          user.externalId()));
      fail("a membership through a nested group was reported removed");
    } catch (ConnectorException e) {
      assertEquals(Reason.REJECTED, e.reason());
      assertTrue(e.getMessage().contains("through a group nested in it"), e.getMessage());
    }

    await(instance.removeMember(kernel.externalId(), user.externalId()));
    await(instance.removeMember(kernel.externalId(), user.externalId()));
    assertFalse(adminRead("CN=Linus T," + ou, "memberOf").hasAttribute("memberOf"));
  }

  @Test
  void theConnectionTestSaysWhenTheAccountMayNotUseDirSync() throws Exception {
    await(instance.createUser(user("reader", "Plain Reader"), new Password(PASSWORD
        .toCharArray())));
    JsonObject settings = Directories.settings(DC, ou).put("bindDn", "reader@example.test")
        .put("bindPassword", PASSWORD);

    ConnectionReport report = await(new LdapConnectorType()
        .create(new TestConnectorContext(vertx, settings)).test());

    ConnectionReport.Step dirSync = report.steps().stream()
        .filter(s -> s.name().equals(ConnectionTester.DIRSYNC)).findFirst().orElseThrow();
    assertFalse(dirSync.success(), dirSync::detail);
    assertTrue(dirSync.detail().contains("Replicating Directory Changes"), dirSync.detail());
  }

  private ConnectorInstance start(JsonObject settings) throws Exception {
    ConnectorInstance started = new LdapConnectorType().create(new TestConnectorContext(vertx,
        settings));
    await(started.start());
    return started;
  }

  private static ExternalUser user(String userName, String displayName) {
    String[] names = displayName.split(" ");
    return new ExternalUser(null, userName, displayName, names[0], names[1],
        List.of(userName + "@example.test"), true, null, "Research", null, null, null);
  }

  private static ExternalGroup named(List<ExternalGroup> groups, String name) {
    return groups.stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
  }

  private static Entry adminRead(String dn, String... attributes) throws LDAPException {
    try (LDAPConnection admin = DC.connectAsAdmin()) {
      Entry entry = admin.getEntry(dn, attributes);
      if (entry == null) {
        throw new AssertionError(dn + " does not exist");
      }
      return entry;
    }
  }

  private static ResultCode bind(String user, String password) throws LDAPException {
    try (LDAPConnection connection = DC.connectAsAdmin()) {
      return connection.bind(user, password).getResultCode();
    } catch (LDAPException e) {
      return e.getResultCode();
    }
  }
}
