package io.slxconnect.cognito;

import static io.slxconnect.testkit.TestConnectorContext.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.slxconnect.api.ExternalGroup;
import io.slxconnect.api.ExternalUser;
import io.slxconnect.api.Page;
import io.slxconnect.api.Password;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/** Every write of the connector, against cognito-local, checked with a plain SDK client. */
class CognitoWritesTest {

  @RegisterExtension
  static final CognitoLocalPerClass LOCAL = new CognitoLocalPerClass();
  private String pool;
  private CognitoConnectorInstance connector;

  @AfterEach
  void stopConnector() throws Exception {
    if (connector != null) {
      await(connector.stop());
    }
  }

  private CognitoConnectorInstance connector(JsonObject extra) throws Exception {
    pool = LOCAL.cognito().createPool("writes-" + UUID.randomUUID());
    connector = new CognitoConnectorInstance(
        CognitoContexts.of(LOCAL.vertx(), LOCAL.cognito().settings(pool).mergeIn(extra)));
    await(connector.start());
    return connector;
  }

  private static ExternalUser alice(boolean active) {
    return new ExternalUser(null, "alice", "Alice Liddell", "Alice", "Liddell",
        List.of("alice@example.com"), active, null, null, null, List.of(),
        Map.of("phone_number", List.of("+15550100")));
  }

  private AdminGetUserResponse get(String username) {
    return LOCAL.cognito().admin().adminGetUser(r -> r.userPoolId(pool).username(username)).join();
  }

  private static Map<String, String> attributes(AdminGetUserResponse user) {
    return user.userAttributes().stream()
        .collect(Collectors.toMap(AttributeType::name, AttributeType::value));
  }

  @Test
  void createdUserHasItsAttributesASubAndNoInvitation() throws Exception {
    ExternalUser created = await(connector(new JsonObject()).createUser(alice(true), null));

    AdminGetUserResponse stored = get("alice");
    Map<String, String> attributes = attributes(stored);
    assertEquals(attributes.get("sub"), created.externalId());
    assertEquals("alice", created.userName());
    assertEquals("Alice Liddell", attributes.get("name"));
    assertEquals("Alice", attributes.get("given_name"));
    assertEquals("Liddell", attributes.get("family_name"));
    assertEquals("alice@example.com", attributes.get("email"));
    assertEquals("true", attributes.get("email_verified"));
    assertEquals("+15550100", attributes.get("phone_number"));
    assertTrue(stored.enabled());
    assertEquals("FORCE_CHANGE_PASSWORD", stored.userStatusAsString());
  }

  @Test
  void customAttributesFollowTheMapping() throws Exception {
    connector(new JsonObject().put("attributeMapping", new JsonObject()
        .put("department", "custom:department").put("employeeNumber", "custom:employeeId")));
    LOCAL.cognito().admin().addCustomAttributes(r -> r.userPoolId(pool).customAttributes(
        List.of(custom("department"), custom("employeeId")))).join();
    ExternalUser bob = new ExternalUser(null, "bob", "Bob", null, null, List.of(), true, "E-42",
        "Research", null, List.of(), Map.of());

    ExternalUser created = await(connector.createUser(bob, null));

    Map<String, String> attributes = attributes(get("bob"));
    assertEquals("Research", attributes.get("custom:department"));
    assertEquals("E-42", attributes.get("custom:employeeId"));
    assertEquals("Research", created.department());
    assertEquals("E-42", created.employeeNumber());
  }

  @Test
  void creatingAnExistingUserFailsWithAlreadyExists() throws Exception {
    await(connector(new JsonObject()).createUser(alice(true), null));

    ConnectorException e = assertThrows(ConnectorException.class,
        () -> await(connector.createUser(alice(true), null)));
    assertEquals(Reason.ALREADY_EXISTS, e.reason());
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
  }

  @Test
  void userCreatedInactiveIsDisabled() throws Exception {
    ExternalUser created = await(connector(new JsonObject()).createUser(alice(false), null));

    assertFalse(created.active());
    assertFalse(get("alice").enabled());
  }

  @Test
  void updateWritesTheChangedAttributes() throws Exception {
    ExternalUser created = await(connector(new JsonObject()).createUser(alice(true), null));
    ExternalUser renamed = new ExternalUser(created.externalId(), "alice", "Alice Smith",
        "Alice", "Smith", List.of("alice.smith@example.com"), true, null, null, null, List.of(),
        Map.of("phone_number", List.of("+15550100")));

    ExternalUser updated = await(connector.updateUser(renamed));

    Map<String, String> attributes = attributes(get("alice"));
    assertEquals("Alice Smith", attributes.get("name"));
    assertEquals("Smith", attributes.get("family_name"));
    assertEquals("alice.smith@example.com", attributes.get("email"));
    assertEquals("Smith", updated.familyName());
    assertEquals(List.of("alice.smith@example.com"), updated.emails());
    // Writing the same state again changes nothing and succeeds.
    assertEquals(updated, await(connector.updateUser(renamed)));
  }

