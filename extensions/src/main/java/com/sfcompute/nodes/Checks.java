package com.sfcompute.nodes;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Argument checks that name the field, so that bad input fails before any network call. */
final class Checks {
  private Checks() {}

  static <T> T notNull(@Nullable T value, String field) {
    return Objects.requireNonNull(value, field + " == null");
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

  static long atLeast(long value, long min, String field) {
    if (value < min) {
      throw new IllegalArgumentException(
          field + " must be at least " + min + " (was " + value + ")");
    }
    return value;
  }
}
