package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.CallTable.Kind;
import com.sfcompute.nodes.CallTable.Op;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients built on one caller's {@code OkHttpClient}: they share its pool and dispatcher, so what
 * one call learns or does to a connection must hold for every client on it, and a stale-connection
 * replay must drop only the connections it found dead.
 */
class SharedHttpClientTest {
  private final MockWebServer a = new MockWebServer();
  private final MockWebServer b = new MockWebServer();
  private final OkHttpClient shared = new OkHttpClient();
  private final List<SfcNodes> clients = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    a.start();
    b.start();
  }

  @AfterEach
  void tearDown() throws IOException {
    clients.forEach(SfcNodes::close);
    a.shutdown();
    b.shutdown();
    shared.dispatcher().executorService().shutdown();
    shared.connectionPool().evictAll();
  }

  private SfcNodes client(MockWebServer server, OkHttpClient http) {
    SfcNodes client =
        clientBuilder(server, "sk-test").httpClient(http).timeout(Duration.ofSeconds(5)).build();
    clients.add(client);
    return client;
  }

  /** Leaves a connection to {@code server} in the pool that the server has closed. */
  private static void deadPooledConnection(SfcNodes client, MockWebServer server) {
    server.enqueue(json(CallTable.ZONE_LIST).setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));
    client.zones().list();
  }

  @Test
  void aReplayToOneOriginLeavesAnotherOriginsPooledConnectionInThePool() throws Exception {
    SfcNodes toA = client(a, shared);
    SfcNodes toB = client(b, shared);
    b.enqueue(json(CallTable.ZONE_LIST));
    b.enqueue(json(CallTable.ZONE_LIST));
    toB.zones().list(); // B's connection, pooled and alive.
    deadPooledConnection(toA, a);
    a.enqueue(Op.GET.answer());

    toA.nodes().get("n_1"); // Dies on A's dead connection, replayed on a fresh one.
    toB.zones().list();

    take(a);
    assertEquals(0, take(a).getSequenceNumber(), "A's call was replayed on a fresh connection");
    assertEquals(2, a.getRequestCount(), "A received the warm-up and the call, once each");
    take(b);
    assertEquals(1, take(b).getSequenceNumber(), "B's second call reused B's pooled connection");
  }

  /**
   * Several idle connections to one server, all dead (as after a restart): the write is replayed
   * past each of them until it reaches a fresh connection, and the server receives it once.
   */
  @Test
  void aWriteIsReplayedPastEveryDeadPooledConnectionAndReceivedOnce() throws Exception {
    SfcNodes client = client(a, shared);
    int connections = 3;
    List<CompletableFuture<?>> warmUps = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      // Held back long enough that the three calls overlap, each on its own connection.
      a.enqueue(
          json(CallTable.ZONE_LIST)
              .setHeadersDelay(300, TimeUnit.MILLISECONDS)
              .setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));
    }
    for (int i = 0; i < connections; i++) {
      warmUps.add(client.zones().listAsync());
    }
    for (CompletableFuture<?> warmUp : warmUps) {
      warmUp.get(10, TimeUnit.SECONDS);
    }
    awaitIdle(connections);
    a.enqueue(Op.CREATE.answer());

    assertNotNull(Op.CREATE.call(client, Kind.SYNC));

    for (int i = 0; i < connections; i++) {
      take(a);
    }
    RecordedRequest create = take(a);
    assertEquals("POST", create.getMethod());
    assertEquals(0, create.getSequenceNumber(), "sent on a fresh connection");
    assertEquals(connections + 1, a.getRequestCount(), "the write was received once");
  }

  /**
   * A connection pooled by one client's call is reused by another client's: the second client knows
   * it as reused (per call, from OkHttp's events), and replays its write on a fresh one rather than
   * reporting an unknown outcome.
   */
  @Test
  void aConnectionPooledByOneClientIsKnownAsReusedByAnother() throws Exception {
    SfcNodes first = client(a, shared);
    SfcNodes second = client(a, shared);
    deadPooledConnection(first, a);
    a.enqueue(Op.CREATE.answer());

    assertNotNull(Op.CREATE.call(second, Kind.SYNC));

    take(a);
    assertEquals(0, take(a).getSequenceNumber(), "replayed on a fresh connection");
    assertEquals(2, a.getRequestCount(), "the write was received once");
  }

  @Test
  void theCallersEventListenerStillHearsEveryCall() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger connects = new AtomicInteger();
    OkHttpClient listened =
        shared
            .newBuilder()
            .eventListener(
                new EventListener() {
                  @Override
                  public void callStart(Call call) {
                    calls.incrementAndGet();
                  }

                  @Override
                  public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
                    connects.incrementAndGet();
                  }
                })
            .build();
    SfcNodes client = client(a, listened);
    a.enqueue(json(CallTable.ZONE_LIST));
    a.enqueue(json(CallTable.ZONE_LIST));

    client.zones().list();
    client.zones().list();

    assertEquals(2, calls.get(), "callStart, once a call");
    assertEquals(1, connects.get(), "one connection, opened once and reused");
  }

  /** Waits until the pool holds {@code count} idle connections (released after each answer). */
  private void awaitIdle(int count) throws InterruptedException {
    for (int i = 0; i < 500 && shared.connectionPool().idleConnectionCount() < count; i++) {
      Thread.sleep(10);
    }
    assertTrue(
        shared.connectionPool().idleConnectionCount() >= count,
        "idle connections: " + shared.connectionPool().idleConnectionCount());
  }
}
