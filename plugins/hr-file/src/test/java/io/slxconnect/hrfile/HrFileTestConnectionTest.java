package io.slxconnect.hrfile;

import static io.slxconnect.testkit.TestConnectorContext.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.ConnectionReport;
import io.slxconnect.api.ConnectionReport.Step;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.testkit.TestConnectorContext;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Test connection" says what is wrong with the file in words HR and the admin can act on. */
class HrFileTestConnectionTest {

  @TempDir
  Path folder;
  private Vertx vertx;

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopVertx() throws Exception {
    await(vertx.close());
  }

  private ConnectionReport test(JsonObject settings) throws Exception {
    ConnectorInstance instance = new HrFileConnectorType().create(
        TestConnectorContext.builder(vertx).defaultsFrom(new HrFileConnectorType())
            .settings(settings).build());
    return await(instance.test());
  }

  private static Step failed(ConnectionReport report) {
    assertFalse(report.success(), report.steps().toString());
    return report.steps().get(report.steps().size() - 1);
  }

  @Test
  void aGoodFileReportsHowManyPeopleAreActive() throws Exception {
    HrTable table = new HrTable(folder.resolve("employees.csv"));
    table.hireAll(List.of("ada", "bob"));
    table.set("bob", "status", "leaver");
    ConnectionReport report = test(new JsonObject().put("path", table.file().toString()));
    assertTrue(report.success(), report.steps().toString());
    assertEquals("1", report.facts().get("active today"));
  }

  @Test
  void aMissingFileIsNamed() throws Exception {
    Step step = failed(test(new JsonObject().put("path", folder.resolve("gone.csv")
        .toString())));
    assertEquals("open file", step.name());
    assertTrue(step.detail().contains("gone.csv does not exist"), step.detail());
  }

  @Test
  void aHeaderWithoutRequiredColumnsNamesEachMissingColumn() throws Exception {
    Path file = Files.writeString(folder.resolve("export.csv"),
        "employeeId,login,givenName,surname,status\n1,ada,Ada,Lovelace,active\n");
    Step step = failed(test(new JsonObject().put("path", file.toString())));
    assertEquals("header", step.name());
    assertTrue(step.detail().endsWith("the header lacks the columns userName, familyName"),
        step.detail());
  }

  @Test
  void aBadRowIsNamedByItsLine() throws Exception {
    Path file = Files.writeString(folder.resolve("employees.csv"), HrTable.HEADER + "\n"
        + "E1,ada,Ada,Lovelace,,,,,active,,\n"
        + "E2,bob,Bob,Byte,,,,,retired,,\n");
    Step step = failed(test(new JsonObject().put("path", file.toString())));
    assertEquals("rows", step.name());
    assertTrue(step.detail().contains("line 3: status is 'retired'"), step.detail());
  }

  @Test
  void aRelativePathIsRefusedBeforeAnythingIsRead() throws Exception {
    Step step = failed(test(new JsonObject().put("path", "employees.csv")));
    assertEquals("settings", step.name());
    ConnectorException e = org.junit.jupiter.api.Assertions.assertThrows(
        ConnectorException.class, () -> HrFileSettings.from(new JsonObject()
            .put("path", "employees.csv")));
    assertEquals(ConnectorException.Reason.MISCONFIGURED, e.reason());
  }
}
