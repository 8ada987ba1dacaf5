package io.slxconnect.cognito;

import io.slxconnect.api.ConnectionReport;
import io.slxconnect.api.ConnectionReport.Step;
import io.slxconnect.api.ConnectorException.Reason;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * "Test connection": reads the user pool (DescribeUserPool), checks that the username mode fits
 * how the pool signs users in, then probes the IAM permissions the connector needs, naming each
 * action that is missing. Steps run in order and stop at the first failure.
 *
 * <p>Permissions are probed without changing anything: each Admin* operation is called for a
 * user (and a group) that cannot exist; Cognito checks the IAM policy first, so an
 * {@code AccessDeniedException} means the action is not allowed, and any other answer ("no such
 * user") that it is. AdminCreateUser and CreateGroup cannot be probed that way (they would
 * create something), so they are listed as not checked.
 */
final class ConnectionTester {

  private static final String DENIED = "AccessDeniedException";

  private final CognitoCalls calls;
  private final CognitoSettings settings;
  private final PermissionProbes probes;

  /**
   * Creates a tester.
   *
   * @param calls the API gateway
   * @param settings the pool to test
   */
  ConnectionTester(CognitoCalls calls, CognitoSettings settings) {
    this.calls = calls;
    this.settings = settings;
    this.probes = new PermissionProbes(settings.userPoolId(),
        "slx-connect-probe-" + UUID.randomUUID());
  }

  /**
   * Runs the test.
   *
   * @return the report; a failed future only when the test itself could not run
   */
  Future<ConnectionReport> run() {
    List<Step> steps = new ArrayList<>();
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("region", settings.region());
    facts.put("credentials", settings.credentials().toString());
    return calls.call("Reading user pool " + settings.userPoolId()
            + " (cognito-idp:DescribeUserPool)",
        client -> client.describeUserPool(r -> r.userPoolId(settings.userPoolId())),
        RetryDelays.PROBES)
        .map(response -> response.userPool())
        .compose(pool -> {
          describe(pool, facts);
          steps.add(Step.ok("user pool", "Found user pool " + pool.name() + " ("
              + pool.id() + ") with about " + pool.estimatedNumberOfUsers() + " users"));
          String mismatch = usernameMismatch(pool);
          if (mismatch != null) {
            steps.add(Step.failed("username mode", mismatch));
            return Future.succeededFuture(false);
          }
          steps.add(Step.ok("username mode", "The pool signs users in by "
              + signIn(pool) + ", as the setting 'usernameMode' says"));
          return permissions("read permissions", probes.reads(), steps, "")
              .compose(ok -> !ok ? Future.succeededFuture(false)
                  : permissions("write permissions", probes.writes(), steps,
                      " Not checked, since checking would create something: "
                          + "cognito-idp:AdminCreateUser, cognito-idp:CreateGroup."));
        }, error -> {
          steps.add(Step.failed("user pool", poolFailure(error)));
          return Future.succeededFuture(false);
        })
        .map(done -> new ConnectionReport(steps, facts));
  }

  private Future<Boolean> permissions(String name, List<PermissionProbes.Probe> list,
      List<Step> steps, String note) {
    List<String> missing = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (PermissionProbes.Probe probe : list) {
      chain = chain.compose(v -> calls.call("Checking cognito-idp:" + probe.action(),
              client -> probe.request().apply(client).thenApply(Object.class::cast),
              RetryDelays.PROBES)
          .<Void>mapEmpty()
          .recover(error -> allowedUnlessDenied(error, probe.action(), missing)));
    }
    List<String> actions = list.stream().map(p -> "cognito-idp:" + p.action()).toList();
    return chain.transform(done -> {
      if (done.failed()) {
        steps.add(Step.failed(name, done.cause().getMessage()));
        return Future.succeededFuture(false);
      }
      if (missing.isEmpty()) {
        steps.add(Step.ok(name, "Allowed: " + String.join(", ", actions) + "." + note));
        return Future.succeededFuture(true);
      }
      steps.add(Step.failed(name, "The IAM policy of the connector's credentials does not allow "
          + String.join(", ", missing) + " on this pool. Add "
          + (missing.size() == 1 ? "it" : "them") + " to the policy (see the Cognito connector "
          + "documentation for the complete policy)."));
      return Future.succeededFuture(false);
    });
  }

  /**
   * Reads a probe's failure: access denied names a missing action; any other answer from Cognito
   * (no such user, even a server error) came after the IAM check, so the action is allowed; a
   * call that got no answer, refused credentials or throttling fail the step.
   */
  private static Future<Void> allowedUnlessDenied(Throwable error, String action,
      List<String> missing) {
    if (CognitoFailures.hasCode(error, DENIED)) {
      missing.add("cognito-idp:" + action);
      return Future.succeededFuture();
    }
    Reason reason = CognitoFailures.toConnectorException(action, error).reason();
    boolean passedIam = CognitoFailures.answered(error)
        && reason != Reason.AUTHENTICATION_FAILED && reason != Reason.RATE_LIMITED;
    return passedIam ? Future.succeededFuture() : Future.failedFuture(error);
  }

  private String poolFailure(Throwable error) {
    if (CognitoFailures.hasCode(error, "ResourceNotFoundException")) {
      return "There is no user pool " + settings.userPoolId() + " in region "
          + settings.region() + " for these credentials' account: check the pool id and the "
          + "region";
    }
    return CognitoFailures.toConnectorException("Reading user pool " + settings.userPoolId()
        + " (cognito-idp:DescribeUserPool)", error).getMessage();
  }

  private String usernameMismatch(UserPoolType pool) {
    List<String> attributes = pool.usernameAttributesAsStrings();
    String wanted = switch (settings.usernameMode()) {
      case USERNAME -> null;
      case EMAIL -> "email";
      case PHONE -> "phone_number";
    };
    if (wanted == null && !attributes.isEmpty()) {
      return "The pool signs users in by " + String.join(" or ", attributes) + ", not by a "
          + "username: set 'usernameMode' to " + (attributes.contains("email") ? "email" : "phone");
    }
    if (wanted != null && !attributes.contains(wanted)) {
      return "'usernameMode' is " + settings.usernameMode().name().toLowerCase(Locale.ROOT)
          + ", but the pool signs users in by " + signIn(pool) + ": set it to username";
    }
    return null;
  }

  private static String signIn(UserPoolType pool) {
    return pool.usernameAttributesAsStrings().isEmpty() ? "username"
        : String.join(" or ", pool.usernameAttributesAsStrings());
  }

  private static void describe(UserPoolType pool, Map<String, String> facts) {
    facts.put("user pool", pool.name() + " (" + pool.id() + ")");
    facts.put("estimated users", String.valueOf(pool.estimatedNumberOfUsers()));
    facts.put("sign-in with", signIn(pool));
    if (pool.hasAliasAttributes() && !pool.aliasAttributesAsStrings().isEmpty()) {
      facts.put("sign-in aliases", String.join(", ", pool.aliasAttributesAsStrings()));
    }
  }
}
