package io.slxconnect.hub.http;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON value against a JSON Schema (draft 2020-12) and turns every violation into a
 * {@link ApiException.FieldError} that names the field, as a JSON pointer, and says what is
 * wrong in words: unknown fields, wrong types, missing fields, values out of range.
 */
public final class BodyValidator {

  private final Validator validator;

  /**
   * Creates a validator.
   *
   * @param schema the schema
   */
  public BodyValidator(JsonObject schema) {
    // JsonSchema.of annotates the object it is given; validate against a copy.
    this.validator = Validator.create(JsonSchema.of(schema.copy()), new JsonSchemaOptions()
        .setDraft(Draft.DRAFT202012)
        .setBaseUri("https://slxconnect.io/schemas/")
        .setOutputFormat(OutputFormat.Basic));
  }

  /**
   * Validates.
   *
   * @param value the value
   * @param prefix a JSON pointer put before every field, such as {@code /settings}
   * @return the violations, empty when the value is valid
   */
  public List<ApiException.FieldError> validate(Object value, String prefix) {
    OutputUnit result = validator.validate(value);
    if (Boolean.TRUE.equals(result.getValid())) {
      return List.of();
    }
    // The validator reports a failed keyword and its parent (such as "properties"); keep the
    // most precise message per field.
    Map<String, String> byField = new LinkedHashMap<>();
    List<OutputUnit> units = result.getErrors() == null ? List.of() : result.getErrors();
    for (OutputUnit unit : units) {
      String field = prefix + pointer(unit.getInstanceLocation());
      String message = unit.getError();
      String unknown = unknownProperty(message);
      if (unknown != null) {
        if (!field.endsWith("/" + unknown)) {
          field = field + "/" + unknown;
        }
        message = "Unknown field '" + unknown + "'";
      }
      byField.putIfAbsent(field, message);
    }
    // "items" or "properties" failing at /emails only repeats what /emails/0 says precisely.
    byField.keySet().removeIf(field -> byField.keySet().stream()
        .anyMatch(other -> other.startsWith(field.endsWith("/") ? field : field + "/")));
    if (byField.isEmpty()) {
      byField.put(prefix.isEmpty() ? "/" : prefix, "Does not match the expected shape");
    }
    List<ApiException.FieldError> errors = new ArrayList<>();
    byField.forEach((field, message) -> errors.add(new ApiException.FieldError(field, message)));
    return errors;
  }

  private static String pointer(String instanceLocation) {
    if (instanceLocation == null) {
      return "";
    }
    String p = instanceLocation.replaceFirst("^#", "");
    return p.equals("/") ? "" : p;
  }

  /** The property named by an additionalProperties failure, or null. */
  private static String unknownProperty(String message) {
    if (message == null) {
      return null;
    }
    var m = java.util.regex.Pattern.compile("Property \"?'?([^\"']+)'?\"? does not match "
        + "(additional properties|unevaluated properties)").matcher(message);
    return m.find() ? m.group(1) : null;
  }
}
