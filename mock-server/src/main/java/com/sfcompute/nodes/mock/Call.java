package com.sfcompute.nodes.mock;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One validated request, as a route's action sees it. */
final class Call {
  private final Map<String, String> pathParams;
  private final Map<String, List<String>> query;
  private final @Nullable JsonElement body;

  Call(
      Map<String, String> pathParams, Map<String, List<String>> query, @Nullable JsonElement body) {
    this.pathParams = pathParams;
    this.query = query;
    this.body = body;
  }

  String path(String name) {
    String value = pathParams.get(name);
    if (value == null) {
      throw new IllegalStateException("No path parameter " + name);
    }
    return value;
  }

  /** The first value of query parameter {@code name}, or null. */
  @Nullable String query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  List<String> queryAll(String name) {
    List<String> values = query.get(name);
    return values == null ? Collections.emptyList() : values;
  }

  // The spec has checked the query's types before an action runs: these parse what it let through.

  @Nullable Long queryLong(String name) {
    String value = query(name);
    return value == null ? null : Long.valueOf(value);
  }

  @Nullable Integer queryInt(String name) {
    String value = query(name);
    return value == null ? null : Integer.valueOf(value);
  }

  @Nullable OffsetDateTime queryTime(String name) {
    String value = query(name);
    return value == null ? null : OffsetDateTime.parse(value);
  }

  JsonElement json() {
    return body == null ? JsonNull.INSTANCE : body;
  }

  <T> T body(Class<T> type) {
    T value = MockJson.GSON.fromJson(json(), type);
    if (value == null) {
      throw ApiException.invalid("missing_field", "A request body is required", null);
    }
    return value;
  }
}
