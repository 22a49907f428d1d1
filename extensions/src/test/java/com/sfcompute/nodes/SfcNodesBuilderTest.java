package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.nodeJson;
import static com.sfcompute.nodes.TestHttp.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.model.Node;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Configuration: environment, token, base URL, headers, User-Agent, version, close, limits. */
class SfcNodesBuilderTest {
  private static final String TOKEN = "sk-test-SECRET-123";
  private static final String NODE = nodeJson("n_1");

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void setUp() throws IOException {
    server.start();
  }

  @AfterEach
  void tearDown() throws IOException {
    server.shutdown();
  }

  // fromEnv

  @Test
  void fromEnvReadsTheTokenAndTheBaseUrl() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("SFC_NODES_BEARER_TOKEN", TOKEN);
    env.put("SFC_NODES_BASE_URL", server.url("/env").toString());
    server.enqueue(json(NODE));

    try (SfcNodes client = SfcNodes.builder().fromEnv(env::get).maxRetries(0).build()) {
      assertEquals(server.url("/env").toString(), client.baseUrl());
      client.nodes().get("n_1");
    }

    RecordedRequest request = take(server);
    assertEquals("/env/v1/nodes/n_1", request.getPath());
    assertEquals("Bearer " + TOKEN, request.getHeader("Authorization"));
  }

  @Test
  void fromEnvTrimsSurroundingWhitespace() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("SFC_NODES_BEARER_TOKEN", "  " + TOKEN + "\n");
    env.put("SFC_NODES_BASE_URL", " " + server.url("/") + " ");
    server.enqueue(json(NODE));

    try (SfcNodes client = SfcNodes.builder().fromEnv(env::get).maxRetries(0).build()) {
      client.nodes().get("n_1");
    }

    assertEquals("Bearer " + TOKEN, take(server).getHeader("Authorization"));
  }

  @Test
  void fromEnvWithoutABaseUrlUsesProduction() {
    Map<String, String> env = Map.of("SFC_NODES_BEARER_TOKEN", TOKEN);

    try (SfcNodes client = SfcNodes.builder().fromEnv(env::get).build()) {
      assertEquals("https://api.sfcompute.com/", client.baseUrl());
    }
  }

  @Test
  void fromEnvIgnoresBlankValues() {
    Map<String, String> env = Map.of("SFC_NODES_BEARER_TOKEN", "  ", "SFC_NODES_BASE_URL", "");

    SfcNodes.Builder builder = SfcNodes.builder().fromEnv(env::get);

    IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);
    assertTrue(e.getMessage().contains("SFC_NODES_BEARER_TOKEN"), e.getMessage());
    try (SfcNodes client = builder.bearerToken(TOKEN).build()) {
      assertEquals("https://api.sfcompute.com/", client.baseUrl());
    }
  }

  @Test
  void fromEnvDoesNotOverwriteWhatWasSetWithBlanks() {
    Map<String, String> env = Map.of("SFC_NODES_BEARER_TOKEN", "", "SFC_NODES_BASE_URL", " ");

    try (SfcNodes client =
        SfcNodes.builder()
            .bearerToken(TOKEN)
            .baseUrl("https://proxy.example/sfc")
            .fromEnv(env::get)
            .build()) {
      assertEquals("https://proxy.example/sfc", client.baseUrl());
    }
  }

  @Test
  void settingsAfterFromEnvWin() throws Exception {
    Map<String, String> env =
        Map.of("SFC_NODES_BEARER_TOKEN", "sk-from-env", "SFC_NODES_BASE_URL", "https://x.invalid");
    server.enqueue(json(NODE));

    try (SfcNodes client =
        SfcNodes.builder()
            .fromEnv(env::get)
            .bearerToken(TOKEN)
            .baseUrl(server.url("/").toString())
            .maxRetries(0)
            .build()) {
      client.nodes().get("n_1");
    }

    assertEquals("Bearer " + TOKEN, take(server).getHeader("Authorization"));
  }

  // build()

  @Test
  void buildWithoutATokenNamesTheEnvironmentVariable() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> SfcNodes.builder().build());

    assertTrue(e.getMessage().contains("SFC_NODES_BEARER_TOKEN"), e.getMessage());
    assertTrue(e.getMessage().contains("bearerToken"), e.getMessage());
  }

  @Test
  void aBlankTokenIsRefusedAtOnce() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SfcNodes.builder().bearerToken(" "));

    assertTrue(e.getMessage().contains("bearerToken"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"not a url", "ftp://api.sfcompute.com", "api.sfcompute.com", "http://"})
  void anInvalidBaseUrlIsRefused(String baseUrl) {
    SfcNodes.Builder builder = SfcNodes.builder().bearerToken(TOKEN).baseUrl(baseUrl);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertTrue(e.getMessage().contains("baseUrl"), e.getMessage());
    assertTrue(e.getMessage().contains(baseUrl), e.getMessage());
  }

  @Test
  void aBlankBaseUrlIsRefusedAtOnce() {
    assertThrows(IllegalArgumentException.class, () -> SfcNodes.builder().baseUrl(""));
  }

  @Test
  void negativeRetriesAndNonPositiveTimeoutsAreRefused() {
    SfcNodes.Builder builder = SfcNodes.builder();

    assertThrows(IllegalArgumentException.class, () -> builder.maxRetries(-1));
    assertThrows(IllegalArgumentException.class, () -> builder.timeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> builder.timeout(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> builder.maxConcurrentRequests(0));
  }

  @Test
  void theDefaultsMatchTheDocumentation() {
    try (SfcNodes client = SfcNodes.builder().bearerToken(TOKEN).build()) {
      assertEquals("https://api.sfcompute.com/", client.baseUrl());
      assertEquals(2, client.maxRetries());
      assertEquals(Sleeper.SYSTEM, client.sleeper());
    }
  }

  // headers

  @Test
  void extraHeadersAreSentOnEveryRequest() throws Exception {
    server.enqueue(json(NODE));
    server.enqueue(json("{\"object\":\"list\",\"data\":[]}"));
    server.enqueue(new MockResponse().setResponseCode(204));

    try (SfcNodes client = base().header("X-Team", "research").header("X-Trace", "abc").build()) {
      client.nodes().get("n_1");
      client.zones().list();
      client.nodes().delete("n_1");
    }

    for (int i = 0; i < 3; i++) {
      RecordedRequest request = take(server);
      assertEquals("research", request.getHeader("X-Team"), request.getPath());
      assertEquals("abc", request.getHeader("X-Trace"), request.getPath());
      assertEquals("Bearer " + TOKEN, request.getHeader("Authorization"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Authorization", "authorization", "AUTHORIZATION"})
  void anExtraHeaderCannotReplaceTheAuthorization(String name) {
    SfcNodes.Builder builder = base();

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> builder.header(name, "Bearer other"));

    assertTrue(e.getMessage().contains("bearerToken"), e.getMessage());
  }

  @Test
  void anExtraUserAgentHeaderDoesNotReplaceTheSdks() throws Exception {
    server.enqueue(json(NODE));

    try (SfcNodes client = base().header("User-Agent", "evil/1.0").build()) {
      client.nodes().get("n_1");
    }

    String userAgent = take(server).getHeader("User-Agent");
    assertTrue(userAgent.startsWith("sfc-nodes-java/"), userAgent);
    assertFalse(userAgent.contains("evil"), userAgent);
  }

  @Test
  void anExtraIdempotencyKeyHeaderDoesNotReplaceTheCallsOwn() throws Exception {
    server.enqueue(json(NODE));

    try (SfcNodes client = base().header("Idempotency-Key", "shared-by-every-call").build()) {
      client.nodes().release("n_1", "release-key");
    }

    assertEquals("release-key", take(server).getHeader("Idempotency-Key"));
  }

  @Test
  void theUserAgentNamesTheSdkVersionJavaAndTheSuffix() throws Exception {
    server.enqueue(json(NODE));

    try (SfcNodes client = base().userAgentSuffix("my-app/1.2").build()) {
      client.nodes().get("n_1");
    }

    String userAgent = take(server).getHeader("User-Agent");
    assertTrue(userAgent.startsWith("sfc-nodes-java/" + SfcNodes.VERSION + " "), userAgent);
    assertTrue(userAgent.contains("(Java " + System.getProperty("java.version")), userAgent);
    assertTrue(userAgent.endsWith(") my-app/1.2"), userAgent);
  }

  @Test
  void theVersionIsFilledInByTheBuild() {
    assertNotEquals("unknown", SfcNodes.VERSION);
    assertFalse(SfcNodes.VERSION.contains("${"), SfcNodes.VERSION);
    assertTrue(SfcNodes.VERSION.matches("\\d+\\.\\d+\\.\\d+.*"), SfcNodes.VERSION);
  }

  // close()

  @Test
  void closeShutsDownTheThreadsOfAnSdkOwnedClient() throws Exception {
    server.enqueue(json(NODE));
    SfcNodes client = base().build();
    client.nodes().getAsync("n_1").get(5, TimeUnit.SECONDS);

    client.close();

    // A closed client refuses new calls clearly, and sends nothing.
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> client.nodes().getAsync("n_1"));
    assertEquals("This SfcNodes client is closed", e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void closeIsIdempotent() {
    SfcNodes client = base().build();

    client.close();
    client.close();
  }

  @Test
  void closeLeavesACallerSuppliedClientRunningAndUsable() throws Exception {
    server.enqueue(json(NODE));
    server.enqueue(json(NODE));
    server.enqueue(json(NODE));
    OkHttpClient mine = new OkHttpClient();
    try {
      SfcNodes client = base().httpClient(mine).build();
      client.nodes().getAsync("n_1").get(5, TimeUnit.SECONDS);

      client.close();

      assertFalse(mine.dispatcher().executorService().isShutdown());
      // The caller's own client still works, synchronously and asynchronously...
      try (Response response =
          mine.newCall(new Request.Builder().url(server.url("/v1/nodes/n_1")).build()).execute()) {
        assertEquals(200, response.code());
      }
      // ...while the closed SDK client refuses new calls.
      assertThrows(IllegalStateException.class, () -> client.nodes().get("n_1"));
      assertEquals(2, server.getRequestCount());
    } finally {
      mine.dispatcher().executorService().shutdown();
      mine.connectionPool().evictAll();
    }
  }

  @Test
  void aCallerSuppliedClientKeepsItsInterceptorsAndGetsTheSdksHeaders() throws Exception {
    server.enqueue(json(NODE));
    List<String> seen = new ArrayList<>();
    OkHttpClient mine =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  seen.add(chain.request().url().encodedPath());
                  return chain.proceed(chain.request());
                })
            .build();

    try (SfcNodes client = base().httpClient(mine).build()) {
      client.nodes().get("n_1");
    } finally {
      mine.dispatcher().executorService().shutdown();
    }

    assertEquals(List.of("/v1/nodes/n_1"), seen);
    assertEquals("Bearer " + TOKEN, take(server).getHeader("Authorization"));
  }

  // maxConcurrentRequests

  /**
   * OkHttp's own dispatcher runs at most 5 calls per host at once. With a limit of 8, eight async
   * calls to one host must all be at the server at the same time: the server holds every answer
   * until the eighth request arrived (or 10 s passed, failing the test).
   */
  @Test
  void maxConcurrentRequestsRaisesThePerHostLimit() throws Exception {
    int calls = 8;
    CountDownLatch allArrived = new CountDownLatch(calls);
    AtomicInteger answeredEarly = new AtomicInteger();
    server.setDispatcher(
        new okhttp3.mockwebserver.Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            allArrived.countDown();
            if (!allArrived.await(10, TimeUnit.SECONDS)) {
              answeredEarly.incrementAndGet();
            }
            return json(NODE);
          }
        });

    try (SfcNodes client = base().maxConcurrentRequests(calls).build()) {
      List<CompletableFuture<Node>> futures = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        futures.add(client.nodes().getAsync("n_" + i));
      }
      assertTrue(allArrived.await(10, TimeUnit.SECONDS), "not all calls ran at once");
      for (CompletableFuture<Node> future : futures) {
        assertEquals("n_1", future.get(10, TimeUnit.SECONDS).getId());
      }
    }
    assertEquals(0, answeredEarly.get());
  }

  /**
   * With a limit of 2, a third call is held in the client until one of the first two completes. The
   * server holds both answers until the test releases one, and records, as each request arrives,
   * how many answers were released before it: the third request must have waited for a release. (A
   * broken limit can only be missed if the third request happens to arrive after the release; a
   * correct limit can never fail this.)
   */
  @Test
  void maxConcurrentRequestsHoldsFurtherCallsUntilOneCompletes() throws Exception {
    CountDownLatch twoArrived = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger released = new AtomicInteger();
    List<Integer> releasedBeforeArrival = java.util.Collections.synchronizedList(new ArrayList<>());
    server.setDispatcher(
        new okhttp3.mockwebserver.Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            releasedBeforeArrival.add(released.get());
            twoArrived.countDown();
            if (releasedBeforeArrival.size() <= 2 && !release.await(10, TimeUnit.SECONDS)) {
              return new MockResponse().setResponseCode(500);
            }
            return json(NODE);
          }
        });

    try (SfcNodes client = base().maxConcurrentRequests(2).build()) {
      CompletableFuture<Node> first = client.nodes().getAsync("n_1");
      CompletableFuture<Node> second = client.nodes().getAsync("n_2");
      CompletableFuture<Node> third = client.nodes().getAsync("n_3");
      assertTrue(twoArrived.await(10, TimeUnit.SECONDS), "the first two calls did not run");
      assertFalse(third.isDone());

      released.incrementAndGet();
      release.countDown();

      third.get(10, TimeUnit.SECONDS);
      first.get(10, TimeUnit.SECONDS);
      second.get(10, TimeUnit.SECONDS);
    }
    assertEquals(3, releasedBeforeArrival.size());
    assertEquals(List.of(0, 0, 1), releasedBeforeArrival);
  }

  @Test
  void maxConcurrentRequestsDoesNotTouchACallerSuppliedDispatcher() throws Exception {
    server.enqueue(json(NODE));
    Dispatcher dispatcher = new Dispatcher();
    OkHttpClient mine = new OkHttpClient.Builder().dispatcher(dispatcher).build();

    try (SfcNodes client = base().httpClient(mine).maxConcurrentRequests(100).build()) {
      client.nodes().getAsync("n_1").get(5, TimeUnit.SECONDS);

      // OkHttp's defaults: the dispatcher is its owner's to configure.
      assertEquals(64, dispatcher.getMaxRequests());
      assertEquals(5, dispatcher.getMaxRequestsPerHost());
    } finally {
      dispatcher.executorService().shutdown();
    }
  }

  // toString

  @Test
  void toStringShowsTheBaseUrlButNeverTheToken() {
    SfcNodes.Builder builder = base();
    try (SfcNodes client = builder.build()) {
      assertTrue(client.toString().contains(server.url("/").toString()), client.toString());
      assertFalse(client.toString().contains(TOKEN), client.toString());
      assertTrue(builder.toString().contains("<redacted>"), builder.toString());
      assertFalse(builder.toString().contains(TOKEN), builder.toString());
    }
  }

  private SfcNodes.Builder base() {
    return clientBuilder(server, TOKEN);
  }
}
