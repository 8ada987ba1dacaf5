package io.slxconnect.hrfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The example's pom is standalone, as a partner's is, so it names the versions of what the hub
 * provides itself; they must be the ones this repository's hub is built with. (This
 * repository's test: when you copy the example, delete it.)
 */
class ReactorVersionsTest {

  @Test
  void theStandalonePomCompilesAgainstWhatTheHubShips() throws Exception {
    String example = Files.readString(Path.of("pom.xml"));
    String reactor = Files.readString(Path.of("../../pom.xml"));
    Map<String, String> same = Map.of(
        "vertx.version", "vertx.version",
        "pf4j.version", "pf4j.version",
        "junit.version", "junit.version",
        "slx.plugin-api.version", "slx.plugin-api.version");
    same.forEach((mine, theirs) -> assertEquals(property(reactor, theirs),
        property(example, mine), mine + " in plugins/hr-file/pom.xml"));
    assertEquals(project(reactor, "version"), property(example, "slx.version"),
        "slx.version in plugins/hr-file/pom.xml must be the reactor's version");
    assertEquals(project(reactor, "version"), project(example, "version"),
        "the example's own version follows the reactor's");
  }

  private static String property(String pom, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
    return m.find() ? m.group(1) : null;
  }

  /** The project's own element, after the parent (if any). */
  private static String project(String pom, String element) {
    String own = pom.replaceAll("(?s)<parent>.*?</parent>", "")
        .replaceAll("(?s)<dependencyManagement>.*", "");
    return property(own, element);
  }
}
