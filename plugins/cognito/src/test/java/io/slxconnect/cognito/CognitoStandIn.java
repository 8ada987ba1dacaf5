package io.slxconnect.cognito;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.slxconnect.testkit.TestConnectorContext;

/**
 * A stand-in of the Cognito user pools API for what cognito-local does not do as the real service
 * does: it pages ListUsers, ListGroups and ListUsersInGroup with {@code Limit} (at most 60, as
 * Cognito) and opaque pagination tokens; it answers a missing group with
 * ResourceNotFoundException; and it can be told to throttle (TooManyRequestsException), to fail
 * (HTTP 500) or to deny an action (AccessDeniedException), as the real service does. It speaks
 * the AWS JSON 1.1 protocol the SDK sends ({@code X-Amz-Target:
 * AWSCognitoIdentityProviderService.ListUsers}); it does not check signatures. It records every
 * call with the time it arrived.
 */
final class CognitoStandIn implements AutoCloseable {

  /** The pool this stand-in serves. */
  static final String POOL = "us-east-1_StandIn1";
  private static final String PREFIX = "AWSCognitoIdentityProviderService.";
  private static final Pattern SUB_FILTER = Pattern.compile("^sub\\s*=\\s*\"([^\"]*)\"$");

  /**
   * One call received.
   *
   * @param action the operation, for example ListUsers
   * @param request its body
   * @param nanos {@link System#nanoTime()} when it arrived
   */
  record Call(String action, JsonObject request, long nanos) {
  }

  /** A user of the pool. */
  private static final class User {
    final String username;
    final String sub = UUID.randomUUID().toString();
    final Map<String, String> attributes = new LinkedHashMap<>();
    boolean enabled = true;
    Instant lastModified = Instant.now();

    User(String username) {
      this.username = username;
    }

    JsonObject json(String attributesKey) {
      JsonArray list = new JsonArray().add(new JsonObject().put("Name", "sub").put("Value", sub));
      attributes.forEach((name, value) ->
          list.add(new JsonObject().put("Name", name).put("Value", value)));
      return new JsonObject().put("Username", username).put(attributesKey, list)
          .put("Enabled", enabled).put("UserStatus", "CONFIRMED")
          .put("UserCreateDate", lastModified.getEpochSecond())
          .put("UserLastModifiedDate", lastModified.getEpochSecond());
    }
  }

