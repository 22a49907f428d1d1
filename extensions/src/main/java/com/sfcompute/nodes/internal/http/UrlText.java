package com.sfcompute.nodes.internal.http;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import okhttp3.HttpUrl;

/**
 * Values as the API's URLs carry them: path segments and query values, encoded as Retrofit does.
 */
final class UrlText {
  /** Retrofit's path characters to encode: these, controls, non-ASCII, {@code /} and {@code %}. */
  private static final String PATH_ENCODE = " \"<>^`{}|\\?#/%";

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UrlText() {}

  /**
   * A path or query value as the API wants it. {@code OffsetDateTime.toString()} drops the seconds
   * at :00, which is not RFC 3339; every other value (strings, numbers, the generated enums) is its
   * {@code toString()}.
   */
  static String text(Object value) {
    return value instanceof OffsetDateTime
        ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format((OffsetDateTime) value)
        : value.toString();
  }

  /**
   * {@code value} as one encoded path segment, as Retrofit encodes a {@code @Path}: controls,
   * non-ASCII (as UTF-8), {@code /}, {@code %} and {@code "<>^`{}|\?#} percent-encoded.
   */
  static String pathSegment(String name, String value) {
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c < 0x20 || c >= 0x7f || PATH_ENCODE.indexOf(c) >= 0) {
        break;
      }
      i++;
    }
    String segment = i == value.length() ? value : encode(value, i);
    if (segment.equals(".") || segment.equals("..")) {
      throw new IllegalArgumentException(
          "@Path parameters shouldn't perform path traversal ('.' or '..'): " + name);
    }
    return segment;
  }

  private static String encode(String value, int from) {
    StringBuilder out = new StringBuilder(value.length() + 16).append(value, 0, from);
    byte[] utf8 = value.substring(from).getBytes(StandardCharsets.UTF_8);
    for (byte b : utf8) {
      int c = b & 0xff;
      if (c < 0x20 || c >= 0x7f || PATH_ENCODE.indexOf(c) >= 0) {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }

  /**
   * The query as RFC 3986 and the official SDKs encode it: {@code ~} literal and {@code *} as
   * {@code %2A}. OkHttp does the opposite for these two characters, and only these two: every other
   * printable ASCII character already matches.
   */
  static HttpUrl rfc3986Query(HttpUrl url) {
    String query = url.encodedQuery();
    if (query == null || (query.indexOf('*') < 0 && !query.contains("%7E"))) {
      return url;
    }
    return url.newBuilder().encodedQuery(query.replace("*", "%2A").replace("%7E", "~")).build();
  }
}
