package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static com.sfcompute.nodes.TestHttp.envelope;
import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.nodeJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.CallTable.Kind;
import com.sfcompute.nodes.CallTable.Op;
import com.sfcompute.nodes.errors.ConflictException;
import com.sfcompute.nodes.errors.InternalServerException;
import com.sfcompute.nodes.errors.OutcomeUnknownException;
import com.sfcompute.nodes.errors.RateLimitException;
import com.sfcompute.nodes.errors.SfcNodesException;
import com.sfcompute.nodes.errors.SfcNodesIoException;
import com.sfcompute.nodes.errors.SfcNodesServiceException;
import com.sfcompute.nodes.errors.SfcNodesTimeoutException;
import com.sfcompute.nodes.model.Node;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
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
 * Which failures are retried, for each kind of call in each of its forms (sync, async,
 * withResponse: one rule, {@code SendAgain}, serves them all), and how long the client waits: reads
 * are retried freely; calls with side effects only when provably unsent or when the server asks.
 */
class RetryMatrixTest {
  /**
   * Short enough to keep the timeout cases quick, long enough that a loaded machine never turns a
   * prompt answer into a timeout.
   */
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String NODE = nodeJson("n_1");
  private static final String NODE_LIST = "{\"object\":\"list\",\"data\":[" + NODE + "]}";

  private final MockWebServer server = new MockWebServer();
  private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
  private SfcNodes client;

  @BeforeEach
  void setUp() throws IOException {
    server.start();
    client = client(2, null);
  }

  @AfterEach
  void tearDown() throws IOException {
    client.close();
    server.shutdown();
  }

  private SfcNodes client(int maxRetries, OkHttpClient http) {
    SfcNodes.Builder builder =
        clientBuilder(server, "sk-test")
            .maxRetries(maxRetries)
            .timeout(READ_TIMEOUT)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .sleeper(waits::add)
            .jitter(() -> 0.0);
    if (http != null) {
      builder.httpClient(http).timeout(READ_TIMEOUT);
    }
    return builder.build();
  }

  /** The operations of the matrix: two reads and every write; side effects carry a key. */
  private static final List<Op> OPS =
      Arrays.asList(
          Op.GET,
          Op.LIST,
          Op.CREATE,
          Op.EXTEND,
          Op.RELEASE,
          Op.REDEPLOY,
          Op.DELETE,
          Op.SCRIPT_CREATE);

  /** What goes wrong on every attempt. */
  // A table row: each MockResponse is only copied into the server's queue, never changed.
  @SuppressWarnings("ImmutableEnumChecker")
  enum Fault {
    S408(new MockResponse().setResponseCode(408)),
    S409(envelope(409, "conflict", "failed")),
    S429(envelope(429, "rate_limited", "failed")),
    S500(envelope(500, "api_error", "failed")),
    S503(envelope(503, "service_unavailable", "failed")),
    RESET_AFTER_SENDING(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST)),
    READ_TIMEOUT(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    final MockResponse response;

    Fault(MockResponse response) {
      this.response = response;
    }
  }

