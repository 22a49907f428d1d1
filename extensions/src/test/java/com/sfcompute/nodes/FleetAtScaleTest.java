package com.sfcompute.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.FleetResult.Outcome;
import com.sfcompute.nodes.errors.NodeStateException;
import com.sfcompute.nodes.errors.WaitTimeoutException;
import com.sfcompute.nodes.mock.MockClock;
import com.sfcompute.nodes.mock.MockNodesServer;
import com.sfcompute.nodes.mock.RetryAfter;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.VmStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fleets at the scale they exist for, on the stand-in and its mock clock (a VM boots in 3 s of it):
 * the waits hold no request slot and are polled together, a rolling redeploy keeps its bound, each
 * node's result says what happened to it, and a fleet behind a rate limit finishes without a
 * failure and without redeploying any node twice. Counts, not timings.
 */
class FleetAtScaleTest {
  private static final Duration BOOT = Duration.ofSeconds(3);

  private final MockClock clock = MockClock.create();
  private MockNodesServer server;
  private SfcNodes client;
  private okhttp3.Dispatcher calls;

  @BeforeEach
  void setUp() {
    server = MockNodesServer.builder().token("t").clock(clock).transitionDelay(BOOT).start();
    calls = new okhttp3.Dispatcher();
    calls.setMaxRequests(1000);
    calls.setMaxRequestsPerHost(1000);
    client =
        SfcNodes.builder()
            .baseUrl(server.baseUrl())
            .bearerToken(server.token())
            .httpClient(new okhttp3.OkHttpClient.Builder().dispatcher(calls).build())
            .clock(clock)
            .sleeper(
                d -> {
                  // The mock clock moves only once every request sent has its answer: an instant
                  // network. Otherwise the waits' and the rate limiter's sleeps, which take no
                  // real time, run the clock ahead of the calls, and the server's token bucket
                  // refills for time in which no request could be sent.
                  while (calls.runningCallsCount() + calls.queuedCallsCount() > 0) {
                    Thread.sleep(0, 100_000);
                  }
                  clock.advance(d);
                })
            .build();
  }

  @AfterEach
  void tearDown() {
    client.close();
    calls.executorService().shutdown();
    server.close();
  }

