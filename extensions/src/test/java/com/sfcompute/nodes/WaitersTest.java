package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static com.sfcompute.nodes.TestHttp.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.google.gson.JsonParser;
import com.sfcompute.nodes.errors.NodeStateException;
import com.sfcompute.nodes.errors.NotFoundException;
import com.sfcompute.nodes.errors.WaitTimeoutException;
import com.sfcompute.nodes.model.Node;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Waiters poll on a fake clock: every test runs instantly and the same way every time. */
class WaitersTest {
  private final MockWebServer server = new MockWebServer();
  private final FakeTime time = new FakeTime();
  private SfcNodes client;

  @BeforeEach
  void setUp() throws IOException {
    server.start();
    client = time.install(clientBuilder(server, "sk-test")).build();
  }

  @AfterEach
  void tearDown() throws IOException {
    client.close();
    server.shutdown();
  }

  private static final WaitOptions FAST =
      WaitOptions.builder()
          .pollInterval(Duration.ofSeconds(1))
          .maxPollInterval(Duration.ofSeconds(4))
          .timeout(Duration.ofMinutes(1))
          .build();

  @Test
  void waitUntilRunningPollsUntilTheNodeAndItsVmRun() {
    enqueueNode("pending", "vm_1", "Pending");
    enqueueNode("running", "vm_1", "Pending");
    enqueueNode("running", "vm_1", "running");

    Node node = client.waiters().waitUntilRunning("n_1", FAST);

    assertEquals("running", node.getCurrentVm().getStatus());
    assertEquals(3, server.getRequestCount());
    assertEquals(Arrays.asList(Duration.ofSeconds(1), Duration.ofMillis(1500)), time.waits);
  }

  @Test
  void pollIntervalsGrowByHalfUpToTheMaximum() {
    for (int i = 0; i < 6; i++) {
      enqueueNode("pending", "vm_1", "Pending");
    }
    enqueueNode("running", "vm_1", "Running");

    client.waiters().waitUntilRunning("n_1", FAST);

    assertEquals(
        Arrays.asList(1000L, 1500L, 2250L, 3375L, 4000L, 4000L),
        time.waits.stream().map(Duration::toMillis).collect(java.util.stream.Collectors.toList()));
  }

  @Test
  void aWaitThatOutlastsItsTimeoutFailsWithTheLastStateSeen() {
    for (int i = 0; i < 40; i++) {
      enqueueNode("pending", "vm_1", "Pending");
    }

    WaitTimeoutException e =
        assertThrows(
            WaitTimeoutException.class,
            () ->
                client
                    .waiters()
                    .waitUntilRunning(
                        "n_1", WaitOptions.builder().timeout(Duration.ofSeconds(10)).build()));

    assertEquals("pending", e.lastSeen().getStatus());
    assertTrue(e.getMessage().contains("node n_1 pending, VM vm_1 Pending"), e.getMessage());
    assertEquals(
        Duration.ofSeconds(10), time.elapsedSinceStart(), "never sleeps past the deadline");
  }

  @Test
  void aFailedNodeEndsTheWaitAtOnce() {
    enqueueNode("pending", "vm_1", "Pending");
    enqueueNode("failed", "vm_1", "NodeFailure");

    NodeStateException e =
        assertThrows(
            NodeStateException.class, () -> client.waiters().waitUntilRunning("n_1", FAST));

    assertEquals("failed", e.node().getStatus());
    assertTrue(e.getMessage().contains("node is failed"), e.getMessage());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void aNodeDeletedWhileWaitingEndsTheWaitWithNodeState() {
    enqueueNode("pending", "vm_1", "Pending");
    enqueueNotFound();

    NodeStateException e =
        assertThrows(
            NodeStateException.class, () -> client.waiters().waitUntilRunning("n_1", FAST));

    assertTrue(e.getMessage().contains("was deleted"), e.getMessage());
    assertEquals("pending", e.node().getStatus(), "the node as last seen");
    assertInstanceOf(NotFoundException.class, e.getCause());
  }

  @Test
  void aNodeDeletedWhileWaitingAsyncEndsTheWaitWithNodeState() {
    enqueueNode("running", "vm_new", "Pending");
    enqueueNotFound();

    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                client
                    .waiters()
                    .waitForRedeployAsync("n_1", "vm_old", FAST)
                    .get(5, TimeUnit.SECONDS));

    assertInstanceOf(NodeStateException.class, e.getCause());
  }

  @Test
  void aNodeReadAsDeletedEndsTheWaitWithNodeState() {
    enqueueNode("pending", "vm_1", "Pending");
    enqueueNode("deleted", "vm_1", "Destroyed");

    NodeStateException e =
        assertThrows(
            NodeStateException.class, () -> client.waiters().waitUntilRunning("n_1", FAST));

    assertEquals("deleted", e.node().getStatus());
  }

