package com.sfcompute.nodes;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Argument checks that name the field, so that bad input fails before any network call. */
final class Checks {
  private Checks() {}

  static <T> T notNull(@Nullable T value, String field) {
    if (value == null) { // The message is built only on failure: checks run on every call.
      throw new NullPointerException(field + " == null");
    }
    return value;
  }

  static String notBlank(@Nullable String value, String field) {
    notNull(value, field);
    if (value.trim().isEmpty()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }

  /**
   * A value that goes into a URL path segment. Any character is fine (it is percent-encoded), but
   * {@code .} and {@code ..} would change the path itself.
   */
  static String pathSegment(@Nullable String value, String field) {
    notBlank(value, field);
    if (value.equals(".") || value.equals("..")) {
      throw new IllegalArgumentException(field + " must not be \"" + value + "\"");
    }
    return value;
  }

  /** A timeout OkHttp can carry: at least 1 ms (less would mean "none"), at most 24 days. */
  static Duration timeout(@Nullable Duration value, String field) {
    notNull(value, field);
    if (value.compareTo(Duration.ofMillis(1)) < 0 || value.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          field + " must be between 1 ms and " + Integer.MAX_VALUE + " ms (was " + value + ")");
    }
    return value;
  }

  /**
   * A required builder field. Every params class reports a missing one the same way: an {@link
   * IllegalStateException} from {@code build()}, since the builder, not an argument, is at fault.
   */
  static <T> T required(@Nullable T value, String field) {
    if (value == null) {
      throw new IllegalStateException("`" + field + "` is required, but was not set");
    }
    return value;
  }

  /**
   * A duration the API carries in whole seconds. Refused rather than rounded when it has a fraction
   * of a second, so that what is sent is what the caller wrote.
   */
  static long wholeSeconds(@Nullable Duration value, String field) {
    notNull(value, field);
    if (value.getNano() != 0) {
      throw new IllegalArgumentException(
          field + " must be a whole number of seconds (the API counts seconds), was " + value);
    }
    return value.getSeconds();
  }

  /**
   * An instant the API carries as Unix seconds (int64, which holds every {@link Instant}). Refused
   * rather than truncated when it has a fraction of a second.
   */
  static long unixSeconds(@Nullable Instant value, String field) {
    notNull(value, field);
    if (value.getNano() != 0) {
      throw new IllegalArgumentException(
          field
              + " must be a whole number of seconds (the API carries Unix seconds), was "
              + value
              + "; use truncatedTo(ChronoUnit.SECONDS)");
    }
    return value.getEpochSecond();
  }

  // RFC 3339 has four-digit years: 0000-01-01T00:00:00Z up to the last instant of 9999. As epoch
  // seconds, not parsed: parsing would load the java.time.format machinery on every client's first
  // call (ChecksTest pins the two values).
  static final Instant RFC_3339_MIN = Instant.ofEpochSecond(-62_167_219_200L);
  static final Instant RFC_3339_MAX = Instant.ofEpochSecond(253_402_300_799L, 999_999_999);

  /** An instant the API carries as an RFC 3339 date-time, which has years 0000 to 9999 only. */
  static Instant rfc3339(@Nullable Instant value, String field) {
    notNull(value, field);
    if (value.isBefore(RFC_3339_MIN) || value.isAfter(RFC_3339_MAX)) {
      throw new IllegalArgumentException(
          field
              + " must be between "
              + RFC_3339_MIN
              + " and "
              + RFC_3339_MAX
              + " (RFC 3339 has four-digit years), was "
              + value);
    }
    return value;
  }

  /**
   * A header's name and value, checked before any request: a name of token characters, a value
   * without line breaks or control characters (which would split or corrupt the request). The
   * message names the header but never quotes the value: it may be a secret.
   */
  static void header(@Nullable String name, @Nullable String value, String field) {
    notBlank(name, field + " name");
    notNull(value, field + " value");
    for (int i = 0; i < name.length(); i++) {
      if (!tchar(name.charAt(i))) {
        throw new IllegalArgumentException(
            field
                + " name must be an HTTP token (at char "
                + i
                + ": "
                + describe(name.charAt(i))
                + ")");
      }
    }
    headerValue(value, field + " " + name);
  }

  /** A header value: visible ASCII, spaces and tabs (not at either end); no CR, LF or controls. */
  static String headerValue(String value, String field) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c >= 0x7f) {
        throw new IllegalArgumentException(
            field + " must not contain " + describe(c) + " (at char " + i + ")");
      }
    }
    return value;
  }

  /**
   * A bearer token: visible ASCII only. A trailing newline (a token read from a file) is the usual
   * culprit; the message says where, never what the token is.
   */
  static String token(@Nullable String token, String field) {
    notBlank(token, field);
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new IllegalArgumentException(
            field
                + " must not contain "
                + describe(c)
                + " (at char "
                + i
                + " of "
                + token.length()
                + "; a token read from a file often ends with a line break: trim it)");
      }
    }
    return token;
  }

  private static boolean tchar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  private static String describe(char c) {
    switch (c) {
      case '\n':
        return "a line feed";
      case '\r':
        return "a carriage return";
      case ' ':
        return "a space";
      case '\t':
        return "a tab";
      default:
        return c < 0x20 || c == 0x7f
            ? String.format("a control character (U+%04X)", (int) c)
            : String.format("a character outside visible ASCII (U+%04X)", (int) c);
    }
  }

  static long atLeast(long value, long min, String field) {
    if (value < min) {
      throw new IllegalArgumentException(
          field + " must be at least " + min + " (was " + value + ")");
    }
    return value;
  }
}
