package com.sfcompute.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.function.UnaryOperator;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What can never make a valid HTTP header is refused by the builder (at the setter or at {@code
 * build()}), naming the parameter, before any request: a token with whitespace or a control
 * character, CR/LF in the User-Agent suffix or in a header.
 */
class BuilderArgumentsTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void setUp() throws IOException {
    server.start();
  }

  @AfterEach
  void tearDown() throws IOException {
    server.shutdown();
  }

  /** Configures a builder with {@code setting} and builds it; must throw before any request. */
  private IllegalArgumentException refused(UnaryOperator<SfcNodes.Builder> setting) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> {
              SfcNodes.Builder builder =
                  SfcNodes.builder().bearerToken("sk-test").baseUrl(server.url("/").toString());
              setting.apply(builder).build().close();
            });
    assertEquals(0, server.getRequestCount(), "nothing was sent");
    return e;
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {"abc\n", "abc\r\n", "a b", "\tabc", "abc\u0007", "ab\u0000c", "ab\u007fc"})
  void aTokenWithWhitespaceOrAControlCharacterIsRefused(String token) {
    IllegalArgumentException e = refused(b -> b.bearerToken(token));

    assertTrue(e.getMessage().contains("bearerToken"), e.getMessage());
    assertFalse(e.getMessage().contains(token.trim()), "the message shows the token");
  }

  /** A distinctive token, so that "does not show the token" is a meaningful check. */
  @Test
  void theRefusalNeverShowsTheToken() {
    String token = "sk_live_9f8e7d6c5b4a\n";

    IllegalArgumentException e = refused(b -> b.bearerToken(token));

    assertFalse(e.getMessage().contains("9f8e7d6c5b4a"), e.getMessage());
    assertFalse(e.toString().contains("9f8e7d6c5b4a"), e.toString());
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"x\r\ny", "x\ny", "x\ry", "x\u0000y"})
  void aUserAgentSuffixWithALineBreakIsRefused(String suffix) {
    IllegalArgumentException e = refused(b -> b.userAgentSuffix(suffix));

    assertTrue(e.getMessage().contains("userAgentSuffix"), e.getMessage());
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"a\nb", "a\r\nb", "a\rb"})
  void aHeaderValueWithALineBreakIsRefused(String value) {
    IllegalArgumentException e = refused(b -> b.header("X-A", value));

    assertTrue(e.getMessage().contains("header"), e.getMessage());
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"X\nB", "X B", "X\r\nB"})
  void aHeaderNameThatIsNotAnHttpTokenIsRefused(String name) {
    IllegalArgumentException e = refused(b -> b.header(name, "v"));

    assertTrue(e.getMessage().contains("header"), e.getMessage());
  }

  /** Regression guard: ordinary values are accepted and sent as given. */
  @Test
  void ordinaryValuesAreAcceptedAndSent() throws Exception {
    server.enqueue(TestHttp.json(CallTable.ZONE_LIST));
    try (SfcNodes client =
        SfcNodes.builder()
            .bearerToken("sk_test_abc")
            .baseUrl(server.url("/").toString())
            .userAgentSuffix("my-app/1.2 (+https://example.com)")
            .header("X-Team", "ml platform; tier=1")
            .build()) {
      client.zones().list();
    }
    okhttp3.mockwebserver.RecordedRequest request = TestHttp.take(server);
    assertEquals("Bearer sk_test_abc", request.getHeader("Authorization"));
    assertTrue(request.getHeader("User-Agent").endsWith(" my-app/1.2 (+https://example.com)"));
    assertEquals("ml platform; tier=1", request.getHeader("X-Team"));
  }
}
