package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.errors.ProxyAuthenticationException;
import com.sfcompute.nodes.errors.SfcNodesServiceException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the SDK reports when something stands between it and the API: a shared connection pool, a
 * forward proxy that wants credentials, a proxy's HTML error page, a proxy echoing the token.
 */
class IntermediariesTest {
  /** Long enough that the redactor removes it wherever it appears. */
  private static final String TOKEN = "sk_test_0123456789abcdefghij";

  private final MockWebServer server = new MockWebServer();
  private final List<SfcNodes> clients = new ArrayList<>();
  private final OkHttpClient http = new OkHttpClient();

  @BeforeEach
  void setUp() throws IOException {
    server.start();
  }

  @AfterEach
  void tearDown() throws IOException {
    clients.forEach(SfcNodes::close);
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    server.shutdown();
  }

  private SfcNodes client(String baseUrl, OkHttpClient httpClient, int maxRetries) {
    SfcNodes client =
        SfcNodes.builder()
            .bearerToken(TOKEN)
            .baseUrl(baseUrl)
            .httpClient(httpClient)
            .maxRetries(maxRetries)
            .timeout(Duration.ofSeconds(5))
            .sleeper(wait -> {})
            .build();
    clients.add(client);
    return client;
  }

  // A forward proxy that asks for credentials

  /**
   * HTTPS through a proxy that answers the {@code CONNECT} with 407: the caller's proxy settings
   * are wrong, so the call fails at once (no retry) with the 407 and the proxy's address.
   */
  @Test
  void a407OnConnectIsAServiceErrorNamingTheProxyAndIsNotRetried() throws Exception {
    server.enqueue(proxyAuthenticationRequired());
    OkHttpClient viaProxy = http.newBuilder().proxy(server.toProxyAddress()).build();
    SfcNodes client = client("https://api.sfcompute.example/", viaProxy, 2);

    SfcNodesServiceException e =
        assertThrows(SfcNodesServiceException.class, () -> client.nodes().get("n_1"));

    assertInstanceOf(ProxyAuthenticationException.class, e);
    assertEquals(407, e.statusCode());
    assertTrue(e.getMessage().contains(proxyAddress()), e.getMessage());
    assertEquals("CONNECT api.sfcompute.example:443 HTTP/1.1", take(server).getRequestLine());
    assertEquals(1, server.getRequestCount(), "not retried");
  }

  /**
   * Plain HTTP through a proxy that answers the request itself with 407: the same error, with the
   * credentials the caller's proxy authenticator sent nowhere in it.
   */
  @Test
  void a407FromAProxyOnPlainHttpNamesTheProxyAndNotItsCredentials() throws Exception {
    server.enqueue(proxyAuthenticationRequired());
    server.enqueue(proxyAuthenticationRequired());
    OkHttpClient viaProxy =
        http.newBuilder()
            .proxy(server.toProxyAddress())
            .proxyAuthenticator(
                (route, response) ->
                    response.request().header("Proxy-Authorization") != null
                        ? null
                        : response
                            .request()
                            .newBuilder()
                            .header("Proxy-Authorization", "Basic dXNlcjpodW50ZXIy")
                            .build())
            .build();
    SfcNodes client = client("http://api.sfcompute.example/", viaProxy, 2);

    SfcNodesServiceException e =
        assertThrows(SfcNodesServiceException.class, () -> client.nodes().get("n_1"));

    assertInstanceOf(ProxyAuthenticationException.class, e);
    assertEquals(407, e.statusCode());
    assertTrue(e.getMessage().contains(proxyAddress()), e.getMessage());
    assertFalse(e.toString().contains("dXNlcjpodW50ZXIy"), e.toString());
    assertFalse(e.headers().toString().contains("dXNlcjpodW50ZXIy"), e.headers().toString());
    assertEquals(2, server.getRequestCount(), "the caller's authenticator's one try, no retry");
  }

  private static MockResponse proxyAuthenticationRequired() {
    return new MockResponse()
        .setResponseCode(407)
        .setHeader("Proxy-Authenticate", "Basic realm=\"corp\"")
        .setHeader("Content-Type", "text/html")
        .setBody("<html><body>Proxy Authentication Required</body></html>");
  }

  private String proxyAddress() {
    return server.getHostName() + ":" + server.getPort();
  }

  // A proxy's HTML error page

  /** The page's title stands for it in the message, not its markup. */
  @Test
  void anHtmlErrorPageIsQuotedByItsTitle() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(502)
            .setHeader("Content-Type", "text/html")
            .setBody(
                "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\"\n"
                    + "  \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\n"
                    + "<html><head><title>502 Bad\n  Gateway</title>"
                    + "<style>body { color: red }</style></head>\n"
                    + "<body><h1>Bad Gateway</h1><p>The upstream &amp; the proxy</p></body></html>"));
    SfcNodes client = client(server.url("/").toString(), http, 0);

    SfcNodesServiceException e =
        assertThrows(SfcNodesServiceException.class, () -> client.nodes().get("n_1"));

    assertEquals(502, e.statusCode());
    assertTrue(e.errorMessage().contains("502 Bad Gateway"), e.errorMessage());
    assertFalse(e.getMessage().contains("<"), e.getMessage());
    assertFalse(e.getMessage().contains("DOCTYPE"), e.getMessage());
  }

  /** Without a title, the page's visible text, on one line, without scripts or styles. */
  @Test
  void anHtmlErrorPageWithoutATitleIsQuotedByItsVisibleText() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(503)
            .setHeader("Content-Type", "text/html; charset=utf-8")
            .setBody(
                "<html>\n<head><script>var retry = 1;</script></head>\n<body>\n"
                    + "<h1>Service   Unavailable</h1>\n<p>Try again &lt;soon&gt;</p>\n</body></html>"));
    SfcNodes client = client(server.url("/").toString(), http, 0);

    SfcNodesServiceException e =
        assertThrows(SfcNodesServiceException.class, () -> client.nodes().get("n_1"));

    assertTrue(e.errorMessage().contains("Service Unavailable Try again <soon>"), e.errorMessage());
    assertFalse(e.errorMessage().contains("retry"), e.errorMessage());
    assertFalse(e.errorMessage().contains("<h1>"), e.errorMessage());
  }

  // A proxy echoing the token

  /** A success whose headers echo the token: ApiResponse.headers() redacts it as errors do. */
  @Test
  void aTokenEchoedInTheHeadersOfASuccessIsRedactedInApiResponseHeaders() {
    server.enqueue(
        json(CallTable.NODE)
            .addHeader("X-Echo-Authorization", "Bearer " + TOKEN)
            .addHeader("Via", "1.1 proxy (token=" + TOKEN + ")"));
    SfcNodes client = client(server.url("/").toString(), http, 0);

    ApiResponse<?> response = client.nodes().getWithResponse("n_1");

    Map<String, List<String>> headers = response.headers();
    assertFalse(headers.toString().contains(TOKEN), headers.toString());
    assertEquals(
        java.util.Collections.singletonList("Bearer <redacted>"),
        headers.get("x-echo-authorization"));
  }
}