  @Test
  void aNodeDeletedDuringTheWaitOfARedeployEndsItWithNodeState() {
    enqueueNode("running", "vm_old", "Running");
    enqueueNode("running", "vm_new", "Pending");
    enqueueNotFound();

    NodeStateException e =
        assertThrows(
            NodeStateException.class,
            () -> client.waiters().redeployAndWait("n_1", RedeployParams.inheritAll(), FAST));

    assertEquals("vm_new", e.node().getCurrentVm().getId(), "the redeploy's answer, last seen");
  }

  @Test
  void aNodeThatDoesNotExistAtTheFirstReadIsNotFound() {
    enqueueNotFound();

    assertThrows(NotFoundException.class, () -> client.waiters().waitUntilRunning("n_1", FAST));
  }

  @Test
  void waitForRedeployIgnoresTheOldVmEvenWhileItStillRuns() {
    enqueueNode("running", "vm_old", "Running");
    enqueueNode("running", "vm_new", "Pending");
    enqueueNode("running", "vm_new", "Running");

    Node node = client.waiters().waitForRedeploy("n_1", "vm_old", FAST);

    assertEquals("vm_new", node.getCurrentVm().getId());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void aVmReplacedTwiceWhileWaitingStillEndsTheWait() {
    enqueueNode("running", "vm_new1", "Pending");
    enqueueNode("running", "vm_new2", "Pending");
    enqueueNode("running", "vm_new2", "running");

    Node node = client.waiters().waitForRedeploy("n_1", "vm_old", FAST);

    assertEquals("vm_new2", node.getCurrentVm().getId());
  }

  @Test
  void aNewVmThatFailsEndsTheRedeployWait() {
    enqueueNode("running", "vm_new", "Pending");
    enqueueNode("running", "vm_new", "NodeFailure");

    NodeStateException e =
        assertThrows(
            NodeStateException.class,
            () -> client.waiters().waitForRedeploy("n_1", "vm_old", FAST));

    assertTrue(e.getMessage().contains("VM vm_new is NodeFailure"), e.getMessage());
  }

  @Test
  void theListenerHearsTheFirstStateAndEachChangeOnly() {
    WaitListener listener = mock(WaitListener.class);
    enqueueNode("pending", "vm_1", "Pending");
    enqueueNode("pending", "vm_1", "Pending");
    enqueueNode("running", "vm_1", "Pending");
    enqueueNode("running", "vm_1", "Pending");
    enqueueNode("running", "vm_1", "Running");

    client.waiters().waitUntilRunning("n_1", WaitOptions.builder().listener(listener).build());

    ArgumentCaptor<WaitProgress> seen = ArgumentCaptor.forClass(WaitProgress.class);
    verify(listener, times(3)).onChange(seen.capture());
    List<String> states = new ArrayList<>();
    for (WaitProgress p : seen.getAllValues()) {
      states.add(p.nodeStatus() + "/" + p.vmStatus() + "@" + p.polls());
    }
    assertEquals(
        Arrays.asList("pending/Pending@1", "running/Pending@3", "running/Running@5"), states);
  }

  @Test
  void redeployAndWaitReadsTheCurrentVmRedeploysThenWaitsForANewOne() throws Exception {
    enqueueNode("running", "vm_old", "Running");
    enqueueNode("running", "vm_old", "Destroyed");
    enqueueNode("running", "vm_new", "Pending");
    enqueueNode("running", "vm_new", "Running");

    Node node =
        client
            .waiters()
            .redeployAndWait(
                "cuda-crunch",
                RedeployParams.builder().userData(UserData.ofText("#cloud-config\n")).build(),
                FAST);

    assertEquals("vm_new", node.getCurrentVm().getId());
    assertEquals("/v1/nodes/cuda-crunch", take(server).getPath());
    RecordedRequest redeploy = take(server);
    assertEquals("PUT", redeploy.getMethod());
    assertEquals("/v1/nodes/n_1/redeploy", redeploy.getPath(), "by the id read, not the name");
    assertEquals(
        JsonParser.parseString(
            "{\"cloud_init_user_data\":\"I2Nsb3VkLWNvbmZpZwo=\",\"override_empty\":false}"),
        JsonParser.parseString(redeploy.getBody().readUtf8()));
    assertEquals(4, server.getRequestCount());
  }

  @Test
  void redeployAndWaitReturnsAtOnceWhenTheAnswerAlreadyShowsTheNewVmRunning() {
    enqueueNode("running", "vm_old", "Running");
    enqueueNode("running", "vm_new", "running");

    Node node = client.waiters().redeployAndWait("n_1", RedeployParams.inheritAll(), FAST);

    assertEquals("vm_new", node.getCurrentVm().getId());
    assertEquals(2, server.getRequestCount());
    assertTrue(time.waits.isEmpty());
  }

  @Test
  void asyncWaitsCompleteWithoutHoldingAThreadPerPoll() throws Exception {
    enqueueNode("pending", "vm_1", "Pending");
    enqueueNode("running", "vm_1", "Running");

    Node node = client.waiters().waitUntilRunningAsync("n_1", FAST).get(5, TimeUnit.SECONDS);

    assertEquals("running", node.getStatus());
    // The first poll goes through the client's shared poll timer at once (a zero wait), so that
    // waits started together are read together; then one wait of the poll interval.
    assertEquals(
        Arrays.asList(Duration.ofSeconds(1)),
        time.waits.stream().filter(w -> !w.isZero()).collect(java.util.stream.Collectors.toList()));
  }

  @Test
  void asyncWaitsFailWithTheSameExceptions() {
    enqueueNode("terminated", "vm_1", "Destroyed");

    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> client.waiters().waitUntilRunningAsync("n_1", FAST).get(5, TimeUnit.SECONDS));

    assertInstanceOf(NodeStateException.class, e.getCause());
  }