  @Test
  void disableAndEnableAreIdempotent() throws Exception {
    String sub = await(connector(new JsonObject()).createUser(alice(true), null)).externalId();

    await(connector.setEnabled(sub, false));
    await(connector.setEnabled(sub, false));
    assertFalse(get("alice").enabled());
    await(connector.setEnabled(sub, true));
    assertTrue(get("alice").enabled());
  }

  @Test
  void deleteRemovesTheUserAndDeletingAgainSucceeds() throws Exception {
    String sub = await(connector(new JsonObject()).createUser(alice(true), null)).externalId();

    await(connector.deleteUser(sub));
    await(connector.deleteUser(sub));

    CompletionException e = assertThrows(CompletionException.class, () -> get("alice"));
    assertTrue(e.getCause() instanceof UserNotFoundException, e.toString());
  }

  @Test
  void passwordIsPermanentOrTemporaryAsConfigured() throws Exception {
    String sub = await(connector(new JsonObject()).createUser(alice(true), null)).externalId();
    Password password = new Password("Correct-Horse-9".toCharArray());

    await(connector.setPassword(sub, password));

    assertEquals("CONFIRMED", get("alice").userStatusAsString());
    assertEquals("Password[********]", password.toString());
    await(connector.stop());
    String temporaryPool = pool;
    connector = new CognitoConnectorInstance(CognitoContexts.of(LOCAL.vertx(),
        LOCAL.cognito().settings(temporaryPool).put("passwordMode", "temporary")));
    await(connector.start());
    await(connector.setPassword(sub, new Password("Other-Horse-9".toCharArray())));
    assertEquals("FORCE_CHANGE_PASSWORD", get("alice").userStatusAsString());
  }

  /**
   * With an existing group: cognito-local answers a missing group with an empty HTTP 500 instead
   * of Cognito's ResourceNotFoundException, so groups created when missing are tested against
   * the stand-in ({@code CognitoPagingAndThrottlingTest}).
   */
  @Test
  void membershipWritesAreIdempotent() throws Exception {
    String sub = await(connector(new JsonObject()).createUser(alice(true), null)).externalId();
    LOCAL.cognito().admin().createGroup(r -> r.userPoolId(pool).groupName("engineering")).join();

    await(connector.addMember("engineering", sub));
    await(connector.addMember("engineering", sub));
    assertEquals(List.of("alice"), members("engineering"));

    await(connector.removeMember("engineering", sub));
    await(connector.removeMember("engineering", sub));
    assertEquals(List.of(), members("engineering"));
  }

  @Test
  void writesToAnUnknownSubFailWithNotFound() throws Exception {
    connector(new JsonObject());
    String unknown = UUID.randomUUID().toString();

    ConnectorException e = assertThrows(ConnectorException.class,
        () -> await(connector.setEnabled(unknown, false)));
    assertEquals(Reason.NOT_FOUND, e.reason());
    assertTrue(e.getMessage().contains(unknown), e.getMessage());
    e = assertThrows(ConnectorException.class,
        () -> await(connector.updateUser(new ExternalUser(unknown, "x", null, null, null,
            List.of(), true, null, null, null, List.of(), Map.of()))));
    assertEquals(Reason.NOT_FOUND, e.reason());
  }

  @Test
  void importReadsUsersAndGroupsWithMembersBySub() throws Exception {
    String alice = await(connector(new JsonObject()).createUser(alice(true), null)).externalId();
    String bob = LOCAL.cognito().createUser(pool, "bob", "bob@example.com").attributes().stream()
        .filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
    LOCAL.cognito().admin().createGroup(r -> r.userPoolId(pool).groupName("staff")).join();
    await(connector.addMember("staff", alice));
    await(connector.addMember("staff", bob));

    Page<ExternalUser> users = await(connector.readUsers(null));
    Page<ExternalGroup> groups = await(connector.readGroups(null));

    assertEquals(Map.of("alice", alice, "bob", bob), users.items().stream()
        .collect(Collectors.toMap(ExternalUser::userName, ExternalUser::externalId)));
    ExternalUser bobRead = users.items().stream().filter(u -> u.userName().equals("bob"))
        .findFirst().orElseThrow();
    assertEquals(List.of("bob@example.com"), bobRead.emails());
    assertEquals(List.of("FORCE_CHANGE_PASSWORD"),
        bobRead.attributes().get(UserMapper.STATUS_ATTRIBUTE));
    assertEquals(1, groups.items().size());
    ExternalGroup staff = groups.items().get(0);
    assertEquals("staff", staff.externalId());
    assertEquals(List.of(alice, bob).stream().sorted().toList(),
        staff.memberUserExternalIds().stream().sorted().toList());
  }

  private static SchemaAttributeType custom(String name) {
    return SchemaAttributeType.builder().name(name).attributeDataType("String").build();
  }

  private List<String> members(String group) {
    return LOCAL.cognito().admin().listUsersInGroup(r -> r.userPoolId(pool).groupName(group)).join()
        .users().stream().map(u -> u.username()).toList();
  }
}
