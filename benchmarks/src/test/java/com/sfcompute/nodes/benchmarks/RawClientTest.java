package com.sfcompute.nodes.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.RedeployParams;
import com.sfcompute.nodes.SfcNodes;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The floor must do the SDK's work on the wire, or the ratios compare different things. */
class RawClientTest {
  private final MockWebServer server = new MockWebServer();
  private SfcNodes sdk;
  private RawClient raw;

  @BeforeEach
  void start() throws Exception {
    server.start();
    String base = server.url("/").toString().replaceAll("/$", "");
    sdk = SfcNodes.builder().bearerToken(CallBenchmarks.TOKEN).baseUrl(base).build();
    raw = new RawClient(base, CallBenchmarks.TOKEN, 4);
  }

  @AfterEach
  void stop() throws Exception {
    sdk.close();
    raw.close();
    server.shutdown();
  }

  @Test
  void getDecodesTheSameNodeAndSendsTheSameHeaders() throws Exception {
    enqueueNode(2);
    assertEquals(sdk.nodes().get(CallBenchmarks.ID), raw.get(CallBenchmarks.ID));
    RecordedRequest bySdk = take();
    RecordedRequest byRaw = take();
    assertEquals(bySdk.getMethod(), byRaw.getMethod());
    assertEquals(bySdk.getPath(), byRaw.getPath());
    assertEquals(headerNames(bySdk), headerNames(byRaw));
    assertEquals(bySdk.getHeader("Authorization"), byRaw.getHeader("Authorization"));
    assertEquals(bySdk.getHeader("Accept"), byRaw.getHeader("Accept"));
  }

  @Test
  void getAsyncDecodesTheSameNode() throws Exception {
    enqueueNode(2);
    assertEquals(
        sdk.nodes().getAsync(CallBenchmarks.ID).get(10, TimeUnit.SECONDS),
        raw.getAsync(CallBenchmarks.ID).get(10, TimeUnit.SECONDS));
  }

  @Test
  void redeploySendsTheSameBodyAndHeadersWithItsOwnIdempotencyKey() throws Exception {
    enqueueNode(2);
    RedeployParams params = RedeployParams.builder().image(CallBenchmarks.IMAGE).build();
    assertEquals(
        sdk.nodes().redeploy(CallBenchmarks.ID, params),
        raw.redeploy(CallBenchmarks.ID, RawClient.redeployBody(CallBenchmarks.IMAGE)));
    RecordedRequest bySdk = take();
    RecordedRequest byRaw = take();
    assertEquals("PUT", byRaw.getMethod());
    assertEquals(bySdk.getPath(), byRaw.getPath());
    assertEquals(headerNames(bySdk), headerNames(byRaw));
    assertEquals(bySdk.getBody().readUtf8(), byRaw.getBody().readUtf8());
    assertNotNull(byRaw.getHeader("Idempotency-Key"));
    assertNotEquals(bySdk.getHeader("Idempotency-Key"), byRaw.getHeader("Idempotency-Key"));
  }

  @Test
  void listDecodesTheSameNodes() throws Exception {
    String list = Payloads.list(3);
    server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(list));
    server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(list));
    assertEquals(sdk.nodes().list(), raw.list());
  }

  /** The floor without timeouts differs in its timeouts only: the same requests, the same node. */
  @Test
  void theFloorWithoutTimeoutsSendsTheSameRequests() throws Exception {
    String base = server.url("/").toString().replaceAll("/$", "");
    try (RawClient untimed = RawClient.withoutTimeouts(base, CallBenchmarks.TOKEN, 4)) {
      enqueueNode(2);
      assertEquals(raw.get(CallBenchmarks.ID), untimed.get(CallBenchmarks.ID));
      RecordedRequest byRaw = take();
      RecordedRequest byUntimed = take();
      assertEquals(byRaw.getPath(), byUntimed.getPath());
      assertEquals(headerNames(byRaw), headerNames(byUntimed));
      assertEquals(byRaw.getHeader("Authorization"), byUntimed.getHeader("Authorization"));
    }
  }

  private void enqueueNode(int times) {
    for (int i = 0; i < times; i++) {
      server.enqueue(
          new MockResponse().setHeader("Content-Type", "application/json").setBody(Payloads.NODE));
    }
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
    assertNotNull(request, "no request arrived");
    return request;
  }

  /** Names only: the User-Agent and Idempotency-Key values differ by design. */
  private static Set<String> headerNames(RecordedRequest request) {
    Set<String> names = new TreeSet<>();
    for (String name : request.getHeaders().names()) {
      names.add(name.toLowerCase(Locale.ROOT));
    }
    assertTrue(names.contains("user-agent"));
    return names;
  }
}
