package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.slxconnect.api.ConnectorType;
import io.slxconnect.testdirectories.ExampleDirectory;
import io.slxconnect.testdirectories.SlapdServer;
import io.slxconnect.testdirectories.TestCertificate;
import io.slxconnect.testkit.BackingSystem;
import io.slxconnect.testkit.ConnectorContract;
import io.slxconnect.testkit.ConnectorFixture;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The test kit's connector contract against a real OpenLDAP slapd (RFC 4533 content sync for
 * the watch). Each contract test gets organisational units of its own for users and groups.
 */
class LdapContractTest extends ConnectorContract {

  private static final AtomicInteger SYSTEMS = new AtomicInteger();
  private static String certificatePem;
  private static SlapdServer server;

  @BeforeAll
  static void startSlapd() throws Exception {
    TestCertificate certificate = TestCertificate.create("CN=localhost,O=SLX Connect Test", List.of("localhost"),
        List.of("127.0.0.1"), 2, TestCertificate.KeyAlgorithm.RSA);
    certificatePem = certificate.pem();
    server = SlapdServer.start(ExampleDirectory.BASE_LDIF, certificate);
  }

  /** StartTLS with the server's certificate trusted: passwords are only sent encrypted. */
  private static JsonObject startTls() {
    return Directories.settings(server).put("security", "starttls")
        .put("allowPlaintext", false).put("trustedCertificate", certificatePem);
  }

  @AfterAll
  static void stopSlapd() {
    server.close();
  }

  @Override
  protected ConnectorFixture fixture() {
    return new ConnectorFixture() {
      @Override
      public ConnectorType type() {
        return new LdapConnectorType();
      }

      @Override
      public BackingSystem newSystem() throws Exception {
        return new OrganisationalUnit(SYSTEMS.incrementAndGet());
      }

      @Override
      public JsonObject unreachableSettings() {
        // Port 1 on loopback: nobody listens, the connection is refused at once.
        return startTls().put("urls", new JsonArray().add("ldap://127.0.0.1:1"))
            .put("connectTimeoutSeconds", 2);
      }

      @Override
      public JsonObject badSettings() {
        return startTls().put("bindPassword", "not-the-password");
      }

      @Override
      public int pageSizeBound() {
        return 5;
      }
    };
  }

  /** Users and groups in units of their own below the suffix. */
  private static final class OrganisationalUnit implements BackingSystem {
    private final String users;
    private final String groups;

    OrganisationalUnit(int number) throws Exception {
      users = "ou=contract-" + number + "," + ExampleDirectory.PEOPLE;
      groups = "ou=contract-groups-" + number + "," + ExampleDirectory.SUFFIX;
      try (LDAPConnection ldap = server.connect()) {
        ldap.add(new Entry(users, new Attribute("objectClass", "organizationalUnit"),
            new Attribute("ou", "contract-" + number)));
        ldap.add(new Entry(groups, new Attribute("objectClass", "organizationalUnit"),
            new Attribute("ou", "contract-groups-" + number)));
      }
    }

    @Override
    public JsonObject settings() {
      return startTls().put("userBaseDn", users).put("groupBaseDn", groups)
          .put("newUserContainer", users).put("pageSize", 5)
          .put("disabledAttribute", "employeeType").put("disabledValue", "disabled");
    }

    @Override
    public List<String> seedUsers(List<String> userNames) throws Exception {
      return added(userNames.stream().map(uid -> new Entry("uid=" + uid + "," + users,
          new Attribute("objectClass", "inetOrgPerson"), new Attribute("uid", uid),
          new Attribute("cn", "Contract " + uid), new Attribute("givenName", "Contract"),
          new Attribute("sn", uid), new Attribute("mail", uid + "@example.com"))).toList());
    }

    @Override
    public List<String> seedGroups(List<String> names) throws Exception {
      // groupOfNames must have a member: the root DN, which is no user, holds the place.
      return added(names.stream().map(name -> new Entry("cn=" + name + "," + groups,
          new Attribute("objectClass", "groupOfNames"), new Attribute("cn", name),
          new Attribute("member", SlapdServer.ROOT_DN))).toList());
    }

    /** Adds the entries; returns their entryUUIDs, the stable ids the connector reports. */
    private static List<String> added(List<Entry> entries) throws Exception {
      List<String> ids = new ArrayList<>();
      try (LDAPConnection ldap = server.connect()) {
        for (Entry entry : entries) {
          ldap.add(entry);
          ids.add(ldap.getEntry(entry.getDN(), "entryUUID").getAttributeValue("entryUUID"));
        }
      }
      return ids;
    }

    @Override
    public void changeFamilyName(String userName, String familyName) throws Exception {
      try (LDAPConnection ldap = server.connect()) {
        ldap.modify("uid=" + userName + "," + users,
            new Modification(ModificationType.REPLACE, "sn", familyName));
      }
    }

    @Override
    public void removeUser(String userName) throws Exception {
      try (LDAPConnection ldap = server.connect()) {
        ldap.delete("uid=" + userName + "," + users);
      }
    }
  }}
