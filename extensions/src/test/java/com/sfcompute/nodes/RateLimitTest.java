package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static com.sfcompute.nodes.TestHttp.envelope;
import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.nodeJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.errors.RateLimitException;
import com.sfcompute.nodes.model.Node;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client's adaptive rate limit, on fake time: nothing waits until the server answers 429; then
 * every call of the client, blocking or not, takes turns at one rate that follows the server's. The
 * waits are read from the fake sleeper (the limiter's release task sleeps each gap on it).
 */
class RateLimitTest {
  private static final String NODE = nodeJson("n_1");
  private static final long GUARD_SECONDS =
      20; // The real-time bound on a result: a hung test only.

  private final MockWebServer server = new MockWebServer();
  private final FakeTime time = new FakeTime();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private SfcNodes client;

  /** How the calls after the first 429 are made. */
  enum Form {
    /** Blocking calls from four threads. */
    SYNC_THREADS,
    /** Asynchronous calls, all started at once from one thread. */
    ASYNC
  }

  @BeforeEach
  void setUp() throws IOException {
    server.start();
    client = client(true);
  }

  @AfterEach
  void tearDown() throws IOException {
    client.close();
    server.shutdown();
  }

  private SfcNodes client(boolean adaptive) {
    return time.install(clientBuilder(server, "sk-test"))
        .maxRetries(2)
        .jitter(() -> 0.0)
        .logger(log::add)
        .adaptiveRateLimit(adaptive)
        .build();
  }

  /** Answers {@code count} calls with 200, then one call (without retries) with {@code 429}. */
  private void okThenOne429(int count, MockResponse tooMany) {
    for (int i = 0; i < count; i++) {
      server.enqueue(json(NODE));
    }
    server.enqueue(tooMany);
    for (int i = 0; i < count; i++) {
      client.nodes().get("n_1");
    }
    SfcNodes once = client.withOptions(RequestOptions.builder().maxRetries(0).build());
    assertThrows(RateLimitException.class, () -> once.nodes().get("n_1"));
  }

  private static MockResponse tooMany() {
    return envelope(429, "rate_limited", "slow down");
  }

  /** Makes {@code count} calls of {@code form}; all must succeed. */
  private void calls(Form form, int count) throws Exception {
    List<Future<Node>> results = new ArrayList<>();
    if (form == Form.ASYNC) {
      for (int i = 0; i < count; i++) {
        results.add(client.nodes().getAsync("n_1"));
      }
    } else {
      ExecutorService threads = Executors.newFixedThreadPool(4);
      try {
        for (int i = 0; i < count; i++) {
          results.add(threads.submit(() -> client.nodes().get("n_1")));
        }
      } finally {
        threads.shutdown();
      }
    }
    for (Future<Node> result : results) {
      assertEquals("n_1", result.get(GUARD_SECONDS, TimeUnit.SECONDS).getId());
    }
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void without429NothingWaits(Form form) throws Exception {
    for (int i = 0; i < 20; i++) {
      server.enqueue(json(NODE));
    }

    calls(form, 20);

    assertEquals(Collections.emptyList(), time.waits);
    assertFalse(client.rateLimit().isEngaged());
    assertEquals(Collections.emptyList(), log);
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void after429AllCallsTakeTurnsAtTheMeasuredRateDoublingEachSecond(Form form) throws Exception {
    okThenOne429(4, tooMany()); // 4 answers in the last second: the server's rate is 4/s.
    assertTrue(client.rateLimit().isEngaged());
    assertEquals(4.0, client.rateLimit().currentRate(), 1e-9);
    assertEquals(
        Collections.singletonList("rate limited by the server: slowing to 4 requests/s"), log);
    for (int i = 0; i < 20; i++) {
      server.enqueue(json(NODE));
    }

    calls(form, 20);

    // The first goes at once; each next one 1/r later, r = 4 * 2^(seconds since the 429).
    List<Duration> expected = new ArrayList<>();
    double elapsed = 0;
    for (int i = 1; i < 20; i++) {
      long gap = (long) (1e9 / (4 * Math.pow(2, elapsed)));
      expected.add(Duration.ofNanos(gap));
      elapsed += gap / 1e9;
    }
    assertGaps(expected, time.waits);
    assertEquals(25, server.getRequestCount());
    assertEquals(1, log.size(), "one line when slowing down, none per call: " + log);
  }

  private static void assertGaps(List<Duration> expected, List<Duration> actual) {
    assertEquals(expected.size(), actual.size(), "waits: " + actual);
    for (int i = 0; i < expected.size(); i++) {
      long difference = Math.abs(expected.get(i).toNanos() - actual.get(i).toNanos());
      assertTrue(difference < 1000, "wait " + i + ": " + expected + " but " + actual);
    }
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void aRetryAfterOn429PausesEveryCallUntilThen(Form form) throws Exception {
    Instant start = time.instant();
    List<Instant> seen = new CopyOnWriteArrayList<>();
    okThenOne429(4, tooMany().setHeader("Retry-After", "2"));
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            seen.add(time.instant());
            return json(NODE);
          }
        });

    calls(form, 5);

    assertEquals(Duration.ofSeconds(2), time.waits.get(0), "all wait for the pause: " + time.waits);
    assertEquals(5, seen.size());
    for (Instant at : seen) {
      assertFalse(at.isBefore(start.plusSeconds(2)), "sent during the pause at " + at);
    }
  }

  @Test
  void aBurstOf429sIsOneSlowDown() throws Exception {
    okThenOne429(10, tooMany()); // Engaged at 10/s.
    CountDownLatch allSent = new CountDownLatch(5);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            allSent.countDown(); // No 429 is answered before all five were sent.
            allSent.await(GUARD_SECONDS, TimeUnit.SECONDS);
            return tooMany();
          }
        });
    SfcNodes once = client.withOptions(RequestOptions.builder().maxRetries(0).build());
    List<CompletableFuture<Node>> burst = new ArrayList<>();

    for (int i = 0; i < 5; i++) {
      burst.add(once.nodes().getAsync("n_1"));
    }

    for (CompletableFuture<Node> call : burst) {
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> call.get(GUARD_SECONDS, TimeUnit.SECONDS));
      assertInstanceOf(RateLimitException.class, e.getCause());
    }
    // Once: 0.7 x min(rate, 10 answers in the last second) = 7; twice would be 4.9.
    assertEquals(7.0, client.rateLimit().currentRate(), 1e-6);
  }

  @Test
  void cancellingACallThatWaitsForItsTurnTakesItOutOfTheQueue() throws Exception {
    Semaphore ticks = new Semaphore(0);
    try (SfcNodes gated = gatedClient(ticks)) {
      server.enqueue(tooMany());
      SfcNodes once = gated.withOptions(RequestOptions.builder().maxRetries(0).build());
      assertThrows(RateLimitException.class, () -> once.nodes().get("n_1")); // Engaged at 1/s.
      server.enqueue(json(NODE));
      server.enqueue(json(NODE));
      assertEquals("n_1", gated.nodes().getAsync("n_1").get(5, TimeUnit.SECONDS).getId());
      CompletableFuture<Node> waiting = gated.nodes().getAsync("n_1"); // Its turn is 1 s away.

      assertTrue(waiting.cancel(true));
      ticks.release(100);
      Node next = gated.nodes().getAsync("n_1").get(5, TimeUnit.SECONDS);

      assertEquals("n_1", next.getId());
      assertEquals(3, server.getRequestCount(), "the cancelled call was never sent");
    }
  }

  @Test
  void closingTheClientFailsTheCallsWaitingForTheirTurn() throws Exception {
    Semaphore ticks = new Semaphore(0);
    SfcNodes gated = gatedClient(ticks);
    server.enqueue(tooMany());
    server.enqueue(json(NODE));
    SfcNodes once = gated.withOptions(RequestOptions.builder().maxRetries(0).build());
    assertThrows(RateLimitException.class, () -> once.nodes().get("n_1"));
    gated.nodes().get("n_1"); // The turn free at once.
    CompletableFuture<Node> async = gated.nodes().getAsync("n_1");
    CompletableFuture<Node> blocking =
        CompletableFuture.supplyAsync(() -> gated.nodes().get("n_1"));
    while (ticks.getQueueLength() == 0) {
      Thread.sleep(1); // Until the limiter's release task sleeps for the next turn.
    }

    gated.close();

    ExecutionException a =
        assertThrows(ExecutionException.class, () -> async.get(5, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, a.getCause());
    assertTrue(a.getCause().getMessage().contains("closed"), a.getCause().getMessage());
    ExecutionException b =
        assertThrows(ExecutionException.class, () -> blocking.get(5, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, b.getCause());
    assertEquals(2, server.getRequestCount());
  }

  /** A client whose sleeper moves the fake clock only when the test hands it a tick. */
  private SfcNodes gatedClient(Semaphore ticks) {
    return clientBuilder(server, "sk-test")
        .clock(time)
        .sleeper(
            d -> {
              ticks.acquire();
              time.advance(d);
            })
        .logger(log::add)
        .build();
  }

  @Test
  void thirtySecondsWithout429BringBackFullSpeed() throws Exception {
    okThenOne429(4, tooMany());
    server.enqueue(json(NODE));

    time.advance(Duration.ofSeconds(31));
    client.nodes().get("n_1");

    assertFalse(client.rateLimit().isEngaged());
    assertEquals(
        java.util.Arrays.asList(
            "rate limited by the server: slowing to 4 requests/s",
            "no longer rate limited by the server: back to full speed"),
        log);
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void turnedOffEach429IsTheCallsOwnBusinessAsBefore(Form form) throws Exception {
    client.close();
    client = client(false);
    okThenOne429(4, tooMany());
    for (int i = 0; i < 20; i++) {
      server.enqueue(json(NODE));
    }
    server.enqueue(tooMany());
    server.enqueue(json(NODE));

    calls(form, 20);
    Node retried = client.nodes().get("n_1");

    assertEquals("n_1", retried.getId());
    assertEquals(
        Collections.singletonList(Duration.ofMillis(500)), time.waits, "the backoff alone");
    assertFalse(client.rateLimit().isEngaged());
    assertEquals(Collections.emptyList(), log);
  }

  /**
   * A server that allows 50 requests a second (a token bucket of 50 on the fake clock, 429 without
   * Retry-After beyond it) and a caller that keeps 100 calls in flight until 1,000 are done: all
   * succeed, few requests are refused, and the calls take about as long as the server's rate
   * allows.
   *
   * <p>The fake clock moves only once every request sent has its answer: the limiter's release task
   * would otherwise run ahead of the sends (its sleeps take no real time), the server would see the
   * requests late and bunched, and the tokens of the time it skipped would overflow its bucket. The
   * network is thus instant on the fake clock, the answer to each turn known before the next; only
   * the first hundred calls, sent before any answer, meet the server unpaced. The server answers in
   * one write (MockWebServer's two would wait 40 ms each for a delayed ACK).
   */
  @Test
  void aThousandCallsConvergeOnTheServersRate() throws Exception {
    TokenBucket bucket = new TokenBucket(50, 50);
    okhttp3.Dispatcher calls = new okhttp3.Dispatcher();
    calls.setMaxRequests(200);
    calls.setMaxRequestsPerHost(200);
    Instant start = time.instant();
    Semaphore inFlight = new Semaphore(100);
    AtomicInteger failed = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(1000);
    try (RawHttpServer tokenBucket = RawHttpServer.start(0, Duration.ofMinutes(1), bucket);
        SfcNodes paced =
            SfcNodes.builder()
                .bearerToken("sk-test")
                .baseUrl(tokenBucket.url())
                .httpClient(new okhttp3.OkHttpClient.Builder().dispatcher(calls).build())
                .clock(time)
                .sleeper(
                    d -> {
                      while (calls.runningCallsCount() + calls.queuedCallsCount() > 0) {
                        Thread.sleep(0, 100_000);
                      }
                      time.advance(d);
                    })
                .logger(log::add)
                .build()) {
      for (int i = 0; i < 1000; i++) {
        assertTrue(inFlight.tryAcquire(GUARD_SECONDS, TimeUnit.SECONDS));
        CompletableFuture<Node> unused =
            paced
                .nodes()
                .getAsync("n_1")
                .whenComplete(
                    (node, error) -> {
                      if (error != null) {
                        failed.incrementAndGet();
                      }
                      inFlight.release();
                      done.countDown();
                    });
      }
      assertTrue(done.await(60, TimeUnit.SECONDS));
    }

    Duration took = Duration.between(start, time.instant());
    int requests = bucket.accepted.get() + bucket.refused.get();
    System.out.printf(
        "convergence: %d requests, %d refused (%.1f %%), %s on the fake clock (1000 / 50 = 20 s)%n",
        requests, bucket.refused.get(), 100.0 * bucket.refused.get() / requests, took);
    System.out.println(log);
    assertEquals(0, failed.get(), "calls that failed");
    assertEquals(1000, bucket.accepted.get());
    assertTrue(bucket.refused.get() <= requests / 10, bucket.refused + " of " + requests);
    // The bucket's 50 at the start, then 50 a second: 19 s at least.
    assertTrue(took.compareTo(Duration.ofSeconds(19)) >= 0, "faster than the server: " + took);
    assertTrue(took.compareTo(Duration.ofSeconds(25)) <= 0, "slower than needed: " + took);
  }

  /** A token bucket on the fake clock: {@code rate} a second, up to {@code burst} saved. */
  private final class TokenBucket implements RawHttpServer.Handler {
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    private final double rate;
    private final double burst;
    private double tokens;
    private Instant last;

    TokenBucket(double rate, double burst) {
      this.rate = rate;
      this.burst = burst;
      this.tokens = burst;
      this.last = time.instant();
    }

    @Override
    public void handle(RawHttpServer.Exchange exchange) throws IOException {
      if (take()) {
        accepted.incrementAndGet();
        exchange.respond(200, NODE);
      } else {
        refused.incrementAndGet();
        exchange.respond(429, "{\"error\":{\"type\":\"rate_limited\",\"message\":\"slow down\"}}");
      }
    }

    private synchronized boolean take() {
      Instant now = time.instant();
      tokens = Math.min(burst, tokens + Duration.between(last, now).toNanos() / 1e9 * rate);
      last = now;
      if (tokens < 1) {
        return false;
      }
      tokens--;
      return true;
    }
  }
}
