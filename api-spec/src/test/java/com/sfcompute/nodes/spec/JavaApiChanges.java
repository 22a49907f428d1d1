package com.sfcompute.nodes.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The changes between two versions of the spec as a Java user of the generated client sees them.
 *
 * <p>openapi-diff judges a change from an HTTP client's point of view: a response property, an enum
 * value or a status code that disappears is harmless to a client that ignores what it does not
 * know. A Java user compiles against classes generated from the spec, where each of those is a
 * getter, a constant or a method: removing it breaks their build. This walker lists removals (and
 * additions) by name, one line each, so the gate can fail on them and say what broke.
 */
final class JavaApiChanges {
  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  /** The keys whose values are documentation only: they change no generated signature. */
  private static final Set<String> DOCS_KEYS =
      Set.of("description", "summary", "example", "examples", "externalDocs");

  /** One change, as one line: what, where, and what it does to Java callers. */
  record Change(boolean breaking, String what, String where, String java) {
    String line() {
      return (breaking ? "BREAKING  " : "additive  ") + what + ": " + where + " -- " + java;
    }
  }

  private final JsonNode oldSpec;
  private final JsonNode newSpec;
  private final List<Change> changes = new ArrayList<>();

  private JavaApiChanges(JsonNode oldSpec, JsonNode newSpec) {
    this.oldSpec = oldSpec;
    this.newSpec = newSpec;
  }

  /** Every Java-visible change from {@code oldSpec} to {@code newSpec}, breaking ones first. */
  static List<Change> between(JsonNode oldSpec, JsonNode newSpec) {
    JavaApiChanges walk = new JavaApiChanges(oldSpec, newSpec);
    walk.schemas();
    walk.operations();
    List<Change> sorted = new ArrayList<>(walk.changes);
    sorted.sort((a, b) -> Boolean.compare(b.breaking(), a.breaking()));
    return sorted;
  }

  /**
   * Whether the two documents differ only in documentation (descriptions, summaries, examples,
   * {@code info}): nothing in the generated code or on the wire changes.
   */
  static boolean sameApi(JsonNode oldSpec, JsonNode newSpec) {
    return withoutDocs(oldSpec).equals(withoutDocs(newSpec));
  }

