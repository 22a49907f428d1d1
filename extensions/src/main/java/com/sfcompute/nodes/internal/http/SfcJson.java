package com.sfcompute.nodes.internal.http;

import com.google.gson.Gson;
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
 * The one Gson configuration the SDK reads and writes the API's JSON with.
 *
 * <p>Internal: not part of the public API and may change in any release.
 *
 * <p>Gson's defaults do not fit this API: {@code format: byte} fields ({@code byte[]}) would go out
 * as an array of numbers instead of one base64 string, and {@code =} would be escaped as {@code
 * \u003d}. Unknown JSON fields are ignored (Gson's default, relied upon).
 */
public final class SfcJson {
  private static final Gson GSON =
      new GsonBuilder()
          .disableHtmlEscaping()
          .registerTypeAdapter(byte[].class, new Base64Adapter().nullSafe())
          .registerTypeAdapter(OffsetDateTime.class, new OffsetDateTimeAdapter().nullSafe())
          .create();

  private SfcJson() {}

  /** The shared, thread-safe instance. */
  public static Gson gson() {
    return GSON;
  }

  /** {@code format: byte}: standard base64 with padding out; standard or URL-safe base64 in. */
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

  /** RFC 3339 timestamps ({@code format: date-time}). */
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
