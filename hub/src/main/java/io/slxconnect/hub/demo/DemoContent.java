package io.slxconnect.hub.demo;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The made-up company in the demo directory: 300 people across 8 departments, a group per
 * department, an "All Staff" group that nests the department groups, and a few disabled
 * accounts. The same every time (a fixed seed), so docs and screenshots can name people that
 * exist; generated once, at first start, after which the directory's own data is kept.
 */
final class DemoContent {

  /** The directory's suffix. */
  static final String SUFFIX = "dc=demo,dc=example";
  /** Where people are. */
  static final String PEOPLE = "ou=People," + SUFFIX;
  /** Where groups are. */
  static final String GROUPS = "ou=Groups," + SUFFIX;
  /** The group that nests every department group. */
  static final String ALL_STAFF = "All Staff";
  /** How many people there are. */
  static final int PEOPLE_COUNT = 300;
  /** Every so many people one account is disabled: 6 of 300. */
  private static final int DISABLED_EVERY = 43;
  private static final String MAIL_DOMAIN = "demo.example";

  /** A department: its name, its number, how many of 100 people work there, their titles. */
  private record Department(String name, String number, int weight, List<String> titles) {
  }

  private static final List<Department> DEPARTMENTS = List.of(
      new Department("Engineering", "100", 30, List.of("Software Engineer",
          "Senior Software Engineer", "Staff Engineer", "Engineering Manager", "QA Engineer",
          "Site Reliability Engineer")),
      new Department("Sales", "200", 16, List.of("Account Executive", "Sales Development "
          + "Representative", "Sales Engineer", "Regional Sales Manager")),
      new Department("Marketing", "300", 10, List.of("Marketing Specialist", "Content "
          + "Strategist", "Product Marketing Manager", "Marketing Director")),
      new Department("Customer Support", "400", 14, List.of("Support Specialist",
          "Senior Support Specialist", "Support Team Lead", "Customer Success Manager")),
      new Department("Finance", "500", 8, List.of("Accountant", "Financial Analyst",
          "Controller", "Payroll Specialist")),
      new Department("Human Resources", "600", 6, List.of("HR Generalist", "Recruiter",
          "People Partner", "HR Director")),
      new Department("Operations", "700", 10, List.of("Operations Analyst", "Office Manager",
          "Procurement Specialist", "Operations Manager")),
      new Department("IT", "800", 6, List.of("IT Support Technician", "Systems "
          + "Administrator", "Identity Engineer", "IT Manager")));

  private static final List<String> GIVEN_NAMES = List.of("Aaliyah", "Aarav", "Abigail",
      "Adrian", "Aisha", "Alejandro", "Alice", "Amara", "Amelia", "Ana", "Andrei", "Anika",
      "Arjun", "Astrid", "Beatriz", "Benjamin", "Bianca", "Camila", "Carlos", "Charlotte",
      "Chen", "Chloe", "Daniel", "David", "Diego", "Elena", "Elif", "Emma", "Ethan", "Fatima",
      "Felix", "Freya", "Gabriel", "Grace", "Hana", "Hannah", "Hugo", "Ines", "Isabella", "Ivan",
      "Jakob", "James", "Jana", "Javier", "Julia", "Kai", "Kenji", "Laila", "Lars", "Leila",
      "Leon", "Lucas", "Lucia", "Maya", "Mateo", "Mei", "Mia", "Mohammed", "Nadia", "Noah",
      "Nora", "Olivia", "Omar", "Oscar", "Priya", "Rafael", "Ravi", "Rosa", "Samuel", "Sara",
      "Sofia", "Sven", "Tariq", "Thomas", "Yara", "Yusuf", "Zoe");

  private static final List<String> FAMILY_NAMES = List.of("Abbott", "Adeyemi", "Alvarez",
      "Andersen", "Bakker", "Banerjee", "Becker", "Bianchi", "Brown", "Castro", "Chen", "Cohen",
      "Costa", "Dubois", "Eriksson", "Fernandes", "Fischer", "Garcia", "Gomez", "Haddad",
      "Hansen", "Hoffmann", "Ibrahim", "Ivanova", "Jansen", "Johansson", "Kaur", "Kim",
      "Kowalski", "Kumar", "Larsen", "Lefebvre", "Lopez", "Martin", "Meyer", "Moreau", "Nakamura",
      "Nguyen", "Novak", "Okafor", "Olsen", "Patel", "Pereira", "Petrov", "Rossi", "Sato",
      "Schmidt", "Silva", "Singh", "Smith", "Suzuki", "Tanaka", "Torres", "Van Dijk", "Wagner",
      "Walker", "Wang", "Weber", "Williams", "Yilmaz", "Zhang");

