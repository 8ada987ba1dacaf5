package io.slxconnect.hub.http;

import io.slxconnect.hub.auth.Permission;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The OpenAPI 3.1 document that ships with the hub ({@code openapi.json}) read as the source of
 * the API's routes: path, method, required permission ({@code x-permission}), request body schema
 * and query parameters of every operation. The router is built from it, so the routes and the
 * document cannot drift apart.
 */
public final class OpenApiContract {

  private static final String RESOURCE = "openapi.json";

  private final JsonObject document;
  private final List<OperationSpec> operations;

  /**
   * One operation of the document.
   *
   * @param id the operationId
   * @param method the HTTP method
   * @param path the OpenAPI path, with {@code {param}} placeholders
   * @param permission what the caller needs
   * @param bodySchema the JSON Schema of the request body, when it takes a JSON one
   * @param queryParameters the query parameters with their schemas
   */
  public record OperationSpec(String id, HttpMethod method, String path, Permission permission,
      Optional<JsonObject> bodySchema, List<Parameter> queryParameters) {

    /** @return the path in Vert.x syntax, {@code :param} */
    public String routerPath() {
      return path.replaceAll("\\{([^}]+)}", ":$1");
    }
  }

  /**
   * A query parameter.
   *
   * @param name its name
   * @param schema its schema
   */
  public record Parameter(String name, JsonObject schema) {
  }

  private OpenApiContract(JsonObject document) {
    this.document = document;
    this.operations = List.copyOf(parse(document));
  }

  /** @return the contract shipped on the class path */
  public static OpenApiContract load() {
    try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return new OpenApiContract(new JsonObject(new String(in.readAllBytes(),
          StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the whole document, as served at /api/v1/openapi.json */
  public JsonObject document() {
    return document;
  }

  /** @return every operation, in document order */
  public List<OperationSpec> operations() {
    return operations;
  }

  private static List<OperationSpec> parse(JsonObject doc) {
    JsonObject components = doc.getJsonObject("components");
    List<OperationSpec> specs = new ArrayList<>();
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        JsonObject op = item.getJsonObject(method);
        String id = op.getString("operationId");
        String permission = op.getString("x-permission");
        if (id == null || permission == null) {
          throw new IllegalStateException(method + " " + path
              + " needs an operationId and an x-permission");
        }
        specs.add(new OperationSpec(id, HttpMethod.valueOf(method.toUpperCase()), path,
            Permission.fromName(permission), bodySchema(op, components),
            queryParameters(op, components)));
      }
    }
    return specs;
  }

  private static Optional<JsonObject> bodySchema(JsonObject op, JsonObject components) {
    JsonObject body = op.getJsonObject("requestBody");
    JsonObject json = body == null ? null
        : body.getJsonObject("content").getJsonObject("application/json");
    if (json == null) {
      // No body, or one the operation reads itself (a file upload).
      return Optional.empty();
    }
    return Optional.of(resolve(json.getJsonObject("schema"), components));
  }

  private static List<Parameter> queryParameters(JsonObject op, JsonObject components) {
    List<Parameter> params = new ArrayList<>();
    for (Object p : op.getJsonArray("parameters", new io.vertx.core.json.JsonArray())) {
      JsonObject param = resolve((JsonObject) p, components);
      if ("query".equals(param.getString("in"))) {
        params.add(new Parameter(param.getString("name"), param.getJsonObject("schema")));
      }
    }
    return params;
  }

  /** Follows a local {@code $ref} into components; request schemas hold no nested refs. */
  private static JsonObject resolve(JsonObject node, JsonObject components) {
    String ref = node.getString("$ref");
    if (ref == null) {
      return node;
    }
    String[] parts = ref.replaceFirst("^#/components/", "").split("/");
    JsonObject target = components.getJsonObject(parts[0]).getJsonObject(parts[1]);
    if (target == null) {
      throw new IllegalStateException("Unresolved reference " + ref);
    }
    if (target.encode().contains("\"$ref\"") && "schemas".equals(parts[0])) {
      throw new IllegalStateException("Request schema " + ref + " must not hold references");
    }
    return target;
  }
}
