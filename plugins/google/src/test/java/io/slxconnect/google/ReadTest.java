package io.slxconnect.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.api.ExternalGroup;
import io.slxconnect.api.ExternalUser;
import io.slxconnect.api.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.slxconnect.testkit.TestConnectorContext;

/** Imports: users and groups page by page, with the requests the real client sends. */
class ReadTest {

  @RegisterExtension
  final StandInFixture fixture = new StandInFixture();

  @Test
  void usersArePagedWithGooglesPageTokensAndMappedToAccounts() throws Exception {
    for (int i = 0; i < 7; i++) {
      fixture.google.addUser("user" + i, "Given" + i, "Family" + i);
    }
    ConnectorInstance google = fixture.started(fixture.settings().put("pageSize", 3));

    List<ExternalUser> all = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String cursor = null;
    do {
      Page<ExternalUser> page = TestConnectorContext.await(google.readUsers(cursor));
      sizes.add(page.items().size());
      all.addAll(page.items());
      cursor = page.next();
    } while (cursor != null);

    assertEquals(List.of(3, 3, 1), sizes);
    assertEquals(7, all.stream().map(ExternalUser::externalId).distinct().count());
    ExternalUser first = all.get(0);
    assertEquals("user0@example.com", first.userName());
    assertEquals("Given0", first.givenName());
    assertEquals("Family0", first.familyName());
    assertEquals("Given0 Family0", first.displayName());
    assertEquals(List.of("user0@example.com"), first.emails());
    assertTrue(first.active());
    List<DirectoryStandIn.Recorded> lists = fixture.google.requests.stream()
        .filter(r -> r.path().equals("/admin/directory/v1/users")).toList();
    assertEquals(3, lists.size());
    assertEquals("my_customer", lists.get(0).query().get("customer"));
    assertEquals("3", lists.get(0).query().get("maxResults"));
    assertEquals("email", lists.get(0).query().get("orderBy"));
    assertEquals("full", lists.get(0).query().get("projection"));
    assertNull(lists.get(0).query().get("pageToken"));
    assertFalse(lists.get(1).query().get("pageToken").isBlank());
  }

  @Test
  void groupsComeWithTheirMembersStableIds() throws Exception {
    String alice = fixture.google.addUser("alice", "Alice", "A").getString("id");
    String bob = fixture.google.addUser("bob", "Bob", "B").getString("id");
    String staff = fixture.google.addGroup("staff", "Everyone").getString("id");
    fixture.google.addGroup("empty", null);
    fixture.google.addMember(staff, alice);
    fixture.google.addMember(staff, bob);
    ConnectorInstance google = fixture.started(fixture.settings());

    Page<ExternalGroup> page = TestConnectorContext.await(google.readGroups(null));

    assertEquals(2, page.items().size());
    assertNull(page.next());
    ExternalGroup group = page.items().stream()
        .filter(g -> g.name().equals("staff@example.com")).findFirst().orElseThrow();
    assertEquals(staff, group.externalId());
    assertEquals("Everyone", group.description());
    assertEquals(Set.of(alice, bob), Set.copyOf(group.memberUserExternalIds()));
  }
}