  private DemoContent() {
  }

  /**
   * Every entry, parents before children: the suffix, the two containers, the people, the
   * department groups and All Staff.
   *
   * @return the entries
   */
  static List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    entries.add(new Entry(SUFFIX, attrs("objectClass", "top", "domain"), attrs("dc", "demo"),
        attrs("description", "SLX Connect demo directory (made-up people)")));
    entries.add(container(PEOPLE, "People"));
    entries.add(container(GROUPS, "Groups"));

    Random random = new Random(20_240_501L);
    Set<String> uids = new HashSet<>();
    Map<Department, List<String>> members = new LinkedHashMap<>();
    DEPARTMENTS.forEach(d -> members.put(d, new ArrayList<>()));
    for (int i = 0; i < PEOPLE_COUNT; i++) {
      String given = GIVEN_NAMES.get(random.nextInt(GIVEN_NAMES.size()));
      String family = FAMILY_NAMES.get(random.nextInt(FAMILY_NAMES.size()));
      // Every department has people: the first eight go one to each, the rest by weight.
      Department department = i < DEPARTMENTS.size() ? DEPARTMENTS.get(i) : pick(random);
      String title = department.titles().get(random.nextInt(department.titles().size()));
      String uid = uniqueUid(given, family, uids);
      String dn = "uid=" + uid + "," + PEOPLE;
      Entry person = new Entry(dn,
          attrs("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
          attrs("uid", uid), attrs("cn", given + " " + family), attrs("givenName", given),
          attrs("sn", family), attrs("displayName", given + " " + family),
          attrs("mail", uid + "@" + MAIL_DOMAIN),
          attrs("employeeNumber", Integer.toString(10_001 + i)),
          attrs("departmentNumber", department.number()), attrs("ou", department.name()),
          attrs("title", title));
      if ((i + 1) % DISABLED_EVERY == 0) {
        // 389-ds's way of disabling an account, which the connector is set up to read.
        person.addAttribute("nsAccountLock", "TRUE");
      }
      entries.add(person);
      members.get(department).add(dn);
    }

    List<String> departmentGroups = new ArrayList<>();
    members.forEach((department, dns) -> {
      String dn = "cn=" + department.name() + "," + GROUPS;
      departmentGroups.add(dn);
      entries.add(group(dn, department.name(), "Everyone in " + department.name()
          + " (department " + department.number() + ")", dns));
    });
    entries.add(group("cn=" + ALL_STAFF + "," + GROUPS, ALL_STAFF,
        "Every department, as nested groups", departmentGroups));
    return entries;
  }

  /** {@return the number of department groups} */
  static int departmentCount() {
    return DEPARTMENTS.size();
  }

  /** {@return how many accounts are disabled at first start} */
  static int disabledCount() {
    return PEOPLE_COUNT / DISABLED_EVERY;
  }

  private static Department pick(Random random) {
    int roll = random.nextInt(DEPARTMENTS.stream().mapToInt(Department::weight).sum());
    for (Department d : DEPARTMENTS) {
      roll -= d.weight();
      if (roll < 0) {
        return d;
      }
    }
    throw new IllegalStateException("weights");
  }

  /** jsmith, then jsmith2, jsmith3 ...: what most companies do with a second J. Smith. */
  private static String uniqueUid(String given, String family, Set<String> taken) {
    String base = (given.charAt(0) + family).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    String uid = base;
    for (int n = 2; !taken.add(uid); n++) {
      uid = base + n;
    }
    return uid;
  }

  private static Entry container(String dn, String name) {
    return new Entry(dn, attrs("objectClass", "top", "organizationalUnit"), attrs("ou", name));
  }

  private static Entry group(String dn, String name, String description, List<String> members) {
    return new Entry(dn, attrs("objectClass", "top", "groupOfNames"), attrs("cn", name),
        attrs("description", description),
        new Attribute("member", members));
  }

  private static Attribute attrs(String name, String... values) {
    return new Attribute(name, values);
  }
}
