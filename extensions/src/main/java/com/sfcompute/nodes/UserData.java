package com.sfcompute.nodes;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Cloud-init user data: the exact bytes a new VM receives, held once and base64-encoded once.
 *
 * <p>The API carries user data as a base64 string ({@code cloud_init_user_data}, {@code format:
 * byte}). Encoding it by hand invites the classic mistake of encoding twice, which cloud-init then
 * runs as a script made of base64 text. This type makes that impossible by construction: every
 * factory takes the raw payload ({@link #ofText}, {@link #ofBytes}, {@link #ofFile}, {@link
 * #ofStream}) except {@link #fromBase64}, which <em>decodes</em> (strictly) what a caller already
 * encoded, and the only way out to the wire is {@link #toBase64()}, or {@link #bytes()} for a
 * generated request, whose JSON encoding base64-encodes {@code byte[]} exactly once:
 *
 * <pre>{@code
 * UserData userData = UserData.ofFile(Paths.get("cloud-init.yaml")).gzip().requireMaxSize(16384);
 * RedeployParams params = RedeployParams.builder().userData(userData).build();
 * // or, on a generated model:
 * new CreateNodesRequest().cloudInitUserData(userData.bytes());
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe. {@link #equals} compares the payload bytes, and
 * {@link #toString()} never shows them: user data often carries secrets.
 */
public final class UserData {
  /** The wire name, so that every message names the field a user sees in the API reference. */
  private static final String FIELD = "cloud_init_user_data";

  /** The payload as sent: never exposed, never mutated. */
  private final byte[] bytes;

  private UserData(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * User data from text, encoded as UTF-8.
   *
   * @throws IllegalArgumentException if {@code text} is not well-formed UTF-16 (a lone surrogate),
   *     which UTF-8 cannot carry: Java would silently send {@code ?} in its place.
   */
  public static UserData ofText(String text) {
    Objects.requireNonNull(text, "text == null");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            FIELD
                + " text is not valid Unicode (at char "
                + i
                + ": lone surrogate "
                + codePoint(c)
                + ")");
      }
    }
    return new UserData(text.getBytes(UTF_8));
  }

  /** User data from raw bytes; the array is copied, so later changes to it do not leak in. */
  public static UserData ofBytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes == null");
    return new UserData(bytes.clone());
  }

  /**
   * User data read, as raw bytes, from the whole of {@code file}.
   *
   * @throws IOException if the file cannot be read
   */
  public static UserData ofFile(Path file) throws IOException {
    Objects.requireNonNull(file, "file == null");
    return new UserData(Files.readAllBytes(file));
  }

  /**
   * User data read, as raw bytes, from {@code in} up to its end.
   *
   * <p>The stream is <em>not</em> closed: whoever opened it closes it (as with {@link
   * Files#copy(InputStream, Path, java.nio.file.CopyOption...)}), typically in a try-with-resources
   * around this call.
   *
   * @throws IOException if reading fails
   */
  public static UserData ofStream(InputStream in) throws IOException {
    Objects.requireNonNull(in, "in == null");
    return new UserData(readFully(in));
  }

  /**
   * User data from its base64 encoding, for callers who already hold the wire value.
   *
   * <p>The input is decoded, never stored as text, so it cannot be encoded a second time. It must
   * be exactly what {@link #toBase64()} would produce: the standard alphabet ({@code A-Z a-z 0-9 +
   * /}), {@code =} padding to a multiple of four characters, no whitespace or line breaks (GNU
   * {@code base64} wraps lines unless given {@code -w 0}), and zero unused bits in the last
   * character. Hence {@code fromBase64(s).toBase64().equals(s)} for every {@code s} accepted.
   *
   * @throws IllegalArgumentException naming the field and the first bad character with its index,
   *     for example {@code cloud_init_user_data is not valid base64 (at char 12: '%'): ...}
   */
  public static UserData fromBase64(String base64) {
    Objects.requireNonNull(base64, "base64 == null");
    checkStrictBase64(base64);
    return new UserData(Base64.getDecoder().decode(base64));
  }

  /**
   * This user data, gzip-compressed; cloud-init recognizes and decompresses gzip user data, which
   * helps stay under size limits.
   *
   * <p>The result is deterministic: the gzip header carries no timestamp and no file name, so equal
   * input gives equal bytes (on one JVM; another zlib may compress differently, which cloud-init
   * does not mind). User data that {@linkplain #isGzipped() is already gzip} is returned as is:
   * cloud-init decompresses only once, so compressing twice would break it.
   */
  public UserData gzip() {
    if (isGzipped()) {
      return this;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 32);
    try (GZIPOutputStream gzip = new BestCompressionGzip(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory gzip failed", e); // Memory does not do I/O errors.
    }
    return new UserData(out.toByteArray());
  }

  /**
   * Whether the payload is gzip data, judged by its first bytes (the gzip magic number and the
   * deflate method), as cloud-init judges it.
   */
  public boolean isGzipped() {
    return bytes.length >= 3
        && bytes[0] == (byte) 0x1f
        && bytes[1] == (byte) 0x8b
        && bytes[2] == (byte) Deflater.DEFLATED;
  }

  /**
   * The wire value: the payload in standard base64 with padding, exactly what the API's {@code
   * cloud_init_user_data} carries.
   */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * A copy of the payload as sent (compressed, if {@linkplain #isGzipped() gzipped}). This is the
   * value for a generated model's {@code cloudInitUserData(byte[])}: its JSON encoding does the one
   * base64 encoding.
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * The user data as text, for display: decompressed first if {@linkplain #isGzipped() gzipped},
   * then decoded as UTF-8.
   *
   * <p>This never fails on binary content: bytes that are not valid UTF-8 show as the replacement
   * character {@code U+FFFD}, which marks the spot for a reader. {@link #bytes()} is the exact
   * payload.
   *
   * @throws IllegalStateException if the payload starts like gzip but is not a valid gzip stream:
   *     cloud-init could not read it either
   */
  public String text() {
    byte[] plain = bytes;
    if (isGzipped()) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        plain = readFully(in);
      } catch (IOException e) {
        throw new IllegalStateException(
            FIELD + " starts with the gzip magic number but is not valid gzip: " + e.getMessage(),
            e);
      }
    }
    // new String(byte[], Charset) replaces malformed input with U+FFFD: the documented behaviour.
    return new String(plain, UTF_8);
  }

  /** The size in bytes of the payload as sent (after compression, before base64). */
  public int size() {
    return bytes.length;
  }

  /** The length in characters of {@link #toBase64()}, without computing it. */
  public int base64Length() {
    return (bytes.length + 2) / 3 * 4;
  }

  /**
   * Returns this user data if its {@linkplain #size() size} is at most {@code maxBytes}.
   *
   * <p>The API documents no limit, so the SDK imposes none; use this to enforce the one your image
   * or environment has, before any network call. The limit applies to the payload as sent; compare
   * {@link #base64Length()} yourself if yours applies to the encoded form.
   *
   * @throws IllegalArgumentException naming the field, the size and the limit, if it is larger; or
   *     if {@code maxBytes} is negative
   */
  public UserData requireMaxSize(int maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes < 0: " + maxBytes);
    }
    if (bytes.length > maxBytes) {
      throw new IllegalArgumentException(
          FIELD
              + " is "
              + bytes.length
              + " bytes, over the limit of "
              + maxBytes
              + " bytes"
              + (isGzipped() ? "" : " (gzip() may bring it under)"));
    }
    return this;
  }

  /** Whether {@code other} is user data with the same payload bytes. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof UserData && Arrays.equals(bytes, ((UserData) other).bytes);
  }

  /** A hash of the payload bytes, consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /**
   * The size and whether the payload is gzipped, such as {@code UserData{1234 bytes, gzipped}};
   * never the content, which may hold secrets.
   */
  @Override
  public String toString() {
    return "UserData{" + bytes.length + " bytes" + (isGzipped() ? ", gzipped}" : "}");
  }

  /**
   * Refuses anything {@link Base64#getEncoder()} would not have produced, naming the first char.
   */
  private static void checkStrictBase64(String s) {
    int length = s.length();
    int dataEnd = 0;
    while (dataEnd < length && s.charAt(dataEnd) != '=') {
      char c = s.charAt(dataEnd);
      if (!isBase64Alphabet(c)) {
        throw notBase64(s, dataEnd, whyNotInAlphabet(c));
      }
      dataEnd++;
    }
    for (int i = dataEnd; i < length; i++) {
      char c = s.charAt(i);
      if (c != '=') {
        throw notBase64(
            s,
            i,
            isBase64Alphabet(c) ? "'=' padding may only appear at the end" : whyNotInAlphabet(c));
      }
    }
    int padding = length - dataEnd;
    if (padding > 2) {
      throw notBase64(s, dataEnd + 2, "at most two '=' may pad the end");
    }
    if (length % 4 != 0) {
      throw notBase64(
          s,
          length,
          "the length, "
              + length
              + ", is not a multiple of 4"
              + (padding == 0 ? " ('=' padding missing?)" : ""));
    }
    // With one '=' the last data char carries 2 unused bits, with two '=' it carries 4; a decoder
    // ignores them, so nonzero bits would make two strings decode alike (and break the round trip).
    if (padding > 0) {
      int last = dataEnd - 1;
      int unusedMask = padding == 1 ? 0x3 : 0xf;
      if ((sextet(s.charAt(last)) & unusedMask) != 0) {
        throw notBase64(s, last, "its unused low bits must be zero (not the canonical encoding)");
      }
    }
  }

  private static boolean isBase64Alphabet(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/';
  }

  private static int sextet(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '+' ? 62 : 63;
  }

  private static String whyNotInAlphabet(char c) {
    if (c == '-' || c == '_') {
      return "the URL-safe alphabet is not accepted, use the standard one (+ and /)";
    }
    if (Character.isWhitespace(c)) {
      return "whitespace and line breaks are not allowed (GNU base64 wraps lines: use base64 -w 0)";
    }
    return "not in the standard base64 alphabet (A-Z a-z 0-9 + /)";
  }

  private static IllegalArgumentException notBase64(String s, int index, String why) {
    return new IllegalArgumentException(
        FIELD + " is not valid base64 (at char " + index + ": " + describe(s, index) + "): " + why);
  }

  /** A character as a reader can see it: quoted if printable, escaped or U+XXXX if not. */
  private static String describe(String s, int index) {
    if (index >= s.length()) {
      return "end of input";
    }
    char c = s.charAt(index);
    switch (c) {
      case '\n':
        return "'\\n'";
      case '\r':
        return "'\\r'";
      case '\t':
        return "'\\t'";
      case ' ':
        return "' '";
      default:
        break;
    }
    int cp = s.codePointAt(index);
    if (Character.isISOControl(cp)
        || (Character.isSurrogate(c) && Character.charCount(cp) == 1)
        || Character.isWhitespace(cp)
        || !Character.isDefined(cp)) {
      return codePoint(cp);
    }
    return "'" + new String(Character.toChars(cp)) + "'";
  }

  private static String codePoint(int cp) {
    return String.format(Locale.ROOT, "U+%04X", cp);
  }

  private static byte[] readFully(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) != -1; ) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /** Java's gzip writer (no timestamp, no name) at the best compression: user data is small. */
  private static final class BestCompressionGzip extends GZIPOutputStream {
    BestCompressionGzip(OutputStream out) throws IOException {
      super(out);
      def.setLevel(Deflater.BEST_COMPRESSION);
    }
  }
}
