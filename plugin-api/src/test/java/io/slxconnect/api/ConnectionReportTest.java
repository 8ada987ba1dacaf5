package io.slxconnect.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionReportTest {

  @Test
  void reportSucceedsOnlyWhenEveryStepSucceeded() {
    var ok = ConnectionReport.Step.ok("connect", "connected");
    var failed = ConnectionReport.Step.failed("bind", "invalid credentials");
    assertTrue(new ConnectionReport(List.of(ok), Map.of()).success());
    assertFalse(new ConnectionReport(List.of(ok, failed), Map.of()).success());
    assertFalse(new ConnectionReport(List.of(), Map.of()).success());
  }

  @Test
  void passwordNeverShowsItsValue() {
    var password = new Password("s3cret!".toCharArray());
    assertFalse(password.toString().contains("s3cret"));
  }
}
