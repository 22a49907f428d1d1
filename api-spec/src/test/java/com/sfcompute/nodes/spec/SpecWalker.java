package com.sfcompute.nodes.spec;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the schemas and examples of an OpenAPI 3.0 document by its structure, on the raw JSON tree
 * so that every find carries the JSON pointer a failure message can name.
 *
 * <p>References are not followed: what a {@code $ref} points at is visited where it is declared, so
 * everything is found exactly once.
 */
final class SpecWalker {
  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final List<String> SCHEMA_LISTS = List.of("allOf", "anyOf", "oneOf");

  /** An example value and the schema it must satisfy. */
  record Example(JsonPointer value, JsonPointer schema) {}

  private final JsonNode root;
  private final Map<JsonPointer, JsonNode> schemas = new LinkedHashMap<>();
  private final Map<JsonPointer, Example> examples = new LinkedHashMap<>();

  private SpecWalker(JsonNode root) {
    this.root = root;
    JsonPointer paths = JsonPointer.compile("/paths");
    for (String path : names(root.path("paths"))) {
      JsonPointer item = paths.appendProperty(path);
      parameters(item.appendProperty("parameters"));
      for (String method : METHODS) {
        JsonPointer operation = item.appendProperty(method);
        if (at(operation).isMissingNode()) {
          continue;
        }
        parameters(operation.appendProperty("parameters"));
        JsonPointer requestBody = operation.appendProperty("requestBody");
        if (!isRef(requestBody)) {
          content(requestBody.appendProperty("content"));
        }
        JsonPointer responses = operation.appendProperty("responses");
        for (String status : names(at(responses))) {
          response(responses.appendProperty(status));
        }
      }
    }
    JsonPointer components = JsonPointer.compile("/components");
    JsonPointer parameters = components.appendProperty("parameters");
    for (String name : names(at(parameters))) {
      parameter(parameters.appendProperty(name));
    }
    JsonPointer requestBodies = components.appendProperty("requestBodies");
    for (String name : names(at(requestBodies))) {
      content(requestBodies.appendProperty(name).appendProperty("content"));
    }
    JsonPointer responses = components.appendProperty("responses");
    for (String name : names(at(responses))) {
      response(responses.appendProperty(name));
    }
    JsonPointer componentSchemas = components.appendProperty("schemas");
    for (String name : names(at(componentSchemas))) {
      schema(componentSchemas.appendProperty(name));
    }
  }

  static SpecWalker of(JsonNode document) {
    return new SpecWalker(document);
  }

  /** Every schema object that is not a bare reference, keyed by where it is declared. */
  Map<JsonPointer, JsonNode> schemas() {
    return schemas;
  }

  /** Every example, schema-level ({@code example}) or not ({@code example}, {@code examples}). */
  List<Example> examples() {
    return List.copyOf(examples.values());
  }

  /**
   * Counts the {@code example} keys and {@code examples} entries anywhere in {@code node}, by name
   * only: what the structured walk must find if it misses nothing.
   */
  static int countExampleKeys(JsonNode node) {
    int count = 0;
    if (node.isArray()) {
      for (JsonNode element : node) {
        count += countExampleKeys(element);
      }
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (field.getKey().equals("example")) {
        count++;
      } else if (field.getKey().equals("examples") && field.getValue().isObject()) {
        count += field.getValue().size();
      } else {
        count += countExampleKeys(field.getValue());
      }
    }
    return count;
  }

  private void parameters(JsonPointer list) {
    for (int i = 0; i < at(list).size(); i++) {
      JsonPointer parameter = list.appendIndex(i);
      if (!isRef(parameter)) {
        parameter(parameter);
      }
    }
  }

  private void parameter(JsonPointer parameter) {
    if (at(parameter).has("content")) {
      content(parameter.appendProperty("content"));
    } else {
      exampled(parameter);
    }
  }

  private void response(JsonPointer response) {
    if (!isRef(response)) {
      content(response.appendProperty("content"));
    }
  }

  private void content(JsonPointer content) {
    for (String mediaType : names(at(content))) {
      exampled(content.appendProperty(mediaType));
    }
  }

  /** A parameter or media type object: a schema with {@code example} or {@code examples}. */
  private void exampled(JsonPointer holder) {
    JsonPointer schema = holder.appendProperty("schema");
    schema(schema);
    if (at(holder).has("example")) {
      add(new Example(holder.appendProperty("example"), schema));
    }
    JsonPointer named = holder.appendProperty("examples");
    for (String name : names(at(named))) {
      JsonPointer example = named.appendProperty(name);
      if (isRef(example)) {
        example = JsonPointer.compile(at(example).get("$ref").asText().substring(1));
      }
      add(new Example(example.appendProperty("value"), schema));
    }
  }

  private void schema(JsonPointer schema) {
    JsonNode node = at(schema);
    if (!node.isObject() || node.has("$ref")) {
      return;
    }
    schemas.put(schema, node);
    if (node.has("example")) {
      add(new Example(schema.appendProperty("example"), schema));
    }
    JsonPointer properties = schema.appendProperty("properties");
    for (String property : names(at(properties))) {
      schema(properties.appendProperty(property));
    }
    schema(schema.appendProperty("items"));
    schema(schema.appendProperty("additionalProperties"));
    schema(schema.appendProperty("not"));
    for (String keyword : SCHEMA_LISTS) {
      JsonPointer list = schema.appendProperty(keyword);
      for (int i = 0; i < at(list).size(); i++) {
        schema(list.appendIndex(i));
      }
    }
  }

  private void add(Example example) {
    examples.put(example.value(), example);
  }

  private boolean isRef(JsonPointer pointer) {
    return at(pointer).has("$ref");
  }

  private JsonNode at(JsonPointer pointer) {
    return root.at(pointer);
  }

  private static List<String> names(JsonNode object) {
    return object.properties().stream().map(Map.Entry::getKey).toList();
  }
}
