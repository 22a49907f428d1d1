package com.sfcompute.nodes.internal.json;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * How the spec's string formats map to the generated models' Java types on the wire: {@code format:
 * byte} ({@code byte[]}) is one standard base64 string, not Gson's array of numbers; {@code format:
 * date-time} ({@code OffsetDateTime}) is RFC 3339 with seconds. Kept beside the models so that the
 * SDK and the local stand-in read and write them the same way.
 *
 * <p>Internal: not part of the public API and may change in any release.
 */
public final class WireFormats {
  private WireFormats() {}

  /**
   * Registers both adapters, and turns off Gson's HTML escaping (it writes {@code =} as a unicode
   * escape).
   */
  public static GsonBuilder apply(GsonBuilder builder) {
    return builder
        .disableHtmlEscaping()
        .registerTypeAdapter(byte[].class, new Base64Adapter().nullSafe())
        .registerTypeAdapter(OffsetDateTime.class, new OffsetDateTimeAdapter().nullSafe());
  }

  /** Standard base64 with padding out; standard or URL-safe base64 in. */
  static final class Base64Adapter extends TypeAdapter<byte[]> {
    @Override
    public void write(JsonWriter out, byte[] value) throws IOException {
      out.value(Base64.getEncoder().encodeToString(value));
    }

    @Override
    public byte[] read(JsonReader in) throws IOException {
      String path = in.getPath();
      String text = in.nextString();
      try {
        boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
        return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
      } catch (IllegalArgumentException e) {
        throw new JsonParseException("Not base64 at " + path + ": " + e.getMessage(), e);
      }
    }
  }

  /** RFC 3339; {@code OffsetDateTime.toString()} would drop the seconds at :00. */
  static final class OffsetDateTimeAdapter extends TypeAdapter<OffsetDateTime> {
    @Override
    public void write(JsonWriter out, OffsetDateTime value) throws IOException {
      out.value(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
    }

    @Override
    public OffsetDateTime read(JsonReader in) throws IOException {
      String path = in.getPath();
      String text = in.nextString();
      try {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      } catch (DateTimeParseException e) {
        throw new JsonParseException("Not an RFC 3339 timestamp at " + path + ": " + text, e);
      }
    }
  }
}
