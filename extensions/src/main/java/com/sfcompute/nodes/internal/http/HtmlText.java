package com.sfcompute.nodes.internal.http;

import org.jspecify.annotations.Nullable;

/**
 * What an HTML error page says, for an exception's one-line message: its {@code <title>}, else its
 * visible text (tags, comments, scripts and styles left out), with the common character references
 * decoded. One pass over at most {@link ErrorTranslation#MAX_ERROR_BODY} characters, no regular
 * expressions: a truncated or odd page costs no more than a well-formed one. Not an HTML parser,
 * and need not be: the text only has to read like the page. It reads a page already cleaned of the
 * token, whose {@link Redactor#MARK} stays in as text.
 */
final class HtmlText {
  private HtmlText() {}

  static String of(String html) {
    String title = title(html);
    return title != null && !title.trim().isEmpty() ? title : visible(html);
  }

  private static @Nullable String title(String html) {
    int open = find(html, "<title", 0);
    if (open < 0) {
      return null;
    }
    int start = html.indexOf('>', open);
    if (start < 0) {
      return null;
    }
    int end = find(html, "</title", start);
    return decode(html.substring(start + 1, end < 0 ? html.length() : end));
  }

  private static String visible(String html) {
    StringBuilder out = new StringBuilder(Math.min(html.length(), 4096));
    int i = 0;
    while (i < html.length()) {
      char c = html.charAt(i);
      if (c != '<') {
        int next = html.indexOf('<', i);
        int end = next < 0 ? html.length() : next;
        out.append(decode(html.substring(i, end)));
        i = end;
        continue;
      }
      if (html.startsWith(Redactor.MARK, i)) { // Where the token was: text, not a tag.
        out.append(Redactor.MARK);
        i += Redactor.MARK.length();
        continue;
      }
      out.append(' ');
      if (html.startsWith("<!--", i)) {
        i = after(html, "-->", i + 4);
      } else if (startsTag(html, i, "script") || startsTag(html, i, "style")) {
        String name = startsTag(html, i, "script") ? "</script" : "</style";
        int close = find(html, name, i);
        i = close < 0 ? html.length() : after(html, ">", close);
      } else {
        i = after(html, ">", i + 1);
      }
    }
    return out.toString();
  }

  private static boolean startsTag(String html, int at, String name) {
    int end = at + 1 + name.length();
    return html.regionMatches(true, at + 1, name, 0, name.length())
        && (end >= html.length() || !Character.isLetterOrDigit(html.charAt(end)));
  }

  /** Where {@code what} ends after {@code from}, or the end of the text. */
  private static int after(String html, String what, int from) {
    int at = html.indexOf(what, from);
    return at < 0 ? html.length() : at + what.length();
  }

  /** The first {@code what}, ignoring case, at or after {@code from}; -1 if none. */
  private static int find(String html, String what, int from) {
    for (int i = html.indexOf('<', from); i >= 0; i = html.indexOf('<', i + 1)) {
      if (html.regionMatches(true, i, what, 0, what.length())) {
        return i;
      }
    }
    return -1;
  }

  /** {@code text} with the named references an error page uses, and numeric ones, decoded. */
  private static String decode(String text) {
    if (text.indexOf('&') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int semi = c == '&' ? text.indexOf(';', i) : -1;
      String decoded = semi > i && semi - i <= 10 ? reference(text.substring(i + 1, semi)) : null;
      if (decoded == null) {
        out.append(c);
        i++;
      } else {
        out.append(decoded);
        i = semi + 1;
      }
    }
    return out.toString();
  }

  private static @Nullable String reference(String name) {
    switch (name) {
      case "amp":
        return "&";
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "quot":
        return "\"";
      case "apos":
        return "'";
      case "nbsp":
        return " ";
      default:
        break;
    }
    if (name.length() < 2 || name.charAt(0) != '#') {
      return null;
    }
    boolean hex = name.charAt(1) == 'x' || name.charAt(1) == 'X';
    try {
      int code = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
      return Character.isValidCodePoint(code) && !Character.isISOControl(code)
          ? new String(Character.toChars(code))
          : null;
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }
}
