package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static com.sfcompute.nodes.TestHttp.envelope;
import static com.sfcompute.nodes.TestHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.errors.ErrorDetail;
import com.sfcompute.nodes.errors.NotFoundException;
import com.sfcompute.nodes.errors.SfcNodesException;
import com.sfcompute.nodes.errors.SfcNodesServiceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The token stays secret even when a server or proxy echoes it back: in a header, a page, the error
 * envelope, or a body the SDK cannot parse, at every log level. And redaction never mangles a
 * message that merely shares letters with a short token.
 */
class SecretsEchoTest {
  /** A realistic token: a known prefix and 40 random characters. */
  private static final String TOKEN = realisticToken();

  /** No piece of the token this long may survive anywhere (its prefix "sk_test_" is 8). */
  private static final int LONGEST_ALLOWED_PIECE = 8;

  private final MockWebServer server = new MockWebServer();
  private final List<String> logLines = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp() throws IOException {
    server.start();
  }

  @AfterEach
  void tearDown() throws IOException {
    server.shutdown();
  }

  private static String realisticToken() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    Random random = new Random(10);
    StringBuilder token = new StringBuilder("sk_test_");
    for (int i = 0; i < 40; i++) {
      token.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return token.toString();
  }

  /** Where the server puts the token. */
  @SuppressWarnings("ImmutableEnumChecker") // Each answer is a stateless lambda.
  enum Echo {
    RESPONSE_HEADER(
        t ->
            envelope(401, "authentication_error", "Invalid bearer token")
                .addHeader("X-Echo-Authorization", "Bearer " + t)
                .addHeader("WWW-Authenticate", "Bearer realm=\"api\", token=\"" + t + "\"")),
    HTML_PAGE(
        t ->
            new MockResponse()
                .setResponseCode(502)
                .setHeader("Content-Type", "text/html")
                .setBody(
                    "<html><body><h1>502 Bad Gateway</h1><p>Authorization: Bearer "
                        + t
                        + "</p></body></html>")),
    ENVELOPE_TYPE(t -> envelope(400, t, "Invalid request")),
    ENVELOPE_MESSAGE(t -> envelope(400, "invalid_request_error", "token " + t + " is not valid")),
    DETAIL_MESSAGE(
        t ->
            envelope(
                400,
                "invalid_request_error",
                "Invalid request",
                ",\"details\":[{\"code\":\"invalid\",\"message\":\"bad "
                    + t
                    + "\",\"field\":\"authorization\"}]")),
    DETAIL_FIELD(
        t ->
            envelope(
                400,
                "invalid_request_error",
                "Invalid request",
                ",\"details\":[{\"code\":\"invalid\",\"message\":\"bad\",\"field\":\""
                    + t
                    + "\"}]")),
    NON_JSON_BODY(
        t ->
            new MockResponse()
                .setResponseCode(500)
                .setHeader("Content-Type", "text/plain")
                .setBody("upstream rejected Bearer " + t)),
    STRADDLING_SNIPPET_CUT(
        t ->
            new MockResponse()
                .setResponseCode(502)
                .setHeader("Content-Type", "text/plain")
                .setBody(repeat('x', 190) + t + " trailing text")),
    STRADDLING_64_KIB_CUT(
        t ->
            new MockResponse()
                .setResponseCode(502)
                .setHeader("Content-Type", "text/plain")
                .setBody(repeat('x', 64 * 1024 - 20) + t + repeat('y', 100))),
    UNPARSABLE_2XX_BODY(
        t -> json(200, "{\"object\":\"node\",\"id\":\"n_1\",\"created_at\":\"" + t + "\"}")),
    NOT_JSON_2XX_BODY(t -> json(200, "Bearer " + t));

    final Function<String, MockResponse> response;

    Echo(Function<String, MockResponse> response) {
      this.response = response;
    }
  }

