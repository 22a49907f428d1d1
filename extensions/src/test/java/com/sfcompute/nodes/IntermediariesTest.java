package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.take;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
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

  // The stale-connection replay and a shared pool

  /**
   * Two origins share the caller's OkHttpClient. A read on origin A dies on a pooled connection A
   * closed and is replayed on a fresh one: origin B's pooled connection stays, and B's next call
   * reuses it.
   */
  @Test
  void aReplayOnOneOriginLeavesAnotherOriginsPooledConnectionInUse() throws Exception {
    MockWebServer other = new MockWebServer();
    other.start();
    try {
      SfcNodes toA = client(server.url("/").toString(), http, 0);
      SfcNodes toB = client(other.url("/").toString(), http, 0);
      other.enqueue(json(CallTable.ZONE_LIST));
      other.enqueue(json(CallTable.ZONE_LIST));
      server.enqueue(json(CallTable.ZONE_LIST).setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));
      server.enqueue(json(CallTable.NODE));

      toB.zones().list();
      toA.zones().list(); // Leaves a connection to A in the pool that A then closes.
      assertEquals("n_1", toA.nodes().get("n_1").getId()); // Dies on it, replayed on a fresh one.
      toB.zones().list();

      take(server);
      assertEquals(0, take(server).getSequenceNumber(), "A's replay went on a fresh connection");
      assertEquals(0, take(other).getSequenceNumber());
      assertEquals(1, take(other).getSequenceNumber(), "B's pooled connection was reused");
    } finally {
      other.shutdown();
    }
  }
}
