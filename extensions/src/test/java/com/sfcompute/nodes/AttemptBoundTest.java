package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static com.sfcompute.nodes.TestHttp.envelope;
import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sfcompute.nodes.CallTable.Kind;
import com.sfcompute.nodes.CallTable.Op;
import com.sfcompute.nodes.errors.InternalServerException;
import com.sfcompute.nodes.errors.OutcomeUnknownException;
import com.sfcompute.nodes.errors.SfcNodesException;
import com.sfcompute.nodes.errors.SfcNodesTimeoutException;
import com.sfcompute.nodes.model.Node;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The timeout bounds each attempt as a whole, on the wire: from when the call starts to run to the
 * last byte of its answer, error bodies included; what it cuts is a timeout (never a stale
 * connection to replay); and it replaces the per-operation timeouts of a caller's OkHttpClient only
 * when the caller set one.
 */
class AttemptBoundTest {
  /** Bounds on behaviour (the attempt is cut short), generous for a loaded machine. */
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final MockWebServer server = new MockWebServer();
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

  private SfcNodes track(SfcNodes client) {
    clients.add(client);
    return client;
  }

  static Stream<Arguments> everyCall() {
    return CallTable.rows(op -> true).stream();
  }

  /**
   * A cut attempt dies on a pooled connection before any answer, as a stale connection does; but
   * the server has the request and may be working on it, so it is a timeout and never sent again.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyCall")
  void anAttemptCutOnAPooledConnectionIsATimeoutNotAStaleConnectionToReplay(Kind kind, Op op)
      throws Exception {
    SfcNodes client =
        track(clientBuilder(server, "sk-test").timeout(Duration.ofMillis(300)).build());
    server.enqueue(json(CallTable.ZONE_LIST));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    server.enqueue(op.answer()); // What a replay would get.
    client.zones().list(); // Leaves its connection in the pool.

    SfcNodesException e =
        assertTimeoutPreemptively(
            PATIENCE, () -> assertThrows(SfcNodesException.class, () -> op.call(client, kind)));

    Throwable timeout = e;
    if (!op.read()) {
      OutcomeUnknownException unknown = assertInstanceOf(OutcomeUnknownException.class, e);
      timeout = unknown.getCause();
    }
    assertInstanceOf(SfcNodesTimeoutException.class, timeout, e.toString());
    take(server);
    RecordedRequest cut = take(server);
    assertEquals(1, cut.getSequenceNumber(), "the call went out on the pooled connection");
    assertEquals(2, server.getRequestCount(), "the warm-up and the call, each sent once");
  }

  /**
   * An asynchronous call may wait in the dispatcher's queue for a free slot; its bound starts when
   * it runs, as OkHttp's own call timeout does, or a busy client would time calls out unsent.
   */
  @Test
  void anAsynchronousCallIsBoundFromWhenItRunsNotWhileItWaitsForASlot() throws Exception {
    SfcNodes client =
        track(
            clientBuilder(server, "sk-test")
                .timeout(Duration.ofMillis(1500))
                .maxConcurrentRequests(1)
                .build());
    // Each answer takes 1 s: the last call waits about 3 s for its slot, twice its bound.
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(CallTable.NODE).setHeadersDelay(1, TimeUnit.SECONDS));
    }

    List<CompletableFuture<Node>> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      calls.add(client.nodes().getAsync("n_1"));
    }

    for (CompletableFuture<Node> call : calls) {
      assertEquals("n_1", call.get(30, TimeUnit.SECONDS).getId());
    }
    assertEquals(4, server.getRequestCount());
  }

  /** An error body that dribbles is cut at the deadline too, not read for as long as it takes. */
  @Test
  void theBoundCoversReadingAnErrorBody() {
    SfcNodes client =
        track(clientBuilder(server, "sk-test").timeout(Duration.ofSeconds(1)).build());
    // 200 bytes at one byte every 100 ms: 20 s, each read well inside the bound.
    server.enqueue(
        envelope(500, "api_error", pad(200)).throttleBody(1, 100, TimeUnit.MILLISECONDS));

    SfcNodesException e =
        assertTimeoutPreemptively(
            PATIENCE, () -> assertThrows(SfcNodesException.class, () -> client.nodes().get("n_1")));

    // The status arrived in time: the answer is the server's error, its body cut short.
    assertEquals(500, assertInstanceOf(InternalServerException.class, e).statusCode());
  }

  /**
   * With a timeout set, for the client or for a view, the SDK's bound replaces a caller's
   * OkHttpClient's per-read and call timeouts (both shorter here than the answer takes); without
   * one, the caller's stay.
   */
  @Test
  void aCallersOkHttpClientKeepsItsTimeoutsUnlessTheSdkTimeoutIsSet() {
    OkHttpClient impatient =
        new OkHttpClient.Builder()
            .readTimeout(200, TimeUnit.MILLISECONDS)
            .callTimeout(200, TimeUnit.MILLISECONDS)
            .build();
    SfcNodes bounded =
        track(
            clientBuilder(server, "sk-test")
                .httpClient(impatient)
                .timeout(Duration.ofSeconds(20))
                .build());
    SfcNodes callersOwn = track(clientBuilder(server, "sk-test").httpClient(impatient).build());
    SfcNodes callersOwnWithAView =
        callersOwn.withOptions(RequestOptions.builder().timeout(Duration.ofSeconds(20)).build());
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(CallTable.NODE).setHeadersDelay(700, TimeUnit.MILLISECONDS));
    }

    assertEquals("n_1", bounded.nodes().get("n_1").getId());
    assertEquals("n_1", callersOwnWithAView.nodes().get("n_1").getId());
    assertThrows(SfcNodesTimeoutException.class, () -> callersOwn.nodes().get("n_1"));
  }

  /** A request option's timeout is the bound of that call's attempts, longer or shorter. */
  @Test
  void aViewsLongerTimeoutOutlastsTheClientsOwn() {
    SfcNodes client =
        track(clientBuilder(server, "sk-test").timeout(Duration.ofMillis(300)).build());
    SfcNodes patient =
        client.withOptions(RequestOptions.builder().timeout(Duration.ofSeconds(20)).build());
    server.enqueue(json(CallTable.NODE).setHeadersDelay(700, TimeUnit.MILLISECONDS));
    server.enqueue(json(CallTable.NODE).setHeadersDelay(700, TimeUnit.MILLISECONDS));

    assertEquals("n_1", patient.nodes().get("n_1").getId());
    assertThrows(SfcNodesTimeoutException.class, () -> client.nodes().get("n_1"));
  }

  private static String pad(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append('x');
    }
    return text.toString();
  }
}
