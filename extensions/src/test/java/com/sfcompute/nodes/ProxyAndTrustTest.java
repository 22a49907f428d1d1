package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.errors.SfcNodesException;
import com.sfcompute.nodes.errors.SfcNodesIoException;
import com.sfcompute.nodes.errors.SfcNodesServiceException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a user behind a corporate proxy or a private CA sets on the builder, and that doing so (or
 * bringing an OkHttpClient for it) keeps the SDK's own concurrency.
 */
class ProxyAndTrustTest {
  private static final String PASSWORD = "pr0xy-s3cret";

  private final MockWebServer server = new MockWebServer();
  private final List<SfcNodes> clients = new ArrayList<>();

  @AfterEach
  void tearDown() throws IOException {
    clients.forEach(SfcNodes::close);
    server.shutdown();
  }

  private SfcNodes track(SfcNodes client) {
    clients.add(client);
    return client;
  }

  private Proxy proxy() {
    return new Proxy(
        Proxy.Type.HTTP, new InetSocketAddress(server.getHostName(), server.getPort()));
  }

  /** A client of an API the proxy (the server) forwards to: the API's host never resolves. */
  private SfcNodes.Builder throughTheProxy() {
    return SfcNodes.builder()
        .bearerToken("sk-test")
        .baseUrl("http://api.sfc.invalid/")
        .maxRetries(0);
  }

  /**
   * A server that holds each request until 16 are in flight at once (or 5 s pass), and counts the
   * most it saw at once.
   */
  private AtomicInteger holdUntilSixteen() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch sixteen = new CountDownLatch(16);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            sixteen.countDown();
            boolean unused = sixteen.await(5, TimeUnit.SECONDS);
            inFlight.decrementAndGet();
            return json(CallTable.NODE);
          }
        });
    return most;
  }

  private static void sixteenAsyncReads(SfcNodes client) throws Exception {
    List<CompletableFuture<?>> calls = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      calls.add(client.nodes().getAsync("n_1"));
    }
    for (CompletableFuture<?> call : calls) {
      call.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void sixteenReadsThroughAProxySetOnTheBuilderAreAllInFlightAtOnce() throws Exception {
    AtomicInteger most = holdUntilSixteen();
    SfcNodes client = track(throughTheProxy().proxy(proxy()).build());

    sixteenAsyncReads(client);

    assertEquals(16, most.get(), "requests in flight at once on the server");
    RecordedRequest request = take(server);
    assertEquals("GET http://api.sfc.invalid/v1/nodes/n_1 HTTP/1.1", request.getRequestLine());
  }

  /** The case: a caller's OkHttpClient for the proxy no longer costs the concurrency. */
  @Test
  void maxConcurrentRequestsAppliesToTheCallsOfACallersOkHttpClient() throws Exception {
    AtomicInteger most = holdUntilSixteen();
    OkHttpClient mine = new OkHttpClient.Builder().proxy(proxy()).build();
    try {
      SfcNodes client = track(throughTheProxy().httpClient(mine).maxConcurrentRequests(32).build());

      sixteenAsyncReads(client);

      assertEquals(16, most.get(), "requests in flight at once on the server");
      assertEquals(5, mine.dispatcher().getMaxRequestsPerHost(), "the caller's own is untouched");
    } finally {
      mine.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void aProxyAsking407GetsBasicCredentialsOnceAndTheCallSucceeds() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(407)
            .setHeader("Proxy-Authenticate", "Basic realm=\"corp\""));
    server.enqueue(json(CallTable.NODE));
    SfcNodes client =
        track(throughTheProxy().proxy(proxy()).proxyAuthentication("alice", PASSWORD).build());

    assertEquals("n_1", client.nodes().get("n_1").getId());

    assertNull(take(server).getHeader("Proxy-Authorization"), "not sent before it is asked for");
    assertEquals(basic("alice", PASSWORD), take(server).getHeader("Proxy-Authorization"));
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void aProxyRefusingTheCredentialsEndsTheCallAfterOneTryAndShowsThemNowhere() throws Exception {
    MockResponse refuse =
        new MockResponse()
            .setResponseCode(407)
            .setHeader("Proxy-Authenticate", "Basic realm=\"corp\"")
            .setBody("proxy authentication required");
    server.enqueue(refuse);
    server.enqueue(refuse);
    server.enqueue(refuse);
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    SfcNodes.Builder builder =
        throughTheProxy()
            .proxy(proxy())
            .proxyAuthentication("alice", PASSWORD)
            .logLevel(SfcNodes.LogLevel.HEADERS)
            .logger(log::add);
    SfcNodes client = track(builder.build());

    SfcNodesException e = assertThrows(SfcNodesException.class, () -> client.nodes().get("n_1"));

    assertInstanceOf(SfcNodesServiceException.class, e);
    assertEquals(407, ((SfcNodesServiceException) e).statusCode());
    assertEquals(2, server.getRequestCount(), "without, then once with the credentials");
    String credential = basic("alice", PASSWORD).substring("Basic ".length());
    List<String> shown = new ArrayList<>(log);
    shown.add(e.toString());
    shown.add(String.valueOf(e.getMessage()));
    shown.add(builder.toString());
    shown.add(client.toString());
    for (String text : shown) {
      assertFalse(text.contains(PASSWORD), text);
      assertFalse(text.contains(credential), text);
    }
    assertTrue(log.stream().anyMatch(line -> line.startsWith("Proxy-Authorization")), "" + log);
  }

  @Test
  void trustSettingsLetTheClientTalkToAServerOfAPrivateCa() throws Exception {
    HandshakeCertificates clientSide = serveWithAPrivateCa();
    server.enqueue(json(CallTable.NODE));
    SfcNodes client =
        track(
            TestHttp.clientBuilder(server, "sk-test")
                .sslSocketFactory(clientSide.sslSocketFactory(), clientSide.trustManager())
                .build());

    assertEquals("n_1", client.nodes().get("n_1").getId());
  }

  @Test
  void withoutTheTrustSettingsAServerOfAPrivateCaIsRefused() throws Exception {
    serveWithAPrivateCa();
    server.enqueue(json(CallTable.NODE));
    SfcNodes client = track(TestHttp.clientBuilder(server, "sk-test").build());

    SfcNodesIoException e =
        assertThrows(SfcNodesIoException.class, () -> client.nodes().get("n_1"));

    assertInstanceOf(SSLException.class, e.getCause(), e.toString());
  }

  /** Serves HTTPS with a certificate of a private CA; the trust a client needs for it. */
  private HandshakeCertificates serveWithAPrivateCa() throws IOException {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();
    HeldCertificate certificate =
        new HeldCertificate.Builder()
            .addSubjectAlternativeName(InetAddress.getByName("localhost").getCanonicalHostName())
            .signedBy(ca)
            .build();
    server.useHttps(
        new HandshakeCertificates.Builder()
            .heldCertificate(certificate, ca.certificate())
            .build()
            .sslSocketFactory(),
        false);
    server.start();
    return new HandshakeCertificates.Builder().addTrustedCertificate(ca.certificate()).build();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