  /** Every operation of {@link #OPS} with every fault, in each form (sync, async, withResponse). */
  static Stream<Arguments> matrix() {
    List<Arguments> rows = new ArrayList<>();
    for (Op op : OPS) {
      for (Fault fault : Fault.values()) {
        for (Kind kind : Kind.values()) {
          rows.add(Arguments.of(kind, op, fault));
        }
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} {1} x {2}")
  @MethodSource("matrix")
  void failuresAreRetriedOnlyWhereRepeatingCannotActTwice(Kind kind, Op op, Fault fault)
      throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(fault.response.clone());
    }

    SfcNodesException e = assertThrows(SfcNodesException.class, () -> op.call(client, kind));

    boolean retried = op.read() || fault == Fault.S429;
    int expectedRequests = retried ? 3 : 1;
    assertEquals(expectedRequests, server.getRequestCount(), "requests the server saw");
    assertEquals(expectedRequests - 1, waits.size(), "waits between attempts");
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < expectedRequests; i++) {
      RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
      assertEquals(op.method, request.getMethod());
      keys.add(request.getHeader("Idempotency-Key"));
    }
    if (op.read()) {
      assertEquals(Collections.singleton(null), new HashSet<>(keys), "reads carry no key");
    } else {
      assertNotNull(keys.get(0));
      assertEquals(Collections.singleton(keys.get(0)), new HashSet<>(keys), "one key per call");
    }
    assertExpectedException(op, fault, e, keys.get(0));
  }

  private static void assertExpectedException(Op op, Fault fault, SfcNodesException e, String key) {
    boolean mayHaveActed =
        !op.read()
            && (fault == Fault.S500
                || fault == Fault.S503
                || fault == Fault.RESET_AFTER_SENDING
                || fault == Fault.READ_TIMEOUT);
    SfcNodesException seen = e;
    if (mayHaveActed) {
      OutcomeUnknownException unknown = assertInstanceOf(OutcomeUnknownException.class, e);
      assertEquals(key, unknown.idempotencyKey());
      assertTrue(unknown.getMessage().contains(key), unknown.getMessage());
      seen = unknown.getCause();
    }
    switch (fault) {
      case S408:
        assertEquals(408, assertInstanceOf(SfcNodesServiceException.class, seen).statusCode());
        break;
      case S409:
        assertInstanceOf(ConflictException.class, seen);
        break;
      case S429:
        assertInstanceOf(RateLimitException.class, seen);
        break;
      case S500:
      case S503:
        assertInstanceOf(InternalServerException.class, seen);
        break;
      case RESET_AFTER_SENDING:
        assertInstanceOf(SfcNodesIoException.class, seen);
        break;
      case READ_TIMEOUT:
        assertInstanceOf(SfcNodesTimeoutException.class, seen);
        break;
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aReadSucceedsWhenARetryDoes(Kind kind) {
    server.enqueue(envelope(503, "service_unavailable", "failed"));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(NODE));

    assertEquals("n_1", node(Op.GET.call(client, kind)).getId());
    assertEquals(3, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void sideEffectsAreRetriedWhenTheServerSaysSoWithTheSameKey(Kind kind) throws Exception {
    server.enqueue(envelope(500, "api_error", "failed").setHeader("x-should-retry", "true"));
    server.enqueue(json(NODE_LIST).setResponseCode(201));
    CreateNodesParams params =
        CreateNodesParams.builder()
            .desiredCount(1)
            .maxPricePerNodeHour(100)
            .idempotencyKey("my-key-1")
            .build();

    form(
        kind,
        c -> c.nodes().create(params),
        c -> c.nodes().createAsync(params),
        c -> c.nodes().createWithResponse(params));

    assertEquals(2, server.getRequestCount());
    assertEquals("my-key-1", server.takeRequest().getHeader("Idempotency-Key"));
    assertEquals("my-key-1", server.takeRequest().getHeader("Idempotency-Key"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void shouldRetryFalseStopsARetryOfARead(Kind kind) {
    server.enqueue(
        envelope(503, "service_unavailable", "failed").setHeader("x-should-retry", "false"));

    assertThrows(InternalServerException.class, () -> Op.GET.call(client, kind));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void sideEffectsAreRetriedWhenTheRequestNeverLeft() {
    AtomicInteger lookups = new AtomicInteger();
    OkHttpClient flakyDns =
        new OkHttpClient.Builder()
            .dns(
                host -> {
                  if (lookups.incrementAndGet() == 1) {
                    throw new UnknownHostException("no DNS yet for " + host);
                  }
                  return Collections.singletonList(InetAddress.getLoopbackAddress());
                })
            .build();
    server.enqueue(json(NODE));
    try (SfcNodes flaky = client(2, flakyDns)) {
      Node redeployed = flaky.nodes().redeploy("n_1", RedeployParams.inheritAll());

      assertEquals("n_1", redeployed.getId());
    }
    assertEquals(1, server.getRequestCount(), "the one request that left was applied once");
    assertEquals(1, waits.size());
  }

  @Test
  void aSideEffectThatNeverLeftFailsAsAConnectionFailureNotAnUnknownOutcome() {
    OkHttpClient noDns =
        new OkHttpClient.Builder()
            .dns(
                host -> {
                  throw new UnknownHostException("no DNS for " + host);
                })
            .build();
    try (SfcNodes broken = client(2, noDns)) {
      SfcNodesIoException e =
          assertThrows(
              SfcNodesIoException.class,
              () -> broken.nodes().redeploy("n_1", RedeployParams.inheritAll()));

      assertTrue(e.getMessage().contains("PUT /v1/nodes/n_1/redeploy"), e.getMessage());
    }
    assertEquals(0, server.getRequestCount());
    assertEquals(2, waits.size());
  }

  @Test
  void backoffDoublesFromHalfASecondUpToEightSeconds() {
    try (SfcNodes patient = client(6, null)) {
      for (int i = 0; i < 7; i++) {
        server.enqueue(envelope(500, "api_error", "failed"));
      }
      assertThrows(InternalServerException.class, () -> patient.nodes().list());
    }
    assertEquals(
        Arrays.asList(500L, 1000L, 2000L, 4000L, 8000L, 8000L),
        waits.stream().map(Duration::toMillis).collect(java.util.stream.Collectors.toList()));
  }

  @Test
  void jitterTakesUpToAQuarterOff() throws IOException {
    try (SfcNodes jittery =
        SfcNodes.builder()
            .bearerToken("sk-test")
            .baseUrl(server.url("/").toString())
            .sleeper(waits::add)
            .jitter(() -> 1.0)
            .build()) {
      server.enqueue(envelope(500, "api_error", "failed"));
      server.enqueue(json(NODE));
      jittery.nodes().get("n_1");
    }
    assertEquals(Collections.singletonList(Duration.ofMillis(375)), waits);
  }

  static Stream<Arguments> retryAfter() {
    List<Arguments> rows = new ArrayList<>();
    for (Arguments row : retryAfterValues()) {
      for (Kind kind : Kind.values()) {
        Object[] values = row.get();
        rows.add(Arguments.of(kind, values[0], values[1], values[2]));
      }
    }
    return rows.stream();
  }

  private static List<Arguments> retryAfterValues() {
    String inFiveSeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.ofInstant(NOW.plusSeconds(5), ZoneOffset.UTC));
    return Arrays.asList(
        Arguments.of("Retry-After-Ms", "1500", Duration.ofMillis(1500)),
        Arguments.of("Retry-After-Ms", "2.5", Duration.ofNanos(2_500_000)),
        Arguments.of("Retry-After", "3", Duration.ofSeconds(3)),
        Arguments.of("Retry-After", inFiveSeconds, Duration.ofSeconds(5)),
        Arguments.of("Retry-After", "120", Duration.ofMillis(500)),
        Arguments.of("Retry-After", "soon", Duration.ofMillis(500)),
        Arguments.of("Retry-After-Ms", "-1", Duration.ofMillis(500)));
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @MethodSource("retryAfter")
  void theServersRetryAfterIsHonouredUnderAMinute(
      Kind kind, String header, String value, Duration wait) {
    server.enqueue(envelope(429, "rate_limited", "failed").setHeader(header, value));
    server.enqueue(json(NODE));

    Op.GET.call(client, kind);

    assertEquals(Collections.singletonList(wait), waits);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void retryAfterMsWinsOverRetryAfter(Kind kind) {
    server.enqueue(
        envelope(429, "rate_limited", "failed")
            .setHeader("Retry-After-Ms", "250")
            .setHeader("Retry-After", "9"));
    server.enqueue(json(NODE));

    Op.GET.call(client, kind);

    assertEquals(Collections.singletonList(Duration.ofMillis(250)), waits);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void noRetriesWhenMaxRetriesIsZero(Kind kind) {
    try (SfcNodes once = client(0, null)) {
      server.enqueue(envelope(503, "service_unavailable", "failed"));
      assertThrows(InternalServerException.class, () -> Op.GET.call(once, kind));
    }
    assertEquals(1, server.getRequestCount());
    assertTrue(waits.isEmpty());
  }

  // Socket-level faults: what real networks do, for every call in each of its forms.

  /** What goes wrong on the socket. */
  enum SocketFault {
    /** The pooled connection from an earlier call was closed by the server: nothing was sent. */
    STALE_POOLED_CONNECTION,
    /** A fresh connection closed before the server read the request (it may have been read). */
    DISCONNECT_AT_START,
    /** The connection drops halfway through the answer's body. */
    CUT_MID_BODY,
    /** 503 with {@code Retry-After: 0}, which OkHttp alone would repeat. */
    S503_RETRY_AFTER_0
  }

  static Stream<Arguments> socketMatrix() {
    List<Arguments> rows = new ArrayList<>();
    for (Arguments row : CallTable.rows(op -> true)) {
      CallTable.Op op = (CallTable.Op) row.get()[1];
      for (SocketFault fault : SocketFault.values()) {
        if (fault == SocketFault.CUT_MID_BODY && op.status == 204) {
          continue; // No body to cut.
        }
        boolean sync = row.get()[0] == CallTable.Kind.SYNC;
        if (!sync
            && (fault == SocketFault.DISCONNECT_AT_START
                || (!op.read() && fault == SocketFault.CUT_MID_BODY))) {
          continue; // Regression guards (this holds today): one form of each call is enough.
        }
        rows.add(Arguments.of(row.get()[0], op, fault));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} {1} x {2}")
  @MethodSource("socketMatrix")
  void socketFaultsAreRetriedOnlyWhereRepeatingCannotActTwice(
      CallTable.Kind kind, CallTable.Op op, SocketFault fault) throws Exception {
    if (fault == SocketFault.STALE_POOLED_CONNECTION) {
      server.enqueue(json(CallTable.ZONE_LIST).setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));
      server.enqueue(op.answer());
      client.zones().list();

      op.call(client, kind);

      assertEquals(2, server.getRequestCount(), "the call was received exactly once");
      assertTrue(waits.isEmpty(), "a resend on a fresh connection is not a retry: " + waits);
      return;
    }
    for (int i = 0; i < 6; i++) {
      switch (fault) {
        case DISCONNECT_AT_START:
          server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
          break;
        case CUT_MID_BODY:
          server.enqueue(op.answer().setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
          break;
        default:
          server.enqueue(
              envelope(503, "service_unavailable", "failed").setHeader("Retry-After", "0"));
      }
    }

    SfcNodesException e = assertThrows(SfcNodesException.class, () -> op.call(client, kind));

    int expectedRequests = op.read() ? 3 : 1;
    assertEquals(expectedRequests, server.getRequestCount(), "requests the server saw");
    assertEquals(expectedRequests - 1, waits.size(), "waits between attempts");
    SfcNodesException seen = e;
    if (!op.read()) {
      seen = assertInstanceOf(OutcomeUnknownException.class, e).getCause();
    }
    if (fault == SocketFault.S503_RETRY_AFTER_0) {
      assertEquals(503, assertInstanceOf(InternalServerException.class, seen).statusCode());
    } else {
      assertInstanceOf(SfcNodesIoException.class, seen, seen.toString());
    }
  }

  static Stream<Arguments> notAFiniteWait() {
    List<Arguments> rows = new ArrayList<>();
    for (String header : new String[] {"Retry-After", "Retry-After-Ms"}) {
      for (String value : new String[] {"NaN", "Infinity", "-Infinity", "1e999", "abc", ""}) {
        rows.add(Arguments.of(header, value));
      }
    }
    return rows.stream();
  }

  /** Not a number of seconds (or milliseconds) nor a date: the normal backoff, never "at once". */
  @ParameterizedTest(name = "{0}: [{1}]")
  @MethodSource("notAFiniteWait")
  void aRetryAfterThatIsNotAFiniteNumberIsIgnored(String header, String value) {
    for (Kind kind : Kind.values()) {
      waits.clear();
      server.enqueue(envelope(429, "rate_limited", "failed").setHeader(header, value));
      server.enqueue(envelope(429, "rate_limited", "failed").setHeader(header, value));
      server.enqueue(json(NODE));

      // A client per form, without the adaptive rate limit, which would time these waits with
      // its turns (RateLimitTest): here only the backoff is at stake.
      try (SfcNodes fresh =
          clientBuilder(server, "sk-test")
              .maxRetries(2)
              .clock(Clock.fixed(NOW, ZoneOffset.UTC))
              .sleeper(waits::add)
              .jitter(() -> 0.0)
              .adaptiveRateLimit(false)
              .build()) {
        Op.GET.call(fresh, kind);
      }

      assertEquals(
          Arrays.asList(Duration.ofMillis(500), Duration.ofSeconds(1)), waits, kind.toString());
    }
  }

  private static Node node(Object result) {
    return result instanceof ApiResponse ? (Node) ((ApiResponse<?>) result).body() : (Node) result;
  }

  /**
   * Makes one call in the form {@code kind}: the form's own method, for a call not in the table.
   */
  private Object form(
      Kind kind,
      Function<SfcNodes, Object> sync,
      Function<SfcNodes, CompletableFuture<?>> async,
      Function<SfcNodes, Object> withResponse)
      throws Exception {
    switch (kind) {
      case SYNC:
        return sync.apply(client);
      case ASYNC:
        return async.apply(client).get(30, TimeUnit.SECONDS);
      case WITH_RESPONSE:
        return withResponse.apply(client);
    }
    throw new AssertionError(kind);
  }
}
