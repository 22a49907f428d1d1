package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static com.sfcompute.nodes.TestHttp.envelope;
import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.nodeJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.errors.NotFoundException;
import com.sfcompute.nodes.errors.UnprocessableEntityException;
import com.sfcompute.nodes.model.Node;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many nodes at once: bounded, one result per node, failures kept apart. */
class FleetTest {
  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final Map<String, String> keys = new ConcurrentHashMap<>();
  private volatile CountDownLatch gathering = new CountDownLatch(0);
  private SfcNodes client;

  @BeforeEach
  void setUp() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
              gathering.countDown();
              // Holds each request until `gathering` requests are in flight together (bounded).
              gathering.await(10, TimeUnit.SECONDS);
              String path = request.getPath();
              String id = path.split("/", -1)[3];
              keys.put(id, String.valueOf(request.getHeader("Idempotency-Key")));
              if (id.equals("n_busy")) {
                return envelope(422, "unprocessable_entity", "Node is not running");
              }
              if (id.equals("n_gone")) {
                return envelope(404, "not_found", "Node not found");
              }
              return json(nodeJson(id));
            } finally {
              inFlight.decrementAndGet();
            }
          }
        });
    server.start();
    client = clientBuilder(server, "sk-test").build();
  }

  @AfterEach
  void tearDown() throws IOException {
    client.close();
    server.shutdown();
  }

  @Test
  void oneResultPerNodeInOrderAndOneFailureDoesNotStopTheRest() {
    List<FleetResult<Node>> results =
        client
            .fleet()
            .redeploy(
                Arrays.asList("n_1", "n_busy", "n_2", "n_gone", "n_3"),
                RedeployParams.builder().image("vmi_new").build(),
                FleetOptions.builder().concurrency(2).build());

    assertEquals(5, results.size());
    assertEquals("n_1", results.get(0).getOrThrow().getId());
    assertInstanceOf(UnprocessableEntityException.class, results.get(1).error());
    assertNull(results.get(1).value());
    assertEquals("n_2", results.get(2).getOrThrow().getId());
    assertInstanceOf(NotFoundException.class, results.get(3).error());
    assertEquals("n_3", results.get(4).getOrThrow().getId());
    assertEquals("n_gone", results.get(3).target());
    assertEquals(5, server.getRequestCount(), "each node exactly once");
  }

  @Test
  void noMoreThanTheConcurrencyAreInFlight() {
    gathering = new CountDownLatch(3);

    List<FleetResult<Node>> results =
        client
            .fleet()
            .release(
                Arrays.asList("n_1", "n_2", "n_3", "n_4", "n_5", "n_6", "n_7"),
                FleetOptions.builder().concurrency(3).build());

    assertTrue(results.stream().allMatch(FleetResult::isSuccess));
    assertEquals(3, maxInFlight.get());
  }

  @Test
  void badInputForOneNodeFailsThatNodeOnly() {
    List<FleetResult<Node>> results =
        client.fleet().release(Arrays.asList("n_1", "..", "n_2"), FleetOptions.defaults());

    assertTrue(results.get(0).isSuccess());
    assertFalse(results.get(1).isSuccess());
    assertInstanceOf(IllegalArgumentException.class, results.get(1).error());
    assertTrue(results.get(2).isSuccess());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void eachNodeGetsItsOwnKeyDerivedFromTheCallersAndStableAcrossRepeats() {
    ExtendNodeParams params =
        ExtendNodeParams.builder()
            .duration(Duration.ofHours(1))
            .maxPricePerNodeHour(100)
            .idempotencyKey("batch-7")
            .build();

    client.fleet().extend(Arrays.asList("n_1", "n_2"), params, FleetOptions.defaults());
    String first1 = keys.get("n_1");
    String first2 = keys.get("n_2");
    client.fleet().extend(Arrays.asList("n_2", "n_1"), params, FleetOptions.defaults());

    assertTrue(first1.startsWith("batch-7-"), first1);
    assertNotEquals(first1, first2);
    assertEquals(first1, keys.get("n_1"), "same key when the fleet call is repeated");
    assertEquals(first2, keys.get("n_2"));
  }

  @Test
  void withoutACallerKeyEveryNodeGetsAFreshOne() {
    client.fleet().release(Arrays.asList("n_1", "n_2"), FleetOptions.defaults());

    assertTrue(keys.get("n_1").startsWith("sfc-java-"));
    assertNotEquals(keys.get("n_1"), keys.get("n_2"));
  }

  @Test
  void cancellingAFleetStartsNoFurtherNodeAndCancelsTheCallsInFlight() throws Exception {
    gathering = new CountDownLatch(1000); // hold every answer until released below
    java.util.concurrent.CompletableFuture<List<FleetResult<Node>>> fleet =
        client
            .fleet()
            .releaseAsync(
                Arrays.asList("n_1", "n_2", "n_3", "n_4", "n_5", "n_6"),
                FleetOptions.builder().concurrency(2).build());
    server.takeRequest(5, TimeUnit.SECONDS);
    server.takeRequest(5, TimeUnit.SECONDS);

    assertTrue(fleet.cancel(true));
    while (gathering.getCount() > 0) {
      gathering.countDown();
    }

    assertNull(server.takeRequest(500, TimeUnit.MILLISECONDS), "no node started after cancel");
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void anEmptyFleetGivesNoResults() {
    assertTrue(client.fleet().release(Arrays.asList(), FleetOptions.defaults()).isEmpty());
    assertEquals(0, server.getRequestCount());
  }
}
