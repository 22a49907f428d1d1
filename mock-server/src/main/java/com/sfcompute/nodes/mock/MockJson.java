package com.sfcompute.nodes.mock;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.sfcompute.nodes.internal.json.WireFormats;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The one Gson of the mock, shaped like the API's JSON.
 *
 * <p>{@code format: byte} fields are base64 text, times are RFC 3339 in UTC, {@code <} and {@code
 * >} stay as they are (user data is shell scripts), and nulls are written: {@code Vm.start_at} and
 * {@code Vm.end_at} are required even when null.
 */
final class MockJson {
  static final Gson GSON = WireFormats.apply(new GsonBuilder()).serializeNulls().create();

  private MockJson() {}

  /**
   * Parses {@code text} as exactly one JSON value, refusing what a lenient parser would let through
   * (unquoted names, single quotes, trailing garbage).
   *
   * @throws JsonParseException with a message naming the position of the first problem
   */
  static JsonElement parseStrict(String text) {
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement element = GSON.getAdapter(JsonElement.class).read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new JsonParseException("Unexpected data after the JSON value " + reader.getPath());
      }
      return element;
    } catch (IOException | IllegalStateException e) {
      throw new JsonParseException(e.getMessage(), e);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static OffsetDateTime utc(long epochMillis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }
}
