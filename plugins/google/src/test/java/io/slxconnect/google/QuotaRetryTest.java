package io.slxconnect.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.slxconnect.api.ConnectorInstance;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.slxconnect.testkit.TestConnectorContext;

/** Google's quotas: throttling and Google's own errors are retried with backoff, nothing else. */
class QuotaRetryTest {

  @RegisterExtension
  final StandInFixture fixture = new StandInFixture();

  @BeforeEach
  void setUp() throws Exception {
    fixture.google.addUser("ann", "Ann", "Able");
  }

  private List<DirectoryStandIn.Recorded> userLists() {
    return fixture.google.requests.stream()
        .filter(r -> r.path().equals("/admin/directory/v1/users")).toList();
  }

  @Test
  void a429IsRetriedAfterTheDelayGoogleAsksFor() throws Exception {
    ConnectorInstance google = fixture.started(fixture.settings());
    fixture.google.failNext(429, "rateLimitExceeded", "2");

    assertEquals(1, TestConnectorContext.await(google.readUsers(null)).items().size());

    List<DirectoryStandIn.Recorded> calls = userLists();
    assertEquals(2, calls.size());
    long waitedMillis = (calls.get(1).atNanos() - calls.get(0).atNanos()) / 1_000_000;
    assertTrue(waitedMillis >= 2000, "waited " + waitedMillis + " ms");
  }

  @Test
  void rateLimit403AndBackendErrorsAreRetriedWithGrowingDelays() throws Exception {
    ConnectorInstance google = fixture.started(fixture.settings());
    fixture.google.failNext(403, "userRateLimitExceeded", null);
    fixture.google.failNext(503, "backendError", null);

    assertEquals(1, TestConnectorContext.await(google.readUsers(null)).items().size());

    List<DirectoryStandIn.Recorded> calls = userLists();
    assertEquals(3, calls.size());
    long first = (calls.get(1).atNanos() - calls.get(0).atNanos()) / 1_000_000;
    long second = (calls.get(2).atNanos() - calls.get(1).atNanos()) / 1_000_000;
    assertTrue(first >= 1000 && second >= 2000, first + " ms, then " + second + " ms");
  }

  @Test
  void throttlingBeyondTheRetriesFailsAsRateLimitedInWords() throws Exception {
    ConnectorInstance google = fixture.started(fixture.settings().put("maxRetries", 1));
    fixture.google.failNext(429, "rateLimitExceeded", "0");
    fixture.google.failNext(429, "rateLimitExceeded", "0");

    ConnectorException e = assertThrows(ConnectorException.class,
        () -> TestConnectorContext.await(google.readUsers(null)));

    assertEquals(Reason.RATE_LIMITED, e.reason());
    assertTrue(e.reason().isTransient());
    assertTrue(e.getMessage().contains("throttling"), e.getMessage());
    assertEquals(2, userLists().size());
  }

  @Test
  void otherErrorsAreReportedAtOnceWithoutRetry() throws Exception {
    ConnectorInstance google = fixture.started(fixture.settings());
    fixture.google.failNext(400, "invalid", null);

    ConnectorException e = assertThrows(ConnectorException.class,
        () -> TestConnectorContext.await(google.readUsers(null)));

    assertEquals(Reason.REJECTED, e.reason());
    assertEquals(1, userLists().size());
  }
}
