package com.sfcompute.nodes.mock;

import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One operation of the mock: a method, a spec-style path template and what it does. */
final class Route {
  interface Action {
    MockResponse apply(Call call);
  }

  final String method;
  final String template;
  final boolean takesBody;
  final boolean api;
  final Action action;
  private final String[] segments;

  /**
   * @param api false for the mock's own routes (image downloads): no token, no spec
   * @param takesBody whether the spec gives the operation a JSON request body
   */
  Route(String method, String template, boolean takesBody, boolean api, Action action) {
    this.method = method;
    this.template = template;
    this.takesBody = takesBody;
    this.api = api;
    this.action = action;
    this.segments = template.substring(1).split("/", -1);
  }

  /** The key counters use: {@code PUT /v1/nodes/{id}/redeploy}. */
  String key() {
    return method + " " + template;
  }

  /** Whether the operation changes state, so that an {@code Idempotency-Key} applies to it. */
  boolean mutating() {
    return !method.equals("GET");
  }

  /** The path parameters if {@code rawPath} fits the template, else null. */
  @Nullable Map<String, String> match(String rawPath) {
    if (!rawPath.startsWith("/")) {
      return null;
    }
    String[] parts = rawPath.substring(1).split("/", -1);
    if (parts.length != segments.length) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < parts.length; i++) {
      String segment = segments[i];
      if (segment.startsWith("{")) {
        if (parts[i].isEmpty()) {
          return null;
        }
        try {
          params.put(segment.substring(1, segment.length() - 1), decode(parts[i]));
        } catch (ApiException malformed) {
          return null;
        }
      } else if (!segment.equals(parts[i])) {
        return null;
      }
    }
    return params;
  }

  /** Percent-decodes a path segment or query part; {@code plusIsSpace} only for queries. */
  // The decoder's IllegalArgumentException becomes the client's 400, whose message says all it
  // says; an API answer carries no Java cause.
  @SuppressWarnings("UnusedException")
  static String decode(String raw, boolean plusIsSpace) {
    try {
      return URLDecoder.decode(plusIsSpace ? raw : raw.replace("+", "%2B"), "UTF-8");
    } catch (UnsupportedEncodingException e) {
      throw new AssertionError("Every JVM has UTF-8", e);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("invalid_value", "Malformed percent-encoding: " + raw, null);
    }
  }

  private static String decode(String segment) {
    return decode(segment, false);
  }

  /** Parses a raw query into decoded names and values, keeping repeated keys in order. */
  // split("&") drops trailing empty pairs, which the loop skips anyway.
  @SuppressWarnings("StringSplitter")
  static Map<String, List<String>> parseQuery(@Nullable String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return new LinkedHashMap<>();
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
      query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return query;
  }
}
