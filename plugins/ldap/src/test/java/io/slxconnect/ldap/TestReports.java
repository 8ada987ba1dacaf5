package io.slxconnect.ldap;

import io.slxconnect.api.ConnectionReport;
import io.slxconnect.api.ConnectionReport.Step;
import java.util.List;

/** Reading connection reports in tests. */
final class TestReports {

  private TestReports() {
  }

  /** @return the names of the report's steps, in order */
  static List<String> names(ConnectionReport report) {
    return report.steps().stream().map(Step::name).toList();
  }

  /** @return the last step tried: the diagnosis when the test failed */
  static Step last(ConnectionReport report) {
    return report.steps().get(report.steps().size() - 1);
  }
}
