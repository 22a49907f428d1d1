package com.sfcompute.nodes;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The account's VM start-up script ({@code /v0/vms/script}). The API sends it either as a string or
 * as an array of byte values, and may use either form for the same script: this type accepts both
 * and gives text or bytes whichever the server sent.
 */
public final class StartupScript {
  private final byte[] bytes;
  private final boolean sentAsText;

  private StartupScript(byte[] bytes, boolean sentAsText) {
    this.bytes = bytes;
    this.sentAsText = sentAsText;
  }

  /** A script given as text; sent as a JSON string. */
  public static StartupScript ofText(String text) {
    return new StartupScript(Checks.notNull(text, "script").getBytes(UTF_8), true);
  }

  /** A script given as bytes; sent as an array of byte values. */
  public static StartupScript ofBytes(byte[] bytes) {
    return new StartupScript(Checks.notNull(bytes, "script").clone(), false);
  }

  /**
   * Reads the API's union: a string, or an array of numbers 0-255.
   *
   * @throws IllegalArgumentException when the value is neither
   */
  static StartupScript fromJson(JsonElement json) {
    if (json.isJsonPrimitive() && json.getAsJsonPrimitive().isString()) {
      return ofText(json.getAsString());
    }
    if (json.isJsonArray()) {
      JsonArray array = json.getAsJsonArray();
      byte[] bytes = new byte[array.size()];
      for (int i = 0; i < bytes.length; i++) {
        JsonElement element = array.get(i);
        int value =
            element.isJsonPrimitive() && element.getAsJsonPrimitive().isNumber()
                ? element.getAsInt()
                : -1;
        if (value < 0 || value > 255 || value != element.getAsDouble()) {
          throw new IllegalArgumentException(
              "script[" + i + "] is not a byte value (0-255): " + element);
        }
        bytes[i] = (byte) value;
      }
      return new StartupScript(bytes, false);
    }
    throw new IllegalArgumentException("script is neither a string nor an array of bytes");
  }

  JsonElement toJson() {
    if (sentAsText) {
      return new JsonPrimitive(new String(bytes, UTF_8));
    }
    JsonArray array = new JsonArray(bytes.length);
    for (byte b : bytes) {
      array.add(b & 0xff);
    }
    return array;
  }

  /** Whether the server sent (or the caller gave) the script as a string. */
  public boolean isText() {
    return sentAsText;
  }

  /** The script's bytes (a copy), in whichever form it came. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * The script as text, in whichever form it came.
   *
   * @throws IllegalStateException when the bytes are not valid UTF-8
   */
  public String text() {
    try {
      return UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("script is not valid UTF-8 text; use bytes()", e);
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof StartupScript && Arrays.equals(bytes, ((StartupScript) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The size and form only: scripts often hold secrets. */
  @Override
  public String toString() {
    return "StartupScript{"
        + bytes.length
        + " bytes, "
        + (sentAsText ? "text" : "byte array")
        + "}";
  }
}
