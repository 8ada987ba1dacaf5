package io.slxconnect.google;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.impl.RoutingContextInternal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in of the Admin SDK Directory API on loopback, faithful to what the real
 * {@code google-api-services-admin-directory} client sends and Google answers: paths under
 * {@code /admin/directory/v1/} (and {@code /admin/directory_v1/channels/stop}), gzip-compressed
 * request bodies (gunzipped here, the header recorded), {@code X-Http-Method-Override: PATCH}, {@code customer}/{@code domain},
 * {@code maxResults} and {@code pageToken} paging, Bearer tokens from its own token endpoint
 * ({@link StandInTokens}) checked for their scopes, Google's JSON error bodies, and push
 * notifications ({@link StandInPush}). It keeps users, deleted users, groups and members. Tests
 * change users "in the Admin console" through its methods, which notify like Google does, and
 * queue faults (429, 403 rate limits, 5xx) for the next API calls.
 */
public final class DirectoryStandIn implements AutoCloseable {

  /** The Workspace's primary domain. */
  public static final String DOMAIN = "example.com";
  /** The OAuth scope of users, as Google names it. */
  public static final String USER_SCOPE = "https://www.googleapis.com/auth/admin.directory.user";
  /** The OAuth scope of groups. */
  public static final String GROUP_SCOPE =
      "https://www.googleapis.com/auth/admin.directory.group";
  /** The OAuth scope of group members. */
  public static final String MEMBER_SCOPE =
      "https://www.googleapis.com/auth/admin.directory.group.member";

  /** A request as it arrived. */
  record Recorded(HttpMethod method, String path, Map<String, String> query,
      String contentEncoding, String methodOverride, long atNanos) {
  }

  /** A fault answered instead of the next API call. */
  record Fault(int status, String reason, String retryAfter) {
  }

  private final Vertx vertx;
  private final HttpServer server;
  /** The token endpoint: service accounts, delegations, admins. */
  public final StandInTokens tokens = new StandInTokens();
  /** The push side: channels and the notifications sent. */
  public final StandInPush push;
  private final Map<String, JsonObject> users = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> deleted = new ConcurrentHashMap<>();
  private final Map<String, String> passwords = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> groups = new ConcurrentHashMap<>();
  private final Map<String, Map<String, JsonObject>> members = new ConcurrentHashMap<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  final List<Recorded> requests = new CopyOnWriteArrayList<>();
  volatile boolean apiDisabled;