  private final HttpServer server;
  private final List<User> users = new ArrayList<>();
  private final Map<String, Set<String>> groups = new LinkedHashMap<>();
  private final Map<String, Integer> throttled = new HashMap<>();
  private final Map<String, Integer> failing = new HashMap<>();
  private final Set<String> denied = new HashSet<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  private CognitoStandIn(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts a stand-in on a free loopback port.
   *
   * @param vertx the Vert.x instance to run on
   * @return the stand-in
   * @throws Exception when it cannot listen
   */
  static CognitoStandIn start(Vertx vertx) throws Exception {
    CognitoStandIn[] self = new CognitoStandIn[1];
    HttpServer server = vertx.createHttpServer()
        .requestHandler(request -> self[0].handle(request));
    self[0] = new CognitoStandIn(server);
    TestConnectorContext.await(server.listen(0, "127.0.0.1"));
    return self[0];
  }

  /**
   * Settings of a connector for this stand-in's pool.
   *
   * @return the settings, before the hub's defaults
   */
  JsonObject settings() {
    return new JsonObject().put("region", "us-east-1").put("userPoolId", POOL)
        .put("accessKeyId", "test-key-id").put("secretAccessKey", "test-secret")
        .put("endpoint", "http://127.0.0.1:" + server.actualPort());
  }

  /**
   * Adds users {@code prefix-000}, {@code prefix-001}...
   *
   * @param prefix the usernames' start
   * @param count how many
   */
  synchronized void addUsers(String prefix, int count) {
    for (int i = 0; i < count; i++) {
      User user = new User(String.format("%s-%03d", prefix, i));
      user.attributes.put("email", user.username + "@example.com");
      users.add(user);
    }
  }

  /**
   * Creates a group with members.
   *
   * @param name the group's name
   * @param usernames its members
   */
  synchronized void addGroup(String name, List<String> usernames) {
    groups.put(name, new HashSet<>(usernames));
  }

  /** {@return the subs of the users, by username} */
  synchronized Map<String, String> subs() {
    Map<String, String> subs = new LinkedHashMap<>();
    users.forEach(u -> subs.put(u.username, u.sub));
    return subs;
  }

  /** {@return the groups and their members' usernames} */
  synchronized Map<String, Set<String>> groups() {
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    groups.forEach((name, members) -> copy.put(name, Set.copyOf(members)));
    return copy;
  }

  /**
   * Disables a user behind the hub's back, as the Cognito console would.
   *
   * @param username the user
   */
  synchronized void disable(String username) {
    User user = find(username);
    user.enabled = false;
    user.lastModified = Instant.now();
  }

  /**
   * Deletes a user behind the hub's back.
   *
   * @param username the user
   */
  synchronized void delete(String username) {
    users.remove(find(username));
  }

  /**
   * Answers the next calls of an action with TooManyRequestsException.
   *
   * @param action the operation, for example ListUsers
   * @param times how many calls
   */
  synchronized void throttle(String action, int times) {
    throttled.put(action, times);
  }

  /**
   * Answers the next calls of an action with an HTTP 500 InternalErrorException.
   *
   * @param action the operation
   * @param times how many calls
   */
  synchronized void fail(String action, int times) {
    failing.put(action, times);
  }

  /**
   * Answers every call of an action with AccessDeniedException, as IAM does.
   *
   * @param action the operation
   */
  synchronized void deny(String action) {
    denied.add(action);
  }

  /**
   * Stops denying an action.
   *
   * @param action the operation
   */
  synchronized void allow(String action) {
    denied.remove(action);
  }

  /** {@return the calls received so far, in order} */
  List<Call> calls() {
    return List.copyOf(calls);
  }

  /**
   * The calls of one action.
   *
   * @param action the operation
   * @return its calls, in order
   */
  List<Call> calls(String action) {
    return calls.stream().filter(c -> c.action().equals(action)).toList();
  }

  @Override
  public void close() {
    server.close().toCompletionStage().toCompletableFuture().join();
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      String target = request.getHeader("X-Amz-Target");
      String action = target == null ? "" : target.substring(PREFIX.length());
      JsonObject json = body.length() == 0 ? new JsonObject() : body.toJsonObject();
      calls.add(new Call(action, json, System.nanoTime()));
      Answer answer;
      synchronized (this) {
        answer = answer(action, json);
      }
      request.response().setStatusCode(answer.status())
          .putHeader("Content-Type", "application/x-amz-json-1.1")
          .end(answer.body().encode());
    });
  }

  private record Answer(int status, JsonObject body) {
    static Answer ok(JsonObject body) {
      return new Answer(200, body);
    }

    static Answer error(int status, String type, String message) {
      return new Answer(status, new JsonObject().put("__type", type).put("message", message));
    }
  }

  private Answer answer(String action, JsonObject request) {
    if (denied.contains(action)) {
      return Answer.error(400, "AccessDeniedException", "User: arn:aws:iam::123456789012:user/"
          + "slx is not authorized to perform: cognito-idp:" + action + " on resource: "
          + "arn:aws:cognito-idp:us-east-1:123456789012:userpool/" + POOL);
    }
    if (countDown(throttled, action)) {
      return Answer.error(400, "TooManyRequestsException", "Too many requests");
    }
    if (countDown(failing, action)) {
      return Answer.error(500, "InternalErrorException", "Internal error");
    }
    if (!POOL.equals(request.getString("UserPoolId"))) {
      return Answer.error(400, "ResourceNotFoundException", "User pool "
          + request.getString("UserPoolId") + " does not exist.");
    }
    int limit = request.getInteger("Limit", 60);
    if (limit < 1 || limit > 60) {
      return Answer.error(400, "InvalidParameterException", "1 validation error detected: "
          + "Value at 'limit' failed to satisfy constraint: Member must have value less than or "
          + "equal to 60");
    }
    return switch (action) {
      case "DescribeUserPool" -> Answer.ok(new JsonObject().put("UserPool", new JsonObject()
          .put("Id", POOL).put("Name", "stand-in").put("EstimatedNumberOfUsers", users.size())
          .put("UsernameAttributes", new JsonArray())));
      case "ListUsers" -> listUsers(request, limit);
      case "ListGroups" -> page(new ArrayList<>(groups.keySet()).stream()
          .map(name -> new JsonObject().put("GroupName", name).put("UserPoolId", POOL))
          .toList(), request.getString("NextToken"), limit, "Groups", "NextToken");
      case "ListUsersInGroup" -> !groups.containsKey(request.getString("GroupName"))
          ? groupMissing(request) : page(users.stream()
              .filter(u -> groups.get(request.getString("GroupName")).contains(u.username))
              .map(u -> u.json("Attributes")).toList(), request.getString("NextToken"), limit,
              "Users", "NextToken");
      case "AdminGetUser" -> adminGetUser(request);
      case "CreateGroup" -> {
        groups.putIfAbsent(request.getString("GroupName"), new HashSet<>());
        yield Answer.ok(new JsonObject().put("Group",
            new JsonObject().put("GroupName", request.getString("GroupName"))));
      }
      case "AdminAddUserToGroup", "AdminRemoveUserFromGroup" -> membership(action, request);
      default -> Answer.error(400, "UnknownOperationException", action);
    };
  }

  private Answer listUsers(JsonObject request, int limit) {
    String filter = request.getString("Filter");
    List<User> selected = users;
    if (filter != null) {
      Matcher m = SUB_FILTER.matcher(filter);
      if (!m.matches()) {
        return Answer.error(400, "InvalidParameterException", "Invalid filter " + filter);
      }
      selected = users.stream().filter(u -> u.sub.equals(m.group(1))).toList();
    }
    return page(selected.stream().map(u -> u.json("Attributes")).toList(),
        request.getString("PaginationToken"), limit, "Users", "PaginationToken");
  }

  private Answer adminGetUser(JsonObject request) {
    User user = users.stream().filter(u -> u.username.equals(request.getString("Username")))
        .findFirst().orElse(null);
    if (user == null) {
      return Answer.error(400, "UserNotFoundException", "User does not exist.");
    }
    JsonObject json = user.json("UserAttributes");
    return Answer.ok(json);
  }

  private Answer membership(String action, JsonObject request) {
    Set<String> members = groups.get(request.getString("GroupName"));
    if (members == null) {
      return groupMissing(request);
    }
    if (users.stream().noneMatch(u -> u.username.equals(request.getString("Username")))) {
      return Answer.error(400, "UserNotFoundException", "User does not exist.");
    }
    if (action.equals("AdminAddUserToGroup")) {
      members.add(request.getString("Username"));
    } else {
      members.remove(request.getString("Username"));
    }
    return Answer.ok(new JsonObject());
  }

  private static Answer groupMissing(JsonObject request) {
    return Answer.error(400, "ResourceNotFoundException", "Group not found.");
  }

  /** One page of items with an opaque token for the next, as Cognito pages. */
  private static Answer page(List<JsonObject> all, String token, int limit, String itemsKey,
      String tokenKey) {
    int from = token == null ? 0 : Integer.parseInt(new String(Base64.getDecoder().decode(token),
        StandardCharsets.UTF_8).substring("offset:".length()));
    int to = Math.min(all.size(), from + limit);
    JsonObject body = new JsonObject().put(itemsKey, new JsonArray(all.subList(from, to)));
    if (to < all.size()) {
      body.put(tokenKey, Base64.getEncoder().encodeToString(("offset:" + to)
          .getBytes(StandardCharsets.UTF_8)));
    }
    return Answer.ok(body);
  }

  private static boolean countDown(Map<String, Integer> counters, String action) {
    Integer left = counters.get(action);
    if (left == null || left == 0) {
      return false;
    }
    counters.put(action, left - 1);
    return true;
  }

  private User find(String username) {
    return users.stream().filter(u -> u.username.equals(username)).findFirst().orElseThrow();
  }
}