  static Stream<Arguments> echoesAndLogLevels() {
    List<Arguments> rows = new ArrayList<>();
    for (Echo echo : Echo.values()) {
      for (SfcNodes.LogLevel level : SfcNodes.LogLevel.values()) {
        rows.add(Arguments.of(echo, level));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} at log level {1}")
  @MethodSource("echoesAndLogLevels")
  void anEchoedTokenAppearsNowhere(Echo echo, SfcNodes.LogLevel level) {
    server.enqueue(echo.response.apply(TOKEN));

    SfcNodesException e;
    try (SfcNodes client =
        clientBuilder(server, TOKEN)
            .timeout(Duration.ofSeconds(5))
            .logLevel(level)
            .logger(logLines::add)
            .build()) {
      e = assertThrows(SfcNodesException.class, () -> client.nodes().get("n_1"));
    }

    assertNoPieceOfTheToken(describe(e));
    synchronized (logLines) {
      for (String line : logLines) {
        assertNoPieceOfTheToken(line);
      }
    }
  }

  /** Regression guard: the logs checked above are real, at BODY they hold the answer's body. */
  @Test
  void theBodyLogIsReal() {
    server.enqueue(envelope(404, "not_found", "Node nope not found"));
    try (SfcNodes client =
        clientBuilder(server, TOKEN)
            .logLevel(SfcNodes.LogLevel.BODY)
            .logger(logLines::add)
            .build()) {
      assertThrows(NotFoundException.class, () -> client.nodes().get("nope"));
    }
    assertTrue(
        logLines.stream().anyMatch(l -> l.contains("Node nope not found")),
        String.join("\n", logLines));
  }

  @Test
  void aOneLetterTokenDoesNotMangleMessages() {
    server.enqueue(envelope(404, "not_found", "Node nope not found"));

    NotFoundException e;
    try (SfcNodes client = clientBuilder(server, "t").build()) {
      e = assertThrows(NotFoundException.class, () -> client.nodes().get("nope"));
    }

    assertEquals("Node nope not found", e.errorMessage());
    assertEquals("not_found", e.type());
    assertEquals("404 not_found: Node nope not found (GET /v1/nodes/nope)", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(SfcNodes.LogLevel.class)
  void aPasswordInTheBaseUrlIsNeverShown(SfcNodes.LogLevel level) {
    String url = "http://user:s3cret@" + server.getHostName() + ":" + server.getPort() + "/";
    server.enqueue(envelope(404, "not_found", "Node not found"));
    SfcNodes.Builder builder =
        SfcNodes.builder()
            .bearerToken("sk-test")
            .baseUrl(url)
            .maxRetries(0)
            .logLevel(level)
            .logger(logLines::add);

    List<String> shown = new ArrayList<>();
    shown.add(builder.toString());
    try (SfcNodes client = builder.build()) {
      shown.add(client.toString());
      shown.add(client.baseUrl());
      shown.add(describe(assertThrows(NotFoundException.class, () -> client.nodes().get("x"))));
    }
    shown.addAll(logLines);

    assertEquals(1, server.getRequestCount(), "the call reached the server");
    for (String text : shown) {
      assertFalse(text.contains("s3cret"), text);
    }
  }

  /** Everything an exception shows: messages, toString, stack trace, details, headers. */
  private static String describe(Throwable e) {
    StringBuilder all = new StringBuilder();
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    all.append(trace).append('\n');
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n').append(t).append('\n');
      if (t instanceof SfcNodesServiceException) {
        SfcNodesServiceException s = (SfcNodesServiceException) t;
        all.append(s.type()).append('\n').append(s.errorMessage()).append('\n');
        all.append(s.headers()).append('\n');
        for (ErrorDetail d : s.details()) {
          all.append(d.code()).append(' ').append(d.message()).append(' ').append(d.field());
          all.append(' ').append(d).append('\n');
        }
      }
    }
    return all.toString();
  }

  private static void assertNoPieceOfTheToken(String text) {
    for (int i = 0; i + LONGEST_ALLOWED_PIECE + 1 <= TOKEN.length(); i++) {
      String piece = TOKEN.substring(i, i + LONGEST_ALLOWED_PIECE + 1);
      if (text.contains(piece)) {
        int at = text.indexOf(piece);
        throw new AssertionError(
            "a piece of the token ("
                + piece
                + ") shows in: ..."
                + text.substring(Math.max(0, at - 40), Math.min(text.length(), at + 60))
                + "...");
      }
    }
  }

  private static String repeat(char c, int n) {
    char[] chars = new char[n];
    java.util.Arrays.fill(chars, c);
    return new String(chars);
  }
}