  @Test
  void cancellingAnAsyncWaitStopsThePolling() throws Exception {
    try (SfcNodes realTime =
        SfcNodes.builder().bearerToken("sk-test").baseUrl(server.url("/").toString()).build()) {
      enqueueNode("pending", "vm_1", "Pending");
      CompletableFuture<Node> wait =
          realTime
              .waiters()
              .waitUntilRunningAsync(
                  "n_1", WaitOptions.builder().pollInterval(Duration.ofMinutes(1)).build());
      take(server);

      assertTrue(wait.cancel(true));

      assertThrows(CancellationException.class, wait::join);
      assertEquals(1, server.getRequestCount());
    }
  }

  @Test
  void closingTheClientEndsAnAsyncWaitThatIsSleeping() throws Exception {
    CountDownLatch sleeping = new CountDownLatch(1);
    Sleeper slow =
        duration -> {
          sleeping.countDown();
          Thread.sleep(Long.MAX_VALUE); // until close() interrupts the scheduling thread
        };
    SfcNodes c = clientBuilder(server, "sk-test").sleeper(slow).build();
    enqueueNode("pending", "vm_1", "Pending");
    CompletableFuture<Node> wait = c.waiters().waitUntilRunningAsync("n_1", FAST);
    assertTrue(sleeping.await(5, TimeUnit.SECONDS), "the wait reached its sleep");

    c.close();

    assertThrows(CancellationException.class, () -> wait.get(5, TimeUnit.SECONDS));
    // The future's own exception, not get()'s: from JDK 23 on, get() throws a new
    // CancellationException("get") of its own.
    Throwable why = wait.handle((node, error) -> error).get(5, TimeUnit.SECONDS);
    assertTrue(why.getMessage().contains("closed"), String.valueOf(why));
  }

  @Test
  void closingTheClientEndsAnAsyncWaitOnTheTimer() throws Exception {
    SfcNodes c = clientBuilder(server, "sk-test").build(); // the system sleeper: a timer thread
    enqueueNode("pending", "vm_1", "Pending");
    CompletableFuture<Node> wait =
        c.waiters()
            .waitUntilRunningAsync(
                "n_1", WaitOptions.builder().pollInterval(Duration.ofMinutes(1)).build());
    take(server);

    c.close();

    // Closed before the next poll was scheduled, or while it waited: either way the wait ends.
    Exception e = assertThrows(Exception.class, () -> wait.get(5, TimeUnit.SECONDS));
    assertTrue(
        e instanceof CancellationException
            || (e instanceof ExecutionException && e.getCause() instanceof IllegalStateException),
        e.toString());
  }

  @Test
  void anInterruptedSyncWaitStopsAndKeepsTheInterruptFlag() throws Exception {
    Sleeper interrupted =
        duration -> {
          throw new InterruptedException("stop");
        };
    try (SfcNodes c =
        SfcNodes.builder()
            .bearerToken("sk-test")
            .baseUrl(server.url("/").toString())
            .sleeper(interrupted)
            .build()) {
      enqueueNode("pending", "vm_1", "Pending");

      assertThrows(CancellationException.class, () -> c.waiters().waitUntilRunning("n_1"));
      assertTrue(Thread.interrupted(), "interrupt flag restored (and cleared here)");
    }
  }

  private void enqueueNotFound() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(404)
            .setBody("{\"error\":{\"type\":\"not_found\",\"message\":\"Node not found\"}}"));
  }

  private void enqueueNode(String status, String vmId, String vmStatus) {
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "application/json")
            .setBody(
                "{\"object\":\"node\",\"id\":\"n_1\",\"name\":\"cuda-crunch\",\"owner\":\"o\","
                    + "\"gpu_type\":\"H100\",\"status\":\""
                    + status
                    + "\",\"node_type\":\"autoreserved\",\"current_vm\":{\"object\":\"vm\","
                    + "\"id\":\""
                    + vmId
                    + "\",\"status\":\""
                    + vmStatus
                    + "\",\"created_at\":1,\"updated_at\":1,\"start_at\":null,\"end_at\":null,"
                    + "\"image_id\":\"vmi_1\",\"zone\":\"z\"}}"));
  }
}
