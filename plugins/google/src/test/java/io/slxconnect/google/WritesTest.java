package io.slxconnect.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.api.ExternalUser;
import io.slxconnect.api.Password;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.slxconnect.testkit.TestConnectorContext;

/** Provisioning into Google Workspace: every write, idempotent, failures in words. */
class WritesTest {

  @RegisterExtension
  final StandInFixture fixture = new StandInFixture();
  private ConnectorInstance google;

  @BeforeEach
  void setUp() throws Exception {
    google = fixture.started(fixture.settings());
  }

  private static ExternalUser account(String email, String given, String family) {
    return new ExternalUser(null, email, given + " " + family, given, family, List.of(email),
        true, "E-42", "Sales", null, List.of(), Map.of());
  }

  @Test
  void createdUserHasPasswordOrgUnitAndMustChangePasswordAtNextLogin() throws Exception {
    ExternalUser created = TestConnectorContext.await(google.createUser(
        account("carol@example.com", "Carol", "Clark"),
        new Password("Initial-Secret-1".toCharArray())));

    assertNotNull(created.externalId());
    assertEquals("carol@example.com", created.userName());
    assertEquals("E-42", created.employeeNumber());
    assertEquals("Sales", created.department());
    JsonObject stored = fixture.google.user(created.externalId());
    assertEquals("/Staff", stored.getString("orgUnitPath"));
    assertEquals(true, stored.getBoolean("changePasswordAtNextLogin"));
    assertEquals("Initial-Secret-1", fixture.google.password(created.externalId()));
    DirectoryStandIn.Recorded insert = fixture.google.requests.stream()
        .filter(r -> r.method() == HttpMethod.POST
            && r.path().equals("/admin/directory/v1/users")).findFirst().orElseThrow();
    assertEquals("gzip", insert.contentEncoding(), "the real client compresses bodies");
  }

  @Test
  void createWithoutPasswordSetsARandomOneNobodyKnows() throws Exception {
    ExternalUser created = TestConnectorContext.await(google.createUser(
        account("dan@example.com", "Dan", "Dale"), null));

    String password = fixture.google.password(created.externalId());
    assertTrue(password.length() >= 20, password.length() + " characters");
  }

  @Test
  void createOfAnExistingEmailFailsAsAlreadyExists() throws Exception {
    fixture.google.addUser("erin", "Erin", "Ede");

    ConnectorException e = assertThrows(ConnectorException.class, () -> TestConnectorContext.await(
        google.createUser(account("erin@example.com", "Erin", "Ede"), null)));

    assertEquals(Reason.ALREADY_EXISTS, e.reason());
    assertTrue(e.getMessage().contains("exists already"), e.getMessage());
  }

  @Test
  void updateChangesNamesAndKeepsWhatTheHubDoesNotKnow() throws Exception {
    String id = fixture.google.addUser("fay", "Fay", "Fox").getString("id");

    ExternalUser updated = TestConnectorContext.await(google.updateUser(new ExternalUser(id,
        "fay@example.com", null, null, "Fox-Smith", List.of(), true, null, "Legal", null,
        List.of(), Map.of())));

    assertEquals("Fay", updated.givenName());
    assertEquals("Fox-Smith", updated.familyName());
    assertEquals("Legal", updated.department());
    assertTrue(fixture.google.requests.stream().anyMatch(r -> "PATCH".equals(r.methodOverride())
        && r.path().equals("/admin/directory/v1/users/" + id)), "patched through the override");
  }

  @Test
  void suspendAndUnsuspendAreIdempotent() throws Exception {
    String id = fixture.google.addUser("gus", "Gus", "Gray").getString("id");

    TestConnectorContext.await(google.setEnabled(id, false));
    TestConnectorContext.await(google.setEnabled(id, false));
    assertEquals(true, fixture.google.user(id).getBoolean("suspended"));
    assertFalse(TestConnectorContext.await(google.readUsers(null)).items().get(0).active());

    TestConnectorContext.await(google.setEnabled(id, true));
    assertEquals(false, fixture.google.user(id).getBoolean("suspended"));
  }

  @Test
  void deleteTwiceSucceedsAndTheUserIsGone() throws Exception {
    String id = fixture.google.addUser("hal", "Hal", "Hart").getString("id");

    TestConnectorContext.await(google.deleteUser(id));
    TestConnectorContext.await(google.deleteUser(id));

    assertEquals(null, fixture.google.user(id));
  }

  @Test
  void setPasswordSetsItAndAWeakOneIsRejectedInWords() throws Exception {
    String id = fixture.google.addUser("ida", "Ida", "Ince").getString("id");

    TestConnectorContext.await(google.setPassword(id, new Password("Brand-New-Secret-2".toCharArray())));
    assertEquals("Brand-New-Secret-2", fixture.google.password(id));
    assertEquals(true, fixture.google.user(id).getBoolean("changePasswordAtNextLogin"));

    ConnectorException e = assertThrows(ConnectorException.class, () -> TestConnectorContext.await(
        google.setPassword(id, new Password("short".toCharArray()))));
    assertEquals(Reason.REJECTED, e.reason());
    assertTrue(e.getMessage().contains("Invalid Password"), e.getMessage());
  }

  @Test
  void membersAreAddedAndRemovedIdempotently() throws Exception {
    String id = fixture.google.addUser("jo", "Jo", "Jay").getString("id");
    String group = fixture.google.addGroup("team", "The team").getString("id");

    TestConnectorContext.await(google.addMember(group, id));
    TestConnectorContext.await(google.addMember(group, id));
    assertEquals(Set.of(id), fixture.google.memberIds(group));

    TestConnectorContext.await(google.removeMember(group, id));
    TestConnectorContext.await(google.removeMember(group, id));
    assertEquals(Set.of(), fixture.google.memberIds(group));
  }

  @Test
  void writesToAMissingUserFailAsNotFound() throws Exception {
    ConnectorException e = assertThrows(ConnectorException.class,
        () -> TestConnectorContext.await(google.setEnabled("999", false)));

    assertEquals(Reason.NOT_FOUND, e.reason());
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }
}