  /** {@code count} running nodes named {@code prefix-0...}: their ids, in name order. */
  private List<String> running(String prefix, int count) {
    List<String> ids = new ArrayList<>();
    for (int from = 0; from < count; from += 100) {
      List<String> names = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + 100); i++) {
        names.add(prefix + "-" + i);
      }
      client
          .nodes()
          .create(
              CreateNodesParams.builder()
                  .desiredCount(names.size())
                  .maxPricePerNodeHour(1000)
                  .zone("hayesvalley")
                  .names(names)
                  .build())
          .getData()
          .forEach(n -> ids.add(n.getId()));
    }
    clock.advance(BOOT.plusSeconds(1));
    return ids;
  }

  private static RedeployParams params() {
    return RedeployParams.builder().userData(UserData.ofText("v2")).build();
  }

  private int requestsSince(int before) {
    return server.counters().requests() - before;
  }

  @Test
  void twoHundredNodesWaitedForWithTheDefaultsTakeAtMostTwoCallsEachAndNoReadPerNode()
      throws Exception {
    List<String> ids = running("w", 200);
    int before = server.counters().requests();

    List<FleetResult<Node>> results =
        client
            .fleet()
            .redeployAsync(ids, params(), FleetOptions.builder().waitForRedeploy().build())
            .get(60, TimeUnit.SECONDS);

    for (FleetResult<Node> r : results) {
      assertTrue(r.isSuccess(), r.toString());
      assertTrue(KnownValues.is(r.getOrThrow().getCurrentVm().getStatus(), VmStatus.RUNNING));
    }
    assertEquals(200, server.counters().redeploys());
    int calls = requestsSince(before);
    assertTrue(
        calls <= 2 * 200,
        "at most 2 calls per node: "
            + calls
            + ", of which GET by id "
            + server.counters().requests("GET", "/v1/nodes/{id}"));
  }

  /**
   * On real time (a mock clock races ahead of the HTTP calls whenever a wait sleeps): with a
   * concurrency of 2, every node of the fleet is redeploying at once, since a wait holds no slot.
   */
  @Test
  void waitingNodesHoldNoRequestSlot() throws Exception {
    try (MockNodesServer realTime =
            MockNodesServer.builder().token("t").transitionDelay(Duration.ofSeconds(2)).start();
        SfcNodes realClient =
            SfcNodes.builder().baseUrl(realTime.baseUrl()).bearerToken("t").build()) {
      List<String> ids = createRunning(realClient, 30);

      List<FleetResult<Node>> results =
          realClient
              .fleet()
              .redeployAsync(
                  ids,
                  params(),
                  FleetOptions.builder().concurrency(2).waitForRedeploy(fast()).build())
              .get(60, TimeUnit.SECONDS);

      assertTrue(results.stream().allMatch(FleetResult::isSuccess), results.toString());
      assertEquals(
          30,
          realTime.counters().maxOutOfService(),
          "all 30 nodes redeploying at once, although 2 requests at most were in flight");
    }
  }

  /** On real time: the bound is reached, and never passed. */
  @Test
  void aRollingRedeployKeepsExactlyItsBoundOutOfServiceOnRealTime() throws Exception {
    try (MockNodesServer realTime =
            MockNodesServer.builder().token("t").transitionDelay(Duration.ofMillis(500)).start();
        SfcNodes realClient =
            SfcNodes.builder().baseUrl(realTime.baseUrl()).bearerToken("t").build()) {
      List<String> ids = createRunning(realClient, 9);

      List<FleetResult<Node>> results =
          realClient
              .fleet()
              .redeploy(
                  ids,
                  params(),
                  FleetOptions.builder().concurrency(9).rolling(3).waitForRedeploy(fast()).build());

      assertTrue(results.stream().allMatch(FleetResult::isSuccess), results.toString());
      assertEquals(9, realTime.counters().redeploys());
      assertEquals(3, realTime.counters().maxOutOfService(), "three at a time, never more");
    }
  }

  /** {@code count} new nodes of {@code client}'s server, once they run (real time). */
  private static List<String> createRunning(SfcNodes client, int count) throws Exception {
    List<String> ids =
        client
            .nodes()
            .create(
                CreateNodesParams.builder()
                    .desiredCount(count)
                    .maxPricePerNodeHour(1000)
                    .zone("hayesvalley")
                    .build())
            .getData()
            .stream()
            .map(Node::getId)
            .collect(Collectors.toList());
    for (String id : ids) {
      client.waiters().waitUntilRunningAsync(id, fast()).get(30, TimeUnit.SECONDS);
    }
    return ids;
  }

  private static WaitOptions fast() {
    return WaitOptions.builder().pollInterval(Duration.ofMillis(100)).build();
  }

  @Test
  void manyAsyncWaitsOfOneClientArePolledWithListCallsAndASingleWaitKeepsItsGet() throws Exception {
    List<String> ids = running("p", 30);
    for (String id : ids) {
      client.nodes().redeploy(id, params());
    }
    int getsBefore = server.counters().requests("GET", "/v1/nodes/{id}");
    int listsBefore = server.counters().requests("GET", "/v1/nodes");

    List<java.util.concurrent.CompletableFuture<Node>> waits = new ArrayList<>();
    for (String id : ids) {
      waits.add(client.waiters().waitUntilRunningAsync(id, WaitOptions.defaults()));
    }
    for (java.util.concurrent.CompletableFuture<Node> w : waits) {
      assertEquals("running", w.get(30, TimeUnit.SECONDS).getStatus());
    }

    int gets = server.counters().requests("GET", "/v1/nodes/{id}") - getsBefore;
    int lists = server.counters().requests("GET", "/v1/nodes") - listsBefore;
    assertTrue(lists >= 1, "list calls polled the waits");
    assertTrue(gets + lists < ids.size(), gets + " GETs and " + lists + " lists for 30 waits");

    String alone = ids.get(0);
    client.nodes().redeploy(alone, params());
    int listsBeforeAlone = server.counters().requests("GET", "/v1/nodes");
    client.waiters().waitUntilRunningAsync(alone, WaitOptions.defaults()).get(30, TimeUnit.SECONDS);
    assertEquals(
        listsBeforeAlone, server.counters().requests("GET", "/v1/nodes"), "one wait: GETs only");
  }

  @Test
  void aFailedPollIsPolledAgainInsteadOfEndingTheWait() throws Exception {
    List<String> ids = running("f", 1);
    client.nodes().redeploy(ids.get(0), params());
    // More 503s than a read's retries: the first poll fails as a whole.
    server
        .faults()
        .next(3, "GET", "/v1/nodes/{id}", com.sfcompute.nodes.mock.Fault.status(503, "api_error"));

    Node node =
        client
            .waiters()
            .waitUntilRunningAsync(ids.get(0), WaitOptions.defaults())
            .get(30, TimeUnit.SECONDS);

    assertEquals("running", node.getStatus());
    server
        .faults()
        .next(3, "GET", "/v1/nodes/{id}", com.sfcompute.nodes.mock.Fault.status(503, "api_error"));
    client.nodes().redeploy(ids.get(0), params());
    assertEquals("running", client.waiters().waitUntilRunning(ids.get(0)).getStatus());
  }

  @Test
  void aRollingRedeployNeverHasMoreThanItsBoundOutOfService() {
    List<String> ids = running("r", 12);

    List<FleetResult<Node>> results =
        client
            .fleet()
            .redeploy(ids, params(), FleetOptions.builder().concurrency(8).rolling(3).build());

    assertTrue(results.stream().allMatch(FleetResult::isSuccess), results.toString());
    assertEquals(12, server.counters().redeploys());
    int most = server.counters().maxOutOfService();
    assertTrue(most >= 1 && most <= 3, "three at a time at most: " + most);
  }

  @Test
  void aRollingRedeployStopsAtItsFailureBoundAndReportsTheRestNotStarted() {
    List<String> ids = running("s", 6);
    server.state().failNode(ids.get(1));

    List<FleetResult<Node>> results =
        client
            .fleet()
            .redeploy(
                ids,
                RedeployParams.builder()
                    .userData(UserData.ofText("v2"))
                    .requireRunning(true)
                    .build(),
                FleetOptions.builder().rolling(1).build());

    assertEquals(Outcome.SUCCEEDED, results.get(0).outcome());
    assertEquals(Outcome.NOT_APPLIED, results.get(1).outcome());
    assertInstanceOf(NodeStateException.class, results.get(1).error());
    for (FleetResult<Node> r : results.subList(2, 6)) {
      assertEquals(Outcome.NOT_STARTED, r.outcome(), r.toString());
      assertNotNull(r.idempotencyKey());
    }
    assertEquals(1, server.counters().redeploys());
  }

  @Test
  void aRedeployAppliedWhoseWaitTimedOutSaysSoAndIsRepeatedWithoutRedeployingTwice() {
    // VMs that take 10 minutes of the mock clock to boot, and a wait of one minute.
    try (MockNodesServer slow =
            MockNodesServer.builder()
                .token("t")
                .clock(clock)
                .transitionDelay(Duration.ofMinutes(10))
                .start();
        SfcNodes slowClient =
            SfcNodes.builder()
                .baseUrl(slow.baseUrl())
                .bearerToken("t")
                .clock(clock)
                .sleeper(clock::advance)
                .build()) {
      List<String> ids =
          slowClient
              .nodes()
              .create(
                  CreateNodesParams.builder()
                      .desiredCount(5)
                      .maxPricePerNodeHour(1000)
                      .zone("hayesvalley")
                      .build())
              .getData()
              .stream()
              .map(Node::getId)
              .collect(Collectors.toList());
      clock.advance(Duration.ofMinutes(11));
      FleetOptions impatient =
          FleetOptions.builder()
              .concurrency(1)
              .waitForRedeploy(WaitOptions.builder().timeout(Duration.ofMinutes(1)).build())
              .build();

      List<FleetResult<Node>> first = slowClient.fleet().redeploy(ids, params(), impatient);

      for (FleetResult<Node> r : first) {
        assertEquals(Outcome.APPLIED, r.outcome(), r.toString());
        assertInstanceOf(WaitTimeoutException.class, r.error());
        String newVm = r.value().getCurrentVm().getId();
        assertEquals(newVm, slow.state().node(r.target()).getCurrentVm().getId());
      }
      assertEquals(5, slow.counters().redeploys());

      List<FleetResult<Node>> again =
          slowClient
              .fleet()
              .redeployAgain(first, params(), FleetOptions.builder().waitForRedeploy().build());

      for (int i = 0; i < 5; i++) {
        assertTrue(again.get(i).isSuccess(), again.toString());
        assertEquals(
            first.get(i).value().getCurrentVm().getId(),
            again.get(i).getOrThrow().getCurrentVm().getId(),
            "the VM the first redeploy started");
        assertEquals(first.get(i).idempotencyKey(), again.get(i).idempotencyKey());
      }
      assertEquals(5, slow.counters().redeploys(), "each node redeployed once");
      assertEquals(5, slow.counters().idempotentReplays());
    }
  }

  @Test
  void aThousandNodeFleetBehindARateLimitFinishesWithoutFailuresOrRepeats() throws Exception {
    List<String> ids = running("t", 1000);
    server.rateLimit(50, 50, RetryAfter.NONE);
    int before = server.counters().requests();
    int throttledBefore = server.counters().throttled();

    List<FleetResult<Node>> results =
        client
            .fleet()
            .redeployAsync(ids, params(), FleetOptions.builder().concurrency(1000).build())
            .get(120, TimeUnit.SECONDS);

    Map<Outcome, Long> outcomes =
        results.stream()
            .collect(Collectors.groupingBy(FleetResult::outcome, Collectors.counting()));
    assertEquals(1000L, outcomes.get(Outcome.SUCCEEDED), outcomes.toString());
    assertEquals(1000, server.counters().redeploys());
    assertTrue(
        server.counters().redeploysByNode().values().stream().allMatch(n -> n == 1),
        "each node redeployed once");
    int requests = requestsSince(before);
    int throttled = server.counters().throttled() - throttledBefore;
    assertTrue(
        throttled * 10 <= requests,
        "429s at most 10 % of requests: " + throttled + " of " + requests);
  }

  @Test
  void threeHundredNodesRedeployedAndWaitedForBehindARateLimitAllSucceed() throws Exception {
    List<String> ids = running("u", 300);
    server.rateLimit(50, 50, RetryAfter.NONE);
    int before = server.counters().requests();

    List<FleetResult<Node>> results =
        client
            .fleet()
            .redeployAsync(
                ids, params(), FleetOptions.builder().concurrency(64).waitForRedeploy().build())
            .get(120, TimeUnit.SECONDS);

    assertTrue(results.stream().allMatch(FleetResult::isSuccess), results.toString());
    assertEquals(300, server.counters().redeploys());
    assertTrue(
        server.counters().redeploysByNode().values().stream().allMatch(n -> n == 1),
        "each node redeployed once");
    int requests = requestsSince(before);
    // No bound on the share of 429s here: with waits, the mock clock jumps whole poll intervals
    // while redeploys are still being paced, so the share depends on the machine's load (6 to 17 %
    // seen). The suite's real-time set-up measures the 10 % goal (benchmarks/README.md).
    assertTrue(requests <= 2 * 300, "at most 2 calls per node: " + requests);
  }
}