  private static JsonNode withoutDocs(JsonNode spec) {
    JsonNode copy = spec.deepCopy();
    if (copy.isObject()) {
      ((ObjectNode) copy).remove("info");
    }
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node.isObject()) {
      ((ObjectNode) node).remove(DOCS_KEYS);
    }
    node.forEach(JavaApiChanges::strip);
  }

  // ---- schemas -------------------------------------------------------------------------------

  private void schemas() {
    JsonNode oldSchemas = oldSpec.path("components").path("schemas");
    JsonNode newSchemas = newSpec.path("components").path("schemas");
    for (String name : names(oldSchemas)) {
      if (!newSchemas.has(name)) {
        changes.add(
            new Change(
                true,
                "schema removed",
                "components.schemas." + name,
                "the generated class "
                    + name
                    + " disappears; Java code that uses it stops"
                    + " compiling"));
      } else {
        schema(name, name, oldSchemas.get(name), newSchemas.get(name));
      }
    }
    for (String name : names(newSchemas)) {
      if (!oldSchemas.has(name)) {
        changes.add(
            new Change(
                false,
                "schema added",
                "components.schemas." + name,
                "a new generated class " + name));
      }
    }
  }

  /**
   * Compares one schema: its properties, enum values and the schemas nested in it.
   *
   * @param where a readable location ({@code Node.zone}, {@code GET /v1/nodes 200})
   * @param model the generated class the properties end up in
   */
  private void schema(String where, String model, JsonNode oldSchema, JsonNode newSchema) {
    JsonNode oldProperties = oldSchema.path("properties");
    JsonNode newProperties = newSchema.path("properties");
    for (String property : names(oldProperties)) {
      String at = where + "." + property;
      if (!newProperties.has(property)) {
        String accessor = camel(property);
        changes.add(
            new Change(
                true,
                "property removed",
                at,
                model
                    + ".get"
                    + accessor
                    + "() and set"
                    + accessor
                    + "(..) disappear from the generated model; Java code that calls them stops"
                    + " compiling"));
      } else {
        schema(at, model, oldProperties.get(property), newProperties.get(property));
      }
    }
    for (String property : names(newProperties)) {
      if (!oldProperties.has(property)) {
        String accessor = camel(property);
        changes.add(
            new Change(
                false,
                "property added",
                where + "." + property,
                "new " + model + ".get" + accessor + "() and set" + accessor + "(..)"));
      }
    }

    Set<String> oldValues = values(oldSchema.path("enum"));
    Set<String> newValues = values(newSchema.path("enum"));
    for (String value : oldValues) {
      if (!newValues.contains(value)) {
        changes.add(
            new Change(
                true,
                "enum value removed",
                where + " '" + value + "'",
                "the constant "
                    + model
                    + "."
                    + constant(value)
                    + " disappears; Java code that names it (a switch, a comparison) stops"
                    + " compiling"));
      }
    }
    for (String value : newValues) {
      if (!oldValues.contains(value) && !oldValues.isEmpty()) {
        changes.add(
            new Change(
                false,
                "enum value added",
                where + " '" + value + "'",
                "a new constant " + model + "." + constant(value)));
      }
    }

    nested(where, model, "items", oldSchema, newSchema);
    nested(where, model, "additionalProperties", oldSchema, newSchema);
    for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
      JsonNode oldMembers = oldSchema.path(combinator);
      JsonNode newMembers = newSchema.path(combinator);
      for (int i = 0; i < Math.min(oldMembers.size(), newMembers.size()); i++) {
        member(where, model, oldMembers.get(i), newMembers.get(i));
      }
    }
  }

  private void nested(
      String where, String model, String key, JsonNode oldSchema, JsonNode newSchema) {
    if (oldSchema.path(key).isObject() && newSchema.path(key).isObject()) {
      member(where, model, oldSchema.path(key), newSchema.path(key));
    }
  }

  /** A nested schema: a $ref is compared where it is declared, an inline one here. */
  private void member(String where, String model, JsonNode oldSchema, JsonNode newSchema) {
    if (!oldSchema.has("$ref") && !newSchema.has("$ref")) {
      schema(where, model, oldSchema, newSchema);
    }
  }

  // ---- operations ----------------------------------------------------------------------------

  private void operations() {
    JsonNode oldPaths = oldSpec.path("paths");
    JsonNode newPaths = newSpec.path("paths");
    for (String path : names(oldPaths)) {
      for (String method : METHODS) {
        JsonNode oldOperation = oldPaths.path(path).path(method);
        if (!oldOperation.isObject()) {
          continue;
        }
        String where = method.toUpperCase(Locale.ROOT) + " " + path;
        JsonNode newOperation = newPaths.path(path).path(method);
        if (!newOperation.isObject()) {
          changes.add(
              new Change(
                  true,
                  "operation removed",
                  where + operationId(oldOperation),
                  "the generated API method"
                      + operationId(oldOperation)
                      + " disappears, and with it the SDK call built on it; Java code that calls"
                      + " it stops compiling or fails"));
        } else {
          operation(where, oldPaths.path(path), oldOperation, newPaths.path(path), newOperation);
        }
      }
    }
    for (String path : names(newPaths)) {
      for (String method : METHODS) {
        JsonNode newOperation = newPaths.path(path).path(method);
        if (newOperation.isObject() && !oldPaths.path(path).path(method).isObject()) {
          changes.add(
              new Change(
                  false,
                  "operation added",
                  method.toUpperCase(Locale.ROOT) + " " + path + operationId(newOperation),
                  "a new generated API method" + operationId(newOperation)));
        }
      }
    }
  }

  private void operation(
      String where, JsonNode oldPath, JsonNode oldOperation, JsonNode newPath, JsonNode newOp) {
    Map<String, JsonNode> oldParameters = parameters(oldSpec, oldPath, oldOperation);
    Map<String, JsonNode> newParameters = parameters(newSpec, newPath, newOp);
    for (String parameter : oldParameters.keySet()) {
      if (!newParameters.containsKey(parameter)) {
        changes.add(
            new Change(
                true,
                "parameter removed",
                where + " " + parameter,
                "the argument disappears from the generated method"
                    + operationId(oldOperation)
                    + " (its signature changes) and from the SDK's params builder; Java code"
                    + " that passes it stops compiling"));
      }
    }
    for (String parameter : newParameters.keySet()) {
      if (!oldParameters.containsKey(parameter)) {
        boolean required = newParameters.get(parameter).path("required").asBoolean(false);
        changes.add(
            new Change(
                required,
                required ? "required parameter added" : "parameter added",
                where + " " + parameter,
                required
                    ? "the generated method"
                        + operationId(newOp)
                        + " takes one more argument; Java code that calls it stops compiling"
                    : "a new argument of the generated method" + operationId(newOp)));
      }
    }

    JsonNode oldResponses = oldOperation.path("responses");
    JsonNode newResponses = newOp.path("responses");
    for (String status : names(oldResponses)) {
      if (!newResponses.has(status)) {
        changes.add(
            new Change(
                true,
                "response status removed",
                where + " " + status,
                "the answer Java callers were written for (a success model, or the typed error"
                    + " they catch) is no longer part of the contract; code handling it compiles"
                    + " against a promise the API withdrew"));
      } else {
        content(
            where + " " + status + " response", oldResponses.get(status), newResponses.get(status));
      }
    }
    for (String status : names(newResponses)) {
      if (!oldResponses.has(status)) {
        changes.add(
            new Change(false, "response status added", where + " " + status, "a new answer"));
      }
    }
    content(where + " request body", oldOperation.path("requestBody"), newOp.path("requestBody"));
  }

  /** Inline schemas of a request body or response (a $ref schema is compared as a component). */
  private void content(String where, JsonNode oldHolder, JsonNode newHolder) {
    JsonNode oldContent = oldHolder.path("content");
    for (String mediaType : names(oldContent)) {
      JsonNode oldSchema = oldContent.path(mediaType).path("schema");
      JsonNode newSchema = newHolder.path("content").path(mediaType).path("schema");
      if (oldSchema.isObject() && newSchema.isObject()) {
        member(where, "the generated model of the " + where, oldSchema, newSchema);
      }
    }
  }

  /** Parameters of an operation with the path's own, $refs resolved, keyed "in:name". */
  private static Map<String, JsonNode> parameters(JsonNode spec, JsonNode path, JsonNode op) {
    Map<String, JsonNode> parameters = new LinkedHashMap<>();
    for (JsonNode list : List.of(path.path("parameters"), op.path("parameters"))) {
      for (JsonNode parameter : list) {
        JsonNode resolved = resolve(spec, parameter);
        parameters.put(
            resolved.path("in").asText() + " parameter '" + resolved.path("name").asText() + "'",
            resolved);
      }
    }
    return parameters;
  }

  private static JsonNode resolve(JsonNode spec, JsonNode node) {
    String ref = node.path("$ref").asText("");
    if (!ref.startsWith("#/")) {
      return node;
    }
    return spec.at(ref.substring(1));
  }

  private static String operationId(JsonNode operation) {
    String id = operation.path("operationId").asText("");
    return id.isEmpty() ? "" : " " + id + "()";
  }

  // ---- names ---------------------------------------------------------------------------------

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static Set<String> values(JsonNode array) {
    Set<String> values = new LinkedHashSet<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  /**
   * {@code cloud_init_user_data} -> {@code CloudInitUserData}, as the generator names accessors.
   */
  static String camel(String property) {
    StringBuilder out = new StringBuilder();
    boolean upper = true;
    for (int i = 0; i < property.length(); i++) {
      char c = property.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        upper = true;
      } else if (upper) {
        out.append(Character.toUpperCase(c));
        upper = false;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** {@code NodeFailure} -> {@code NODE_FAILURE}, {@code seqnum_asc} -> {@code SEQNUM_ASC}. */
  static String constant(String value) {
    StringBuilder out = new StringBuilder();
    char previous = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        c = '_';
      } else if (Character.isUpperCase(c) && Character.isLowerCase(previous)) {
        out.append('_');
      }
      out.append(Character.toUpperCase(c));
      previous = c;
    }
    return out.toString();
  }
}
