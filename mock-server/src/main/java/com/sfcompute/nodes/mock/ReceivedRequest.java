package com.sfcompute.nodes.mock;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A request as the mock received it, before any fault or check: for assertions on what a client
 * sent (an {@code Idempotency-Key} kept across retries, a header, a body). Immutable.
 */
public final class ReceivedRequest {
  private final String method;
  private final String path;
  private final @Nullable String query;
  private final Map<String, List<String>> headers;
  private final String body;

  ReceivedRequest(
      String method,
      String path,
      @Nullable String query,
      Map<String, List<String>> headers,
      String body) {
    this.method = method;
    this.path = path;
    this.query = query;
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, values) -> copy.put(name, Collections.unmodifiableList(new ArrayList<>(values))));
    this.headers = Collections.unmodifiableMap(copy);
    this.body = body;
  }

  /** The method, upper case. */
  public String method() {
    return method;
  }

  /** The path as sent (percent-encoded), without the query. */
  public String path() {
    return path;
  }

  /** The query as sent (percent-encoded), without the {@code ?}, or null if there was none. */
  public @Nullable String query() {
    return query;
  }

  /** The first value of header {@code name} (any case), or null. */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Every header, by case-insensitive name. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The body as UTF-8 text; empty if there was none. */
  public String body() {
    return body;
  }

  @Override
  public String toString() {
    return method + " " + path + (query == null ? "" : "?" + query);
  }
}
