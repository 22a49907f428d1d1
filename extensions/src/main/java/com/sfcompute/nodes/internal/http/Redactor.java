package com.sfcompute.nodes.internal.http;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the bearer token out of everything the SDK builds from what a server sent back: a server or
 * proxy may echo the request's Authorization header in a header, an HTML page, the error envelope
 * or a body that fails to parse. Each piece of server text is cleaned where it enters the SDK,
 * before anything is cut or composed from it, so that no partial token survives a cut.
 *
 * <p>A token of {@value #MIN_ANYWHERE} characters or more is removed wherever it appears. A shorter
 * one (tests use {@code "t"}) is removed only where it stands alone, between characters that cannot
 * belong to a token, so that {@code Node nope not found} stays readable.
 */
final class Redactor {
  static final String MARK = "<redacted>";
  static final int MIN_ANYWHERE = 8;

  private final String secret;

  Redactor(String secret) {
    this.secret = secret;
  }

  /** {@code text} without the secret. */
  String clean(String text) {
    int at = text.indexOf(secret);
    if (at < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    for (; at >= 0; at = text.indexOf(secret, at + 1)) {
      int end = at + secret.length();
      if (at < from || !standsAlone(text, at, end)) {
        continue;
      }
      out.append(text, from, at).append(MARK);
      from = end;
    }
    return from == 0 ? text : out.append(text, from, text.length()).toString();
  }

  /**
   * {@code text}, the first part of something longer, without the secret: also drops a tail that
   * could be the start of the secret cut off by the window.
   */
  String cleanPrefix(String text) {
    String cleaned = clean(text);
    for (int n = Math.min(secret.length() - 1, cleaned.length()); n > 0; n--) {
      if (cleaned.endsWith(secret.substring(0, n))
          && (secret.length() >= MIN_ANYWHERE || standsAlone(cleaned, cleaned.length() - n, -1))) {
        return cleaned.substring(0, cleaned.length() - n) + MARK;
      }
    }
    return cleaned;
  }

  boolean leaks(@Nullable String text) {
    return text != null && !clean(text).equals(text);
  }

  private boolean standsAlone(String text, int start, int end) {
    if (secret.length() >= MIN_ANYWHERE) {
      return true;
    }
    return (start == 0 || !tokenChar(text.charAt(start - 1)))
        && (end < 0 || end >= text.length() || !tokenChar(text.charAt(end)));
  }

  /** Characters a bearer token (RFC 6750's b64token) may hold. */
  private static boolean tokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~'
        || c == '+'
        || c == '/'
        || c == '=';
  }

  /**
   * {@code error} itself when no message in it (causes and suppressed ones included) holds the
   * secret; otherwise a copy whose messages are cleaned, with the same stack traces, each link
   * naming the class it stands for.
   */
  Throwable sanitize(Throwable error) {
    return leaks(error, Collections.newSetFromMap(new IdentityHashMap<>()))
        ? copy(error, Collections.newSetFromMap(new IdentityHashMap<>()))
        : error;
  }

  private boolean leaks(Throwable error, Set<Throwable> seen) {
    if (!seen.add(error)) {
      return false;
    }
    if (leaks(error.getMessage())) {
      return true;
    }
    for (Throwable suppressed : error.getSuppressed()) {
      if (leaks(suppressed, seen)) {
        return true;
      }
    }
    Throwable cause = error.getCause();
    return cause != null && leaks(cause, seen);
  }

  private Throwable copy(Throwable error, Set<Throwable> seen) {
    seen.add(error);
    Throwable cause = error.getCause();
    String message = error.getMessage();
    Cleaned copy =
        new Cleaned(
            error.getClass().getName() + (message == null ? "" : ": " + clean(message)),
            cause == null || seen.contains(cause) ? null : copy(cause, seen));
    copy.setStackTrace(error.getStackTrace());
    for (Throwable suppressed : error.getSuppressed()) {
      if (!seen.contains(suppressed)) {
        copy.addSuppressed(copy(suppressed, seen));
      }
    }
    return copy;
  }

  /** A failure whose message held the token: its class name and cleaned message, as text. */
  static final class Cleaned extends Exception {
    private static final long serialVersionUID = 1L;

    Cleaned(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }

  @Override
  public String toString() {
    return "Redactor{" + MARK + "}";
  }
}
