package com.sfcompute.nodes.mock;

import com.google.gson.JsonElement;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The first answer to each {@code Idempotency-Key}, with what it answered.
 *
 * <p>A key is bound to its method, path and body: JSON bodies compare as JSON values (key order and
 * spacing do not matter), others byte for byte. Only requests that reached their action are kept;
 * requests refused by the token or spec checks, or by a fault before the action, leave the key
 * free. Callers hold the {@link World}'s monitor, which makes check, action and store one step.
 */
final class IdempotencyStore {
  private final Map<String, Entry> entries = new HashMap<>();

  MockResponse execute(
      String key,
      String method,
      String rawPath,
      @Nullable JsonElement json,
      String body,
      MockCounters counters,
      Supplier<MockResponse> action) {
    Entry previous = entries.get(key);
    if (previous != null) {
      if (previous.sameRequest(method, rawPath, json, body)) {
        counters.replayed();
        return previous.response.withHeader("Idempotent-Replayed", "true");
      }
      throw ApiException.of(
          422,
          "idempotency_error",
          "idempotency_key_reused",
          "Idempotency-Key "
              + key
              + " was first used for "
              + previous.method
              + " "
              + previous.rawPath
              + " with another body; send a new key for a new request",
          "Idempotency-Key");
    }
    MockResponse response = action.get();
    entries.put(key, new Entry(method, rawPath, json, body, response));
    return response;
  }

  void clear() {
    entries.clear();
  }

  private static final class Entry {
    final String method;
    final String rawPath;
    final @Nullable JsonElement json;
    final String body;
    final MockResponse response;

    Entry(
        String method,
        String rawPath,
        @Nullable JsonElement json,
        String body,
        MockResponse response) {
      this.method = method;
      this.rawPath = rawPath;
      this.json = json;
      this.body = body;
      this.response = response;
    }

    boolean sameRequest(String method, String rawPath, @Nullable JsonElement json, String body) {
      if (!this.method.equals(method) || !this.rawPath.equals(rawPath)) {
        return false;
      }
      return (this.json != null && json != null)
          ? this.json.equals(json)
          : Objects.equals(this.body, body);
    }
  }
}
