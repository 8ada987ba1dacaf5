package io.slxconnect.hub.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.Connectors;
import io.slxconnect.hub.support.TestHub;
import io.slxconnect.hub.support.TestPlugins;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example HR connector, uploaded into a running hub as a partner's plugin would be, fed by
 * the CSV file HR maintains: hires become users, a transfer updates one, a leaver is disabled.
 */
class HrFileEndToEndTest {

  private static final String HEADER =
      "employeeId,userName,givenName,familyName,email,department,status\n";

  @Test
  void hiresTransfersAndLeaversInTheHrFileReachTheHub(@TempDir Path plugins, @TempDir Path hr)
      throws IOException {
    Path file = hr.resolve("people.csv");
    write(file, HEADER
        + "E1,ada,Ada,Lovelace,ada@example.com,Engineering,active\n"
        + "E2,alan,Alan,Turing,alan@example.com,Research,active\n");
    try (TestHub hub = TestHub.start(plugins)) {
      ApiClient admin = hub.admin();
      var installed = admin.upload("/api/v1/plugins", "slx-plugin-hr-file.jar",
          Files.readAllBytes(TestPlugins.built("slx-plugin-hr-file.jar")));
      assertEquals(201, installed.status(), installed.body());

      Connectors.connectAndImport(admin, new JsonObject().put("name", "HR").put("type",
          "hr-file").put("settings", new JsonObject().put("path", file.toString())
          .put("pollIntervalMillis", 200)));
      assertEquals("Engineering", user(admin, "ada").orElseThrow().getString("department"));

      write(file, HEADER
          + "E1,ada,Ada,Lovelace,ada@example.com,Research,active\n"
          + "E2,alan,Alan,Turing,alan@example.com,Research,leaver\n"
          + "E3,grace,Grace,Hopper,grace@example.com,Engineering,active\n");

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        assertEquals("Research", user(admin, "ada").orElseThrow().getString("department"),
            "the transfer");
        assertEquals(false, user(admin, "alan").orElseThrow().getBoolean("active"),
            "the leaver");
        assertEquals(true, user(admin, "grace").map(u -> u.getBoolean("active")).orElse(null),
            "the hire");
      });
    }
  }

  /** Replaces the file as HR tools that write a new file and rename it do. */
  private static void write(Path file, String csv) throws IOException {
    Path next = Files.writeString(file.resolveSibling("people.csv.new"), csv);
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Optional<JsonObject> user(ApiClient admin, String userName) {
    return admin.get("/api/v1/users?q=" + userName).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(u -> userName.equals(u.getString("userName")))
        .findFirst().map(u -> admin.get("/api/v1/users/" + u.getString("id")).json());
  }
}
