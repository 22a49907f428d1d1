package com.sfcompute.nodes.mock;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import com.sfcompute.nodes.model.VmScript;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The start-up script ({@code /v0/vms/script}): one, set and read whole, kept as bytes and answered
 * as a string or as bytes. {@link World} calls it under its own monitor.
 */
final class StartupScript {
  private final Settings settings;
  private final MockCounters counters;
  private byte @Nullable [] script;

  StartupScript(Settings settings, MockCounters counters) {
    this.settings = settings;
    this.counters = counters;
  }

  void reset() {
    script = null;
  }

  VmScript get() {
    byte[] current = script;
    if (current == null) {
      throw ApiException.notFound("No start-up script has been set");
    }
    return new VmScript().script(scriptJson(current));
  }

  VmScript set(JsonElement value) {
    byte[] bytes;
    if (value.isJsonArray()) {
      JsonArray array = value.getAsJsonArray();
      bytes = new byte[array.size()];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) array.get(i).getAsInt();
      }
    } else {
      bytes = value.getAsString().getBytes(StandardCharsets.UTF_8);
    }
    script = bytes;
    counters.scriptUpdated();
    return new VmScript().script(scriptJson(bytes));
  }

  byte @Nullable [] bytes() {
    byte[] current = script;
    return current == null ? null : current.clone();
  }

  private JsonElement scriptJson(byte[] bytes) {
    if (settings.scriptForm == ScriptForm.STRING) {
      try {
        CharBuffer text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
        return new JsonPrimitive(text.toString());
      } catch (CharacterCodingException notUtf8) {
        // The API answers scripts that are not UTF-8 as bytes; so does the mock.
      }
    }
    JsonArray array = new JsonArray();
    for (byte b : bytes) {
      array.add(b & 0xff);
    }
    return array;
  }
}
