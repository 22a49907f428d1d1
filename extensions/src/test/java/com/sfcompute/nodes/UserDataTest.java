package com.sfcompute.nodes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.sfcompute.nodes.internal.http.SfcJson;
import com.sfcompute.nodes.model.CreateNodesRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** UserData: factories, the one base64 encoding, gzip, limits and what it never shows. */
class UserDataTest {
  private static final String HELLO_BASE64 = "aGVsbG8gd29ybGQ="; // The published example.

  @Test
  void ofTextEncodesAsUtf8() {
    String text = "#cloud-config\nruncmd: [echo héllo ✓ 🚀]\n";

    UserData userData = UserData.ofText(text);

    assertArrayEquals(text.getBytes(UTF_8), userData.bytes());
    assertEquals(text, userData.text());
    assertEquals(text.getBytes(UTF_8).length, userData.size());
  }

  @Test
  void ofTextRefusesALoneSurrogateInsteadOfSendingAQuestionMark() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> UserData.ofText("ab\uD800cd"));

    assertEquals(
        "cloud_init_user_data text is not valid Unicode (at char 2: lone surrogate U+D800)",
        e.getMessage());
  }

  @Test
  void ofTextRefusesALowSurrogateWithoutItsPair() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> UserData.ofText("\uDC00"));

    assertEquals(
        "cloud_init_user_data text is not valid Unicode (at char 0: lone surrogate U+DC00)",
        e.getMessage());
  }

  @Test
  void ofBytesCopiesItsInputAndBytesReturnsACopy() {
    byte[] input = {1, 2, 3};
    UserData userData = UserData.ofBytes(input);

    input[0] = 99;
    userData.bytes()[1] = 99;

    assertArrayEquals(new byte[] {1, 2, 3}, userData.bytes());
  }

  @Test
  void ofFileReadsTheWholeFileAsRawBytes(@TempDir Path dir) throws IOException {
    byte[] content = new byte[20_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) i;
    }
    Path file = Files.write(dir.resolve("user-data.bin"), content);

    UserData userData = UserData.ofFile(file);

    assertArrayEquals(content, userData.bytes());
  }

  @Test
  void ofFileOfAMissingFileThrowsIoException(@TempDir Path dir) {
    assertThrows(NoSuchFileException.class, () -> UserData.ofFile(dir.resolve("missing.yaml")));
  }

  @Test
  void ofStreamReadsToTheEndAndLeavesTheStreamOpen() throws IOException {
    byte[] content = new byte[3 * 8192 + 17];
    Arrays.fill(content, (byte) 'x');
    boolean[] closed = {false};
    InputStream in =
        new ByteArrayInputStream(content) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };

    UserData userData = UserData.ofStream(in);

    assertArrayEquals(content, userData.bytes());
    assertFalse(closed[0], "the caller opened the stream, the caller closes it");
    assertEquals(-1, in.read());
  }

  @Test
  void fromBase64DecodesThePublishedExample() {
    UserData userData = UserData.fromBase64(HELLO_BASE64);

    assertEquals("hello world", userData.text());
    assertEquals(11, userData.size());
  }

  @Test
  void fromBase64AcceptsTheEmptyString() {
    assertEquals(0, UserData.fromBase64("").size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"YQ==", "YWI=", "YWJj", "+/+/", "AAAA", HELLO_BASE64})
  void fromBase64OfAnythingItAcceptsGivesBackTheSameString(String base64) {
    assertEquals(base64, UserData.fromBase64(base64).toBase64());
  }

  static Stream<Arguments> badBase64() {
    String prefix = "cloud_init_user_data is not valid base64 ";
    String alphabet = "not in the standard base64 alphabet (A-Z a-z 0-9 + /)";
    String whitespace =
        "whitespace and line breaks are not allowed (GNU base64 wraps lines: use base64 -w 0)";
    return Stream.of(
        Arguments.of("aGVsbG8gd29y%GQ=", prefix + "(at char 12: '%'): " + alphabet),
        Arguments.of("aGVsbG8g\nd29ybGQ=", prefix + "(at char 8: '\\n'): " + whitespace),
        Arguments.of(HELLO_BASE64 + "\n", prefix + "(at char 16: '\\n'): " + whitespace),
        Arguments.of(" aGVs", prefix + "(at char 0: ' '): " + whitespace),
        Arguments.of("aGVs\tbG8=", prefix + "(at char 4: '\\t'): " + whitespace),
        Arguments.of("aGVs©", prefix + "(at char 4: '©'): " + alphabet),
        Arguments.of("aG\u0000s", prefix + "(at char 2: U+0000): " + alphabet),
        Arguments.of(
            "-_-_",
            prefix
                + "(at char 0: '-'): the URL-safe alphabet is not accepted, use the standard one"
                + " (+ and /)"),
        Arguments.of(
            "aGVsbG8gd29ybGQ",
            prefix
                + "(at char 15: end of input): the length, 15, is not a multiple of 4"
                + " ('=' padding missing?)"),
        Arguments.of(
            "YQ=", prefix + "(at char 3: end of input): the length, 3, is not a multiple of 4"),
        Arguments.of(
            "aGVsbG8=d29y", prefix + "(at char 8: 'd'): '=' padding may only appear at the end"),
        Arguments.of("Y===", prefix + "(at char 3: '='): at most two '=' may pad the end"),
        Arguments.of(
            "YR==",
            prefix
                + "(at char 1: 'R'): its unused low bits must be zero (not the canonical"
                + " encoding)"),
        Arguments.of(
            "YWK=",
            prefix
                + "(at char 2: 'K'): its unused low bits must be zero (not the canonical"
                + " encoding)"));
  }

  @ParameterizedTest
  @MethodSource("badBase64")
  void fromBase64RefusesAnythingButCanonicalStandardBase64NamingTheFirstBadChar(
      String input, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> UserData.fromBase64(input));

    assertEquals(message, e.getMessage());
  }

  @Test
  void doubleEncodingIsImpossible() {
    UserData decoded = UserData.fromBase64(HELLO_BASE64);
    UserData encodedOnce = UserData.ofText(HELLO_BASE64);

    assertEquals(HELLO_BASE64, decoded.toBase64());
    // Text that happens to look like base64 is text: encoded once, never passed through.
    assertNotEquals(HELLO_BASE64, encodedOnce.toBase64());
    assertEquals(
        HELLO_BASE64,
        new String(Base64.getDecoder().decode(encodedOnce.toBase64()), UTF_8),
        "decoding the wire value once gives back the caller's text");
  }

  @Test
  void toBase64IsWhatTheSdkJsonPutsOnTheWireForTheGeneratedModels() {
    UserData userData = UserData.ofBytes(new byte[] {(byte) 0xfb, (byte) 0xff, (byte) 0xbf, 0});
    CreateNodesRequest request = new CreateNodesRequest().cloudInitUserData(userData.bytes());

    JsonObject json = SfcJson.gson().toJsonTree(request).getAsJsonObject();

    assertEquals(userData.toBase64(), json.get("cloud_init_user_data").getAsString());
    assertEquals("+/+/AA==", userData.toBase64());
  }

  @Test
  void gzipRoundTripsAndCloudInitCanDecompressIt() throws IOException {
    String script = "#!/bin/sh\n" + "echo hello\n".repeat(500);
    UserData plain = UserData.ofText(script);

    UserData gzipped = plain.gzip();

    assertTrue(gzipped.isGzipped());
    assertFalse(plain.isGzipped());
    assertTrue(gzipped.size() < plain.size() / 10, gzipped + " vs " + plain);
    assertEquals(script, gzipped.text());
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.bytes()))) {
      assertArrayEquals(plain.bytes(), in.readAllBytes());
    }
  }

  @Test
  void gzipIsDeterministicWithNoTimestampOrFileName() {
    UserData plain = UserData.ofText("#cloud-config\npackages: [htop]\n");

    byte[] first = plain.gzip().bytes();
    byte[] second = UserData.ofText("#cloud-config\npackages: [htop]\n").gzip().bytes();

    assertArrayEquals(first, second);
    assertEquals(0, first[3], "FLG: no file name, no comment, no extra field");
    assertArrayEquals(new byte[4], Arrays.copyOfRange(first, 4, 8), "MTIME must be zero");
  }

  @Test
  void gzipOfGzippedDataIsTheSameDataBecauseCloudInitDecompressesOnlyOnce() {
    UserData once = UserData.ofText("echo hi").gzip();

    assertSame(once, once.gzip());
    assertTrue(UserData.ofBytes(once.bytes()).isGzipped(), "gzip is recognized by content");
  }

  @Test
  void textShowsBytesThatAreNotUtf8AsReplacementCharacters() {
    UserData userData = UserData.ofBytes(new byte[] {'o', 'k', (byte) 0xff, '!'});

    assertEquals("ok\uFFFD!", userData.text());
  }

  @Test
  void textOfDataThatLooksGzippedButIsNotFailsClearly() {
    UserData broken = UserData.ofBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});

    IllegalStateException e = assertThrows(IllegalStateException.class, broken::text);

    assertTrue(
        e.getMessage()
            .startsWith("cloud_init_user_data starts with the gzip magic number but is not valid"),
        e.getMessage());
  }

  @Test
  void sizeAndBase64LengthMeasureTheDecodedAndEncodedForms() {
    for (int n = 0; n < 20; n++) {
      UserData userData = UserData.ofBytes(new byte[n]);

      assertEquals(n, userData.size());
      assertEquals(userData.toBase64().length(), userData.base64Length(), "size " + n);
    }
  }

  @Test
  void requireMaxSizeReturnsTheSameInstanceAtOrUnderTheLimit() {
    UserData userData = UserData.ofText("0123456789");

    assertSame(userData, userData.requireMaxSize(10));
    assertSame(userData, userData.requireMaxSize(16384));
  }

  @Test
  void requireMaxSizeOverTheLimitNamesFieldSizeAndLimit() {
    UserData userData = UserData.ofText("x".repeat(20));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> userData.requireMaxSize(16));

    assertEquals(
        "cloud_init_user_data is 20 bytes, over the limit of 16 bytes (gzip() may bring it under)",
        e.getMessage());
  }

  @Test
  void requireMaxSizeOfGzippedDataDoesNotSuggestGzip() {
    UserData gzipped = UserData.ofText("x".repeat(200)).gzip();

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> gzipped.requireMaxSize(1));

    assertEquals(
        "cloud_init_user_data is " + gzipped.size() + " bytes, over the limit of 1 bytes",
        e.getMessage());
  }

  @Test
  void requireMaxSizeRefusesANegativeLimit() {
    assertThrows(IllegalArgumentException.class, () -> UserData.ofText("x").requireMaxSize(-1));
  }

  @Test
  void equalsAndHashCodeCompareThePayloadWhateverTheFactory() {
    UserData text = UserData.ofText("a");
    UserData bytes = UserData.ofBytes(new byte[] {'a'});
    UserData base64 = UserData.fromBase64("YQ==");

    assertEquals(text, bytes);
    assertEquals(bytes, base64);
    assertEquals(text.hashCode(), base64.hashCode());
    assertNotEquals(text, UserData.ofText("b"));
    assertNotEquals(text, text.gzip());
    assertNotEquals(text, (Object) "a");
  }

  @Test
  void toStringShowsSizeAndCompressionButNeverTheContent() {
    UserData secret = UserData.ofText("password: hunter2");

    assertEquals("UserData{17 bytes}", secret.toString());
    String gzipped = secret.gzip().toString();
    assertTrue(gzipped.matches("UserData\\{\\d+ bytes, gzipped}"), gzipped);
    assertFalse(gzipped.contains("hunter2"));
  }

  @Test
  void nullArgumentsAreRefusedNamingTheParameter() {
    assertEquals(
        "text == null",
        assertThrows(NullPointerException.class, () -> UserData.ofText(null)).getMessage());
    assertEquals(
        "bytes == null",
        assertThrows(NullPointerException.class, () -> UserData.ofBytes(null)).getMessage());
    assertEquals(
        "file == null",
        assertThrows(NullPointerException.class, () -> UserData.ofFile(null)).getMessage());
    assertEquals(
        "in == null",
        assertThrows(NullPointerException.class, () -> UserData.ofStream(null)).getMessage());
    assertEquals(
        "base64 == null",
        assertThrows(NullPointerException.class, () -> UserData.fromBase64(null)).getMessage());
  }
}
