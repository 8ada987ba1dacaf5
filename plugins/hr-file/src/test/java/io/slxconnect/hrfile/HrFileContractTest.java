package io.slxconnect.hrfile;

import io.slxconnect.api.ConnectorType;
import io.slxconnect.testkit.BackingSystem;
import io.slxconnect.testkit.ConnectorContract;
import io.slxconnect.testkit.ConnectorFixture;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test kit's contract, run against a real HR file in a temporary folder: paging, error
 * reporting, and watch and checkpoint semantics. Everything the kit generates comes from the
 * capabilities the type declares (IMPORT_USERS and WATCH here).
 */
class HrFileContractTest extends ConnectorContract {

  @TempDir
  Path folder;

  @Override
  protected ConnectorFixture fixture() {
    return new ConnectorFixture() {
      @Override
      public ConnectorType type() {
        return new HrFileConnectorType();
      }

      @Override
      public BackingSystem newSystem() throws Exception {
        HrTable table = new HrTable(Files.createTempFile(folder, "employees-", ".csv"));
        table.write();
        return new BackingSystem() {
          @Override
          public JsonObject settings() {
            return new JsonObject().put("path", table.file().toString()).put("pageSize", 5)
                .put("pollIntervalMillis", 100);
          }

          @Override
          public List<String> seedUsers(List<String> userNames) throws Exception {
            return table.hireAll(userNames);
          }

          @Override
          public void changeFamilyName(String userName, String familyName) throws Exception {
            table.set(userName, "familyName", familyName);
          }

          @Override
          public void removeUser(String userName) throws Exception {
            table.set(userName, "status", "leaver");
          }
        };
      }

      @Override
      public JsonObject unreachableSettings() {
        return new JsonObject().put("path", folder.resolve("no-such-share/employees.csv")
            .toString());
      }

      @Override
      public JsonObject badSettings() throws Exception {
        Path wrong = Files.writeString(folder.resolve("wrong-columns.csv"),
            "id,name\n1,ada\n");
        return new JsonObject().put("path", wrong.toString());
      }

      @Override
      public int pageSizeBound() {
        return 5;
      }

      @Override
      public Duration changeLatency() {
        return Duration.ofSeconds(10);
      }
    };
  }
}
