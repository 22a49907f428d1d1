package com.sfcompute.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.mock.MockClock;
import com.sfcompute.nodes.mock.MockNodesServer;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.VmStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's recipe for fake time, {@code clock(clock).sleeper(clock::advance)}, drives every
 * wait: the asynchronous ones (redeployAndWaitAsync, fleets that wait, followLogs) finish on a
 * {@link MockClock} that only the sleeper moves, as the blocking ones do. The stand-in's VMs take
 * ten minutes of that clock to boot; the real-time guard on each future only stops a hung test.
 */
class AsyncWaitsOnMockClockTest {
  private static final Duration BOOT = Duration.ofMinutes(10);

  private final MockClock clock = MockClock.create();
  private MockNodesServer server;
  private SfcNodes client;

  @BeforeEach
  void setUp() {
    server = MockNodesServer.builder().token("t").clock(clock).transitionDelay(BOOT).start();
    client =
        SfcNodes.builder()
            .baseUrl(server.baseUrl())
            .bearerToken(server.token())
            .clock(clock)
            .sleeper(clock::advance)
            .build();
  }

  @AfterEach
  void tearDown() {
    client.close();
    server.close();
  }

  private void createRunning(String... names) {
    client
        .nodes()
        .create(
            CreateNodesParams.builder()
                .desiredCount(names.length)
                .maxPricePerNodeHour(1000)
                .zone("hayesvalley")
                .names(names)
                .build());
    for (String name : names) {
      client.waiters().waitUntilRunning(name);
    }
  }

  @Test
  void redeployAndWaitAsyncFinishesOnTheMockClock() throws Exception {
    createRunning("a");
    String oldVm = server.state().node("a").getCurrentVm().getId();
    Instant start = clock.instant();

    Node node =
        client
            .waiters()
            .redeployAndWaitAsync(
                "a",
                RedeployParams.builder().userData(UserData.ofText("v2")).build(),
                WaitOptions.defaults())
            .get(10, TimeUnit.SECONDS);

    assertNotEquals(oldVm, node.getCurrentVm().getId());
    assertTrue(KnownValues.is(node.getCurrentVm().getStatus(), VmStatus.RUNNING));
    assertTrue(
        Duration.between(start, clock.instant()).compareTo(BOOT) >= 0,
        "the wait moved the mock clock past the boot: " + Duration.between(start, clock.instant()));
  }

  @Test
  void aFleetThatWaitsForItsRedeploysFinishesOnTheMockClock() throws Exception {
    createRunning("f-1", "f-2", "f-3");

    List<FleetResult<Node>> results =
        client
            .fleet()
            .redeployAsync(
                Arrays.asList("f-1", "f-2", "f-3"),
                RedeployParams.builder().userData(UserData.ofText("fleet")).build(),
                FleetOptions.builder().concurrency(3).waitForRedeploy().build())
            .get(10, TimeUnit.SECONDS);

    for (FleetResult<Node> r : results) {
      assertTrue(r.isSuccess(), results.toString());
      assertTrue(KnownValues.is(r.getOrThrow().getCurrentVm().getStatus(), VmStatus.RUNNING));
    }
    assertEquals(3, server.counters().redeploys());
  }

  @Test
  void followLogsReadsTheLinesTheMockClockBringsDue() throws Exception {
    client
        .nodes()
        .create(
            CreateNodesParams.builder()
                .desiredCount(1)
                .maxPricePerNodeHour(1000)
                .zone("hayesvalley")
                .names("booting")
                .build());
    String vmId = server.state().node("booting").getCurrentVm().getId();
    List<String> lines = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> ready = new CompletableFuture<>();

    CompletableFuture<?> follow =
        client
            .vms()
            .followLogs(
                VmLogsParams.builder(vmId).build(),
                Duration.ofSeconds(30),
                chunk -> {
                  String line = VmLogText.of(chunk);
                  lines.add(line);
                  if (line.contains("is ready")) {
                    ready.complete(null);
                  }
                });
    try {
      ready.get(10, TimeUnit.SECONDS);
    } finally {
      follow.cancel(true);
    }

    assertTrue(lines.get(0).startsWith("Linux version"), lines.toString());
    assertEquals(4, lines.size(), "each boot line once, in order: " + lines);
  }

  @Test
  void aSleeperThatFailsFailsTheAsyncWaitInsteadOfLeavingItPending() {
    createRunning("s");
    try (SfcNodes broken =
        SfcNodes.builder()
            .baseUrl(server.baseUrl())
            .bearerToken(server.token())
            .clock(clock)
            .sleeper(
                d -> {
                  throw new IllegalStateException("no more time");
                })
            .build()) {
      CompletableFuture<Node> wait =
          broken
              .waiters()
              .redeployAndWaitAsync("s", RedeployParams.inheritAll(), WaitOptions.defaults());

      ExecutionException e =
          assertThrows(ExecutionException.class, () -> wait.get(10, TimeUnit.SECONDS));
      assertInstanceOf(IllegalStateException.class, e.getCause());
      assertEquals("no more time", e.getCause().getMessage());
    }
  }
}
