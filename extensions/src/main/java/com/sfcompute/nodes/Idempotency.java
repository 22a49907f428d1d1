package com.sfcompute.nodes;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Idempotency keys for calls with side effects. */
final class Idempotency {
  private Idempotency() {}

  /**
   * The key of one write: the caller's (the params' own, or the method's argument), checked, or a
   * new random one. The same key is sent on every retry of that write, and by no other write.
   */
  static String keyOrNew(@Nullable String callerKey) {
    if (callerKey != null) {
      return check(callerKey);
    }
    return "sfc-java-" + UUID.randomUUID();
  }

  static String check(String key) {
    if (key.trim().isEmpty()) {
      throw new IllegalArgumentException("idempotencyKey must not be blank");
    }
    if (key.length() > 255) {
      throw new IllegalArgumentException(
          "idempotencyKey must be at most 255 characters (was " + key.length() + ")");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(
            "idempotencyKey must be printable ASCII without spaces (at char " + i + ")");
      }
    }
    return key;
  }
}