  /**
   * Starts the stand-in on a free loopback port.
   *
   * @param vertx the Vert.x instance to serve on
   * @throws Exception when it cannot listen
   */
  public DirectoryStandIn(Vertx vertx) throws Exception {
    this.vertx = vertx;
    this.push = new StandInPush(vertx);
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      requests.add(new Recorded(ctx.request().method(), ctx.request().path(),
          query(ctx), ctx.request().getHeader("Content-Encoding"),
          ctx.request().getHeader("X-Http-Method-Override"), System.nanoTime()));
      ctx.next();
    });
    router.post("/token").handler(BodyHandler.create()).handler(tokens::handle);
    router.route("/admin/*").handler(DirectoryStandIn::gunzippedBody);
    router.route("/admin/*").handler(this::authorize);
    String v1 = "/admin/directory/v1";
    router.get(v1 + "/users").handler(this::listUsers);
    router.post(v1 + "/users/watch").handler(ctx -> push.watch(ctx,
        "https://admin.googleapis.com" + v1 + "/users?alt=json&event="
            + ctx.request().getParam("event")));
    router.post(v1 + "/users").handler(this::insertUser);
    router.get(v1 + "/users/:key").handler(ctx -> user(ctx).ifPresent(u -> json(ctx, 200, u)));
    router.post(v1 + "/users/:key").handler(this::patchUser);
    router.put(v1 + "/users/:key").handler(this::patchUser);
    router.delete(v1 + "/users/:key").handler(this::deleteUser);
    router.get(v1 + "/groups").handler(this::listGroups);
    router.get(v1 + "/groups/:key").handler(ctx -> group(ctx).ifPresent(g -> json(ctx, 200, g)));
    router.get(v1 + "/groups/:key/members").handler(this::listMembers);
    router.post(v1 + "/groups/:key/members").handler(this::insertMember);
    router.delete(v1 + "/groups/:key/members/:member").handler(this::deleteMember);
    router.post("/admin/directory_v1/channels/stop").handler(push::stop);
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"))
        .requestHandler(router).listen(0).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  /** {@return the API root URL, for the connector's apiRootUrl setting} */
  public String rootUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/";
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  // ---- what tests set up and change, as an admin would in the Admin console ----

  synchronized void failNext(int status, String reason, String retryAfter) {
    faults.add(new Fault(status, reason, retryAfter));
  }

  /** Adds a user as the Admin console would, and notifies {@code add}. */
  public JsonObject addUser(String localPart, String given, String family) {
    JsonObject user = newUser(new JsonObject().put("primaryEmail", localPart + "@" + DOMAIN)
        .put("name", new JsonObject().put("givenName", given).put("familyName", family)));
    push.notify("add", user);
    return user;
  }

  /** Changes a user's fields as the Admin console would, and notifies {@code update}. */
  public JsonObject changeUser(String id, JsonObject fields) {
    JsonObject user = merge(users.get(id), fields);
    push.notify("update", user);
    return user;
  }

  /** Deletes a user as the Admin console would, and notifies {@code delete}. */
  void removeUser(String id) {
    JsonObject user = users.remove(id);
    deleted.put(id, user);
    push.notify("delete", user);
  }

  /** Adds a group. */
  JsonObject addGroup(String localPart, String description) {
    String id = "grp-" + UUID.randomUUID();
    JsonObject group = new JsonObject().put("kind", "admin#directory#group").put("id", id)
        .put("email", localPart + "@" + DOMAIN).put("name", localPart)
        .put("description", description).put("etag", etag());
    groups.put(id, group);
    members.put(id, new ConcurrentHashMap<>());
    return group;
  }

  JsonObject user(String id) {
    return users.get(id);
  }

  Set<String> memberIds(String groupId) {
    return Set.copyOf(members.get(groupId).keySet());
  }

  String password(String id) {
    return passwords.get(id);
  }

  void addMember(String groupId, String userId) {
    members.get(groupId).put(userId, member(userId, "USER"));
  }

  // ---- the API ----

  /** Reads the body, gunzipping it as Google's front end does for {@code Content-Encoding: gzip}. */
  private static void gunzippedBody(RoutingContext ctx) {
    ctx.request().body().onSuccess(raw -> {
      Buffer body = raw;
      if ("gzip".equalsIgnoreCase(ctx.request().getHeader("Content-Encoding"))) {
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
            new java.io.ByteArrayInputStream(raw.getBytes()))) {
          body = Buffer.buffer(in.readAllBytes());
        } catch (java.io.IOException e) {
          error(ctx, 400, "parseError", "Parse Error");
          return;
        }
      }
      ((RoutingContextInternal) ctx).setBody(body);
      ctx.next();
    }).onFailure(ctx::fail);
  }

  private void authorize(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    Set<String> scopes = tokens.scopesOf(header != null && header.startsWith("Bearer ")
        ? header.substring(7) : null);
    if (scopes == null) {
      error(ctx, 401, "authError", "Invalid Credentials");
      return;
    }
    String path = ctx.request().path();
    String needed = path.contains("/members") ? MEMBER_SCOPE
        : path.contains("/groups") ? GROUP_SCOPE : USER_SCOPE;
    if (!scopes.contains(needed)) {
      error(ctx, 403, "insufficientPermissions",
          "Request had insufficient authentication scopes.");
      return;
    }
    if (apiDisabled) {
      error(ctx, 403, "accessNotConfigured", "Admin SDK API has not been used in project "
          + "1234567890 before or it is disabled. Enable it by visiting https://console."
          + "developers.google.com/apis/api/admin.googleapis.com/overview?project=1234567890 "
          + "then retry.");
      return;
    }
    Fault fault;
    synchronized (this) {
      fault = faults.poll();
    }
    if (fault != null) {
      if (fault.retryAfter() != null) {
        ctx.response().putHeader("Retry-After", fault.retryAfter());
      }
      error(ctx, fault.status(), fault.reason(), fault.status() == 429 || fault.status() == 403
          ? "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user'"
          : "Backend Error");
      return;
    }
    ctx.next();
  }

  private void listUsers(RoutingContext ctx) {
    if (!scoped(ctx)) {
      return;
    }
    boolean showDeleted = "true".equals(ctx.request().getParam("showDeleted"));
    List<JsonObject> all = new ArrayList<>((showDeleted ? deleted : users).values());
    all.sort(Comparator.comparing(u -> u.getString("primaryEmail")));
    page(ctx, all, "users", "admin#directory#users", 100, 500);
  }

  private void listGroups(RoutingContext ctx) {
    if (!scoped(ctx)) {
      return;
    }
    List<JsonObject> all = new ArrayList<>(groups.values());
    all.sort(Comparator.comparing(g -> g.getString("email")));
    page(ctx, all, "groups", "admin#directory#groups", 200, 200);
  }

  private void listMembers(RoutingContext ctx) {
    group(ctx).ifPresent(g -> page(ctx, new ArrayList<>(members.get(g.getString("id")).values()),
        "members", "admin#directory#members", 200, 200));
  }

  /** Google's paging: maxResults (capped), an opaque pageToken, nextPageToken while more. */
  private static void page(RoutingContext ctx, List<JsonObject> all, String field, String kind,
      int defaultSize, int maxSize) {
    String max = ctx.request().getParam("maxResults");
    int size = Math.min(max == null ? defaultSize : Integer.parseInt(max), maxSize);
    String token = ctx.request().getParam("pageToken");
    int from = token == null ? 0 : Integer.parseInt(new String(
        java.util.Base64.getUrlDecoder().decode(token), java.nio.charset.StandardCharsets.UTF_8)
        .substring("offset:".length()));
    JsonObject page = new JsonObject().put("kind", kind).put("etag", etag());
    List<JsonObject> items = all.subList(Math.min(from, all.size()),
        Math.min(from + size, all.size()));
    if (!items.isEmpty()) {
      page.put(field, new JsonArray(new ArrayList<>(items)));
    }
    if (from + size < all.size()) {
      page.put("nextPageToken", java.util.Base64.getUrlEncoder().encodeToString(
          ("offset:" + (from + size)).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    json(ctx, 200, page);
  }

  private void insertUser(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    JsonObject name = body.getJsonObject("name", new JsonObject());
    String email = body.getString("primaryEmail");
    if (email == null || name.getString("givenName") == null
        || name.getString("familyName") == null) {
      error(ctx, 400, "required", "Invalid Given/Family Name: " + (email == null
          ? "primaryEmail" : "name") + " is required");
    } else if (body.getString("password") == null
        || body.getString("password").length() < 8) {
      error(ctx, 400, "invalid", "Invalid Password");
    } else if (users.values().stream().anyMatch(u -> email.equals(u.getString("primaryEmail")))) {
      error(ctx, 409, "duplicate", "Entity already exists.");
    } else {
      JsonObject user = newUser(body);
      json(ctx, 200, user);
      push.notify("add", user);
    }
  }

  private void patchUser(RoutingContext ctx) {
    boolean patch = ctx.request().method() == HttpMethod.PUT
        || "PATCH".equals(ctx.request().getHeader("X-Http-Method-Override"));
    if (!patch) {
      error(ctx, 400, "badRequest", "Method not allowed without X-Http-Method-Override");
      return;
    }
    user(ctx).ifPresent(user -> {
      JsonObject fields = ctx.body().asJsonObject();
      if (fields.getString("password") != null && fields.getString("password").length() < 8) {
        error(ctx, 400, "invalid", "Invalid Password");
        return;
      }
      JsonObject changed = merge(user, fields);
      json(ctx, 200, changed);
      push.notify("update", changed);
    });
  }

  private void deleteUser(RoutingContext ctx) {
    user(ctx).ifPresent(user -> {
      users.remove(user.getString("id"));
      deleted.put(user.getString("id"), user);
      ctx.response().setStatusCode(204).end();
      push.notify("delete", user);
    });
  }

  private void insertMember(RoutingContext ctx) {
    group(ctx).ifPresent(group -> {
      String userId = ctx.body().asJsonObject().getString("id");
      Map<String, JsonObject> groupMembers = members.get(group.getString("id"));
      if (!users.containsKey(userId)) {
        error(ctx, 404, "notFound", "Resource Not Found: memberKey");
      } else if (groupMembers.containsKey(userId)) {
        error(ctx, 409, "duplicate", "Member already exists.");
      } else {
        JsonObject member = member(userId, "USER");
        groupMembers.put(userId, member);
        json(ctx, 200, member);
      }
    });
  }

  private void deleteMember(RoutingContext ctx) {
    group(ctx).ifPresent(group -> {
      if (members.get(group.getString("id")).remove(ctx.pathParam("member")) == null) {
        error(ctx, 404, "notFound", "Resource Not Found: memberKey");
      } else {
        ctx.response().setStatusCode(204).end();
      }
    });
  }

  // ---- state helpers ----

  private synchronized JsonObject newUser(JsonObject body) {
    String id = Long.toString(100_000_000_000_000_000L + users.size() + deleted.size());
    if (body.getString("password") != null) {
      passwords.put(id, body.getString("password"));
    }
    JsonObject name = body.getJsonObject("name").copy();
    name.put("fullName", name.getString("givenName") + " " + name.getString("familyName"));
    JsonObject user = body.copy().put("kind", "admin#directory#user").put("id", id)
        .put("etag", etag()).put("name", name)
        .put("suspended", body.getBoolean("suspended", false))
        .put("orgUnitPath", body.getString("orgUnitPath", "/")).put("isAdmin", false)
        .put("changePasswordAtNextLogin", body.getBoolean("changePasswordAtNextLogin", false))
        .put("customerId", "C01234567")
        .put("emails", new JsonArray().add(new JsonObject()
            .put("address", body.getString("primaryEmail")).put("primary", true)));
    user.remove("password");
    users.put(id, user);
    return user;
  }

  private synchronized JsonObject merge(JsonObject user, JsonObject fields) {
    JsonObject changed = user.copy();
    fields.forEach(field -> {
      if ("password".equals(field.getKey())) {
        passwords.put(user.getString("id"), (String) field.getValue());
      } else if ("name".equals(field.getKey())) {
        JsonObject name = changed.getJsonObject("name").mergeIn((JsonObject) field.getValue());
        name.put("fullName", name.getString("givenName") + " " + name.getString("familyName"));
      } else {
        changed.put(field.getKey(), field.getValue());
      }
    });
    changed.put("etag", etag());
    users.put(user.getString("id"), changed);
    return changed;
  }

  private java.util.Optional<JsonObject> user(RoutingContext ctx) {
    String key = ctx.pathParam("key");
    java.util.Optional<JsonObject> found = java.util.Optional.ofNullable(users.get(key))
        .or(() -> users.values().stream()
            .filter(u -> key.equalsIgnoreCase(u.getString("primaryEmail"))).findFirst());
    if (found.isEmpty()) {
      error(ctx, 404, "notFound", "Resource Not Found: userKey");
    }
    return found;
  }

  private java.util.Optional<JsonObject> group(RoutingContext ctx) {
    java.util.Optional<JsonObject> found =
        java.util.Optional.ofNullable(groups.get(ctx.pathParam("key")));
    if (found.isEmpty()) {
      error(ctx, 404, "notFound", "Resource Not Found: groupKey");
    }
    return found;
  }

  /** users.list and groups.list need a customer or a domain, as Google's do. */
  private static boolean scoped(RoutingContext ctx) {
    if (ctx.request().getParam("customer") == null && ctx.request().getParam("domain") == null) {
      error(ctx, 400, "badRequest", "Bad Request");
      return false;
    }
    return true;
  }

  private static JsonObject member(String id, String type) {
    return new JsonObject().put("kind", "admin#directory#member").put("id", id)
        .put("role", "MEMBER").put("type", type).put("status", "ACTIVE").put("etag", etag());
  }

  private static Map<String, String> query(RoutingContext ctx) {
    Map<String, String> query = new LinkedHashMap<>();
    ctx.request().params().forEach(e -> query.put(e.getKey(), e.getValue()));
    return query;
  }

  private static String etag() {
    return "\"" + UUID.randomUUID() + "\"";
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type",
        "application/json; charset=UTF-8").end(body.encode());
  }

  /** Google's error body: {"error":{"code","message","errors":[{"message","domain","reason"}]}}. */
  static void error(RoutingContext ctx, int status, String reason, String message) {
    JsonObject error = new JsonObject().put("code", status).put("message", message)
        .put("errors", new JsonArray().add(new JsonObject().put("message", message)
            .put("domain", "global").put("reason", reason)));
    json(ctx, status, new JsonObject().put("error", error));
  }
}
