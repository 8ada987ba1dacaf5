package io.slxconnect.ldap;

import static io.slxconnect.testkit.TestConnectorContext.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.api.ExternalUser;
import io.slxconnect.api.Page;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.slxconnect.testkit.TestConnectorContext;

/** Paged user reads against an in-memory directory with 25 people. */
class ReadUsersTest {

  private static Vertx vertx;
  private static TestDirectory directory;
  private ConnectorInstance instance;

  @BeforeAll
  static void startServer() throws Exception {
    vertx = Vertx.vertx();
    directory = TestDirectory.plain(25);
  }

  @AfterAll
  static void stopServer() throws Exception {
    directory.close();
    await(vertx.close());
  }

  @BeforeEach
  void startInstance() throws Exception {
    instance = new LdapConnectorType().create(new TestConnectorContext(vertx,
        directory.settings("none").put("pageSize", 10)));
    await(instance.start());
  }

  @AfterEach
  void stopInstance() throws Exception {
    await(instance.stop());
  }

  @Test
  void readUsersPagesThroughAllUsersWithStableIds() throws Exception {
    List<Page<ExternalUser>> pages = readAll();

    assertEquals(List.of(10, 10, 5), pages.stream().map(p -> p.items().size()).toList());
    assertNull(pages.get(2).next());
    List<ExternalUser> users = pages.stream().flatMap(p -> p.items().stream()).toList();
    Set<String> ids = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (ExternalUser user : users) {
      String dn = "uid=" + user.userName() + "," + TestDirectory.PEOPLE;
      String entryUuid = directory.server().getEntry(dn, "entryUUID").getAttributeValue("entryUUID");
      assertEquals(entryUuid, user.externalId(), "stable id of " + dn);
      assertEquals(List.of(dn), user.attributes().get("dn"));
      assertEquals(List.of(user.userName() + "@example.com"), user.emails());
      assertEquals("User", user.givenName());
      assertTrue(user.active());
      ids.add(user.externalId());
      names.add(user.userName());
    }
    assertEquals(25, ids.size());
    assertEquals(25, names.size());
    ExternalUser first = users.stream().filter(u -> u.userName().equals("user01")).findFirst()
        .orElseThrow();
    assertEquals("User 1", first.displayName());
    assertEquals("Number1", first.familyName());
  }

  @Test
  void idsStayTheSameOnTheNextImport() throws Exception {
    Set<String> first = ids(readAll());
    Set<String> second = ids(readAll());

    assertEquals(first, second);
  }

  @Test
  void interleavedReadsEachKeepTheirOwnPosition() throws Exception {
    Page<ExternalUser> a1 = await(instance.readUsers(null));
    Page<ExternalUser> b1 = await(instance.readUsers(null));
    Page<ExternalUser> a2 = await(instance.readUsers(a1.next()));
    Page<ExternalUser> b2 = await(instance.readUsers(b1.next()));
    Page<ExternalUser> a3 = await(instance.readUsers(a2.next()));
    Page<ExternalUser> b3 = await(instance.readUsers(b2.next()));

    assertEquals(ids(List.of(a1, a2, a3)), ids(List.of(b1, b2, b3)));
    assertEquals(25, ids(List.of(a1, a2, a3)).size());
  }

  @Test
  void aCursorCannotBeUsedTwice() throws Exception {
    Page<ExternalUser> first = await(instance.readUsers(null));
    await(instance.readUsers(first.next()));

    ConnectorException error = assertInstanceOf(ConnectorException.class,
        assertThrows(Exception.class, () -> await(instance.readUsers(first.next()))));
    assertEquals(Reason.FAILED, error.reason());
    assertTrue(error.getMessage().contains("no longer valid"), error.getMessage());
  }

  @Test
  void readUsersBeforeStartFailsAsUnavailable() throws Exception {
    ConnectorInstance notStarted = new LdapConnectorType().create(
        new TestConnectorContext(vertx, directory.settings("none")));

    ConnectorException error = assertInstanceOf(ConnectorException.class,
        assertThrows(Exception.class, () -> await(notStarted.readUsers(null))));
    assertEquals(Reason.UNAVAILABLE, error.reason());
  }

  @Test
  void aMissingBaseDnFailsAsNotFound() throws Exception {
    ConnectorInstance wrongBase = new LdapConnectorType().create(new TestConnectorContext(vertx,
        directory.settings("none").put("userBaseDn", "ou=Gone,dc=example,dc=com")));
    await(wrongBase.start());
    try {
      ConnectorException error = assertInstanceOf(ConnectorException.class,
          assertThrows(Exception.class, () -> await(wrongBase.readUsers(null))));
      assertEquals(Reason.NOT_FOUND, error.reason());
      assertFalse(error.getMessage().contains(TestDirectory.MANAGER_PASSWORD));
    } finally {
      await(wrongBase.stop());
    }
  }

  private List<Page<ExternalUser>> readAll() throws Exception {
    List<Page<ExternalUser>> pages = new ArrayList<>();
    String cursor = null;
    do {
      Page<ExternalUser> page = await(instance.readUsers(cursor));
      pages.add(page);
      cursor = page.next();
    } while (cursor != null && pages.size() < 10);
    return pages;
  }

  private static Set<String> ids(List<Page<ExternalUser>> pages) {
    Set<String> ids = new HashSet<>();
    pages.forEach(p -> p.items().forEach(u -> ids.add(u.externalId())));
    return ids;
  }
}
