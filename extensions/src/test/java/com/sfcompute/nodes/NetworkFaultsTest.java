package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static com.sfcompute.nodes.TestHttp.envelope;
import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.CallTable.Kind;
import com.sfcompute.nodes.CallTable.Op;
import com.sfcompute.nodes.errors.InternalServerException;
import com.sfcompute.nodes.errors.OutcomeUnknownException;
import com.sfcompute.nodes.errors.SfcNodesException;
import com.sfcompute.nodes.errors.SfcNodesIoException;
import com.sfcompute.nodes.errors.SfcNodesTimeoutException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What real networks do to connections, at the socket level: pooled connections the server already
 * closed, hidden retries below the SDK, bodies cut or dribbled, and how many connections a busy
 * client opens.
 */
class NetworkFaultsTest {
  private static final List<Op> OPS = java.util.Arrays.asList(Op.values());
  private static final List<Kind> KINDS = java.util.Arrays.asList(Kind.values());
  private final MockWebServer server = new MockWebServer();
  private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
  private final List<SfcNodes> clients = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    server.start();
  }

  @AfterEach
  void tearDown() throws IOException {
    clients.forEach(SfcNodes::close);
    server.shutdown();
  }

  /** A client of {@code server} with no real waits and no jitter. */
  private SfcNodes client(int maxRetries) {
    return track(
        clientBuilder(server, "sk-test")
            .maxRetries(maxRetries)
            .timeout(Duration.ofSeconds(5))
            .sleeper(waits::add)
            .jitter(() -> 0.0)
            .build());
  }

  private SfcNodes track(SfcNodes client) {
    clients.add(client);
    return client;
  }

  static Stream<Arguments> everyCall() {
    return CallTable.rows(op -> true).stream();
  }

  static Stream<Arguments> writes() {
    return CallTable.rows(op -> !op.read()).stream();
  }

  /** Every write, sync; and one write in each form. */
  static Stream<Arguments> writesOnce() {
    return CallTable.rows(op -> !op.read()).stream()
        .filter(row -> row.get()[0] == Kind.SYNC || row.get()[1] == Op.CREATE);
  }

  static Stream<Arguments> reads() {
    return CallTable.rows(Op::read).stream();
  }

  /** Every read, sync; and one read in each form. */
  static Stream<Arguments> readsOnce() {
    return reads().filter(row -> row.get()[0] == Kind.SYNC || row.get()[1] == Op.GET);
  }

  // 1. Stale keep-alive connections

  /**
   * The server closes the connection after its first answer; the client's pool still holds it, so
   * the call reuses a dead connection. Without retries, the call must still succeed, once.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyCall")
  void aCallOnAPooledConnectionTheServerClosedIsSentAgainOnAFreshOne(Kind kind, Op op)
      throws Exception {
    SfcNodes client = client(0);
    server.enqueue(json(CallTable.ZONE_LIST).setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));
    server.enqueue(op.answer());
    client.zones().list(); // Leaves a connection in the pool that the server then closes.

    Object result = op.call(client, kind);

    if (op != Op.DELETE) { // An async delete completes with null: it has no body.
      assertNotNull(result);
    }
    assertEquals(2, server.getRequestCount(), "the warm-up and the call, each received once");
    take(server);
    RecordedRequest call = take(server);
    assertEquals(op.method + " " + op.path, call.getMethod() + " " + pathOnly(call));
    assertEquals(0, call.getSequenceNumber(), "sent on a fresh connection");
    assertTrue(waits.isEmpty(), "no backoff: a transport-level resend " + waits);
  }

  /** The resend on a fresh connection is not one of the caller's retries. */
  @Test
  void theResendAfterAStaleConnectionDoesNotConsumeARetry() throws Exception {
    SfcNodes client = client(1);
    server.enqueue(json(CallTable.ZONE_LIST).setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));
    server.enqueue(envelope(503, "service_unavailable", "busy"));
    server.enqueue(json(CallTable.NODE));
    client.zones().list();

    assertEquals("n_1", client.nodes().get("n_1").getId());

    assertEquals(3, server.getRequestCount());
    assertEquals(Collections.singletonList(Duration.ofMillis(500)), waits, "one retry: the 503");
  }

  /**
   * Regression guard (passes today, must keep passing): a write whose fresh connection dies after
   * the request was sent may have been applied, so it is not resent and its outcome is unknown.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("writesOnce")
  void aWriteCutOffAfterSendingOnAFreshConnectionIsNotResent(Kind kind, Op op) {
    SfcNodes client = client(2);
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(op.answer());

    OutcomeUnknownException e =
        assertThrows(OutcomeUnknownException.class, () -> op.call(client, kind));

    assertInstanceOf(SfcNodesIoException.class, e.getCause());
    assertEquals(1, server.getRequestCount(), "sent once, never again");
  }

  /**
   * 140 calls of every kind against a server that closes connections idle for 100 ms, with idle
   * gaps below and above that (seeded, so every run is the same), and a server restart halfway: no
   * call fails, none is retried, and each write is received exactly once.
   */
  @Test
  void soakAgainstAServerThatClosesIdleConnectionsAndRestarts() throws Exception {
    Duration idleTimeout = Duration.ofMillis(100);
    RawHttpServer raw = RawHttpServer.start(0, idleTimeout, RawHttpServer.api());
    RawHttpServer beforeRestart = raw;
    int port = raw.port();
    List<String> failures = new ArrayList<>();
    int writes = 0;
    int calls = 140;
    Random random = new Random(9);
    try (SfcNodes client =
        SfcNodes.builder()
            .bearerToken("sk-test")
            .baseUrl(raw.url())
            .timeout(Duration.ofSeconds(5))
            .sleeper(waits::add)
            .jitter(() -> 0.0)
            .build()) {
      for (int i = 0; i < calls; i++) {
        if (i == calls / 2) {
          raw.close(); // Closes every pooled connection from the server's side.
          raw = RawHttpServer.start(port, idleTimeout, RawHttpServer.api());
        }
        // The gap is the load's shape, not synchronisation: mostly back to back, sometimes
        // longer than the server's idle timeout.
        int gap = random.nextInt(5) < 4 ? random.nextInt(10) : 60 + random.nextInt(120);
        Thread.sleep(gap);
        Op op = OPS.get(random.nextInt(OPS.size()));
        Kind kind = KINDS.get(random.nextInt(KINDS.size()));
        if (!op.read()) {
          writes++;
        }
        try {
          op.call(client, kind);
        } catch (RuntimeException e) {
          failures.add(i + " " + kind + " " + op + " after " + gap + " ms: " + e);
        }
      }
    } finally {
      raw.close();
    }
    assertEquals(Collections.emptyList(), failures, "failed calls");
    assertTrue(waits.isEmpty(), "no call needed a retry: " + waits);
    Map<String, Integer> keys = new TreeMap<>(beforeRestart.requestsByIdempotencyKey());
    raw.requestsByIdempotencyKey().forEach((key, n) -> keys.merge(key, n, Integer::sum));
    for (Map.Entry<String, Integer> key : keys.entrySet()) {
      assertEquals(1, key.getValue(), "write " + key.getKey() + " received once");
    }
    assertEquals(writes, keys.size(), "every write was received");
    assertTrue(writes > 20, "the soak wrote " + writes + " times");
  }

  /**
   * The server restarts (same port) before every call: the pooled connection is always dead, and
   * every call still succeeds, each write received once.
   */
  @Test
  void everyCallSurvivesAServerRestartBeforeIt() throws Exception {
    RawHttpServer raw = RawHttpServer.start(0, Duration.ofSeconds(10), RawHttpServer.api());
    int port = raw.port();
    List<String> failures = new ArrayList<>();
    Map<String, Integer> keys = new TreeMap<>();
    int writes = 0;
    try (SfcNodes client =
        SfcNodes.builder()
            .bearerToken("sk-test")
            .baseUrl(raw.url())
            .maxRetries(0)
            .timeout(Duration.ofSeconds(5))
            .build()) {
      client.zones().list(); // A pooled connection to the first server.
      for (Op op : Op.values()) {
        for (Kind kind : Kind.values()) {
          raw.requestsByIdempotencyKey().forEach((key, n) -> keys.merge(key, n, Integer::sum));
          raw.close();
          raw = RawHttpServer.start(port, Duration.ofSeconds(10), RawHttpServer.api());
          writes += op.read() ? 0 : 1;
          try {
            op.call(client, kind);
          } catch (RuntimeException e) {
            failures.add(kind + " " + op + ": " + e);
          }
        }
      }
    } finally {
      raw.close();
    }
    raw.requestsByIdempotencyKey().forEach((key, n) -> keys.merge(key, n, Integer::sum));
    assertEquals(Collections.emptyList(), failures, "failed calls");
    assertEquals(writes, keys.size(), "every write was received");
    keys.forEach((key, n) -> assertEquals(1, n, "write " + key + " received once"));
  }

  // 2. No repetition below the SDK

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("writes")
  void a503WithRetryAfterZeroOnAWriteIsReceivedOnce(Kind kind, Op op) throws Exception {
    SfcNodes client = client(2);
    server.enqueue(envelope(503, "service_unavailable", "busy").setHeader("Retry-After", "0"));
    server.enqueue(op.answer());

    OutcomeUnknownException e =
        assertThrows(OutcomeUnknownException.class, () -> op.call(client, kind));

    InternalServerException cause = assertInstanceOf(InternalServerException.class, e.getCause());
    assertEquals(503, cause.statusCode());
    assertEquals(1, server.getRequestCount(), "the server saw the write once");
    assertNotNull(take(server).getHeader("Idempotency-Key"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("readsOnce")
  void a503WithRetryAfterZeroOnAReadIsRetriedOnlyByTheSdksRule(Kind kind, Op op) {
    SfcNodes client = client(1);
    for (int i = 0; i < 4; i++) {
      server.enqueue(envelope(503, "service_unavailable", "busy").setHeader("Retry-After", "0"));
    }

    InternalServerException e =
        assertThrows(InternalServerException.class, () -> op.call(client, kind));

    assertEquals(503, e.statusCode());
    assertEquals(2, server.getRequestCount(), "maxRetries(1): two attempts, no more");
  }

  // 4. Reads broken mid-body

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("reads")
  void aReadCutMidBodyIsRetriedAndSucceeds(Kind kind, Op op) {
    SfcNodes client = client(2);
    server.enqueue(op.answer().setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    server.enqueue(op.answer());

    assertNotNull(op.call(client, kind));

    assertEquals(2, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aReadCutMidBodyWithoutRetriesIsAConnectionFailure(Kind kind) {
    SfcNodes client = client(0);
    server.enqueue(
        json(CallTable.NODE_LIST).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

    SfcNodesException e = assertThrows(SfcNodesException.class, () -> Op.LIST.call(client, kind));

    assertInstanceOf(SfcNodesIoException.class, e, e.toString());
  }

  /** Half a Content-Length body, then a TCP reset: a connection failure, retried on a read. */
  @ParameterizedTest
  @EnumSource(Kind.class)
  void aReadResetHalfwayThroughItsBodyIsRetried(Kind kind) throws Exception {
    String body = CallTable.NODE_LIST;
    int[] seen = {0};
    try (RawHttpServer raw =
            RawHttpServer.start(
                0,
                Duration.ofSeconds(5),
                exchange -> {
                  if (seen[0]++ == 0) {
                    exchange.rawThenReset(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                            + body.length()
                            + "\r\n\r\n"
                            + body.substring(0, body.length() / 2));
                  } else {
                    exchange.respond(200, body);
                  }
                });
        SfcNodes client =
            SfcNodes.builder()
                .bearerToken("sk-test")
                .baseUrl(raw.url())
                .maxRetries(1)
                .sleeper(waits::add)
                .jitter(() -> 0.0)
                .build()) {

      assertNotNull(Op.LIST.call(client, kind));

      assertEquals(2, raw.requests("GET", "/v1/nodes"));
    }
  }

  // 5. Timeouts bound the attempt

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theTimeoutBoundsAWholeAttemptEvenWhenTheBodyDribbles(Kind kind) {
    SfcNodes client =
        track(
            clientBuilder(server, "sk-test")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(1))
                .sleeper(waits::add)
                .build());
    // 40 bytes at one byte every 500 ms: 20 s, each read well inside the 1 s timeout.
    server.enqueue(
        json(CallTable.NODE.substring(0, 40)).throttleBody(1, 500, TimeUnit.MILLISECONDS));

    // A bound on behaviour (the attempt is cut short), generous for a loaded machine.
    SfcNodesException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(8),
            () -> assertThrows(SfcNodesException.class, () -> Op.GET.call(client, kind)));

    assertInstanceOf(SfcNodesTimeoutException.class, e, e.toString());
  }

  @Test
  void aTimeoutBelowOneMillisecondIsRefused() {
    for (Duration tooShort : new Duration[] {Duration.ofNanos(1), Duration.ofNanos(999_999)}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  SfcNodes.builder()
                      .bearerToken("sk-test")
                      .baseUrl(server.url("/").toString())
                      .timeout(tooShort)
                      .build()
                      .close(),
              tooShort.toString());
      assertTrue(e.getMessage().contains("timeout"), e.getMessage());
    }
  }

  /** Regression guard: the smallest timeout OkHttp can carry is accepted. */
  @Test
  void aOneMillisecondTimeoutIsAccepted() {
    SfcNodes.builder()
        .bearerToken("sk-test")
        .baseUrl(server.url("/").toString())
        .timeout(Duration.ofMillis(1))
        .build()
        .close();
  }

  // 7. The connection pool fits the concurrency

  private static final int CONCURRENCY = 64;
  private static final int ROUNDS = 32; // 2,048 calls.
  private static final int SLACK = 8;

  private void answerEveryZoneList() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return json(CallTable.ZONE_LIST);
          }
        });
  }

  private int newConnections() throws InterruptedException {
    int fresh = 0;
    for (int i = 0; i < CONCURRENCY * ROUNDS; i++) {
      if (take(server).getSequenceNumber() == 0) {
        fresh++;
      }
    }
    return fresh;
  }

  /**
   * 64 threads call in rounds: between rounds all 64 connections are idle at once, as under any
   * bursty load. A pool smaller than the concurrency closes most of them and reopens them next
   * round.
   */
  @Test
  void sixtyFourThreadsReuseTheirConnections() throws Exception {
    answerEveryZoneList();
    SfcNodes client = client(0);
    ExecutorService threads = Executors.newFixedThreadPool(CONCURRENCY);
    try {
      CyclicBarrier round = new CyclicBarrier(CONCURRENCY);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < CONCURRENCY; t++) {
        done.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < ROUNDS; i++) {
                    round.await(60, TimeUnit.SECONDS); // Hang guard.
                    client.zones().list();
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS); // Hang guard.
      }
    } finally {
      threads.shutdownNow();
    }

    int fresh = newConnections();
    assertTrue(
        fresh <= CONCURRENCY + SLACK,
        fresh + " new connections for " + CONCURRENCY * ROUNDS + " calls");
  }

  @Test
  void sixtyFourAsyncCallsInFlightReuseTheirConnections() throws Exception {
    answerEveryZoneList();
    SfcNodes client = client(0);
    for (int i = 0; i < ROUNDS; i++) {
      List<CompletableFuture<?>> calls = new ArrayList<>();
      for (int c = 0; c < CONCURRENCY; c++) {
        calls.add(client.zones().listAsync());
      }
      CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0]))
          .get(60, TimeUnit.SECONDS); // Hang guard.
    }

    int fresh = newConnections();
    assertTrue(
        fresh <= CONCURRENCY + SLACK,
        fresh + " new connections for " + CONCURRENCY * ROUNDS + " calls");
  }

  private static String pathOnly(RecordedRequest request) {
    String path = request.getPath();
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }
}
