package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.errors.NodeStateException;
import com.sfcompute.nodes.errors.SfcNodesInvalidDataException;
import com.sfcompute.nodes.model.Node;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redeploys on nodes the SDK cannot act on as read (item 8), and redeploys repeated with the key of
 * a lost answer (item 12): the wait follows the VM the answer names.
 */
class RedeployRecoveryTest {
  private final MockWebServer server = new MockWebServer();
  private final FakeTime time = new FakeTime();
  private SfcNodes client;

  private static final WaitOptions FAST =
      WaitOptions.builder()
          .pollInterval(Duration.ofSeconds(1))
          .maxPollInterval(Duration.ofSeconds(4))
          .timeout(Duration.ofMinutes(1))
          .build();

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

  // Item 8: a node read without an id, or without a current VM or image.

  @Test
  void requireRunningOnANodeReadWithoutAnIdIsInvalidDataAndSendsNothing() throws Exception {
    server.enqueue(json(node(null, "vm_1", "Running", "vmi_1")));

    SfcNodesInvalidDataException e =
        assertThrows(
            SfcNodesInvalidDataException.class,
            () ->
                client
                    .nodes()
                    .redeploy("trainer", RedeployParams.builder().requireRunning(true).build()));

    assertTrue(e.getMessage().contains("required field `id`"), e.getMessage());
    assertOnlyTheReadWasSent();
  }

  @Test
  void resolveInheritedImageOnANodeReadWithoutAnIdIsInvalidDataAsync() throws Exception {
    server.enqueue(json(node(null, "vm_1", "Running", "vmi_1")));

    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                client
                    .nodes()
                    .redeployAsync("trainer", clearUserDataKeepImage())
                    .get(5, TimeUnit.SECONDS));

    assertInstanceOf(SfcNodesInvalidDataException.class, e.getCause());
    assertOnlyTheReadWasSent();
  }

  @Test
  void redeployAndWaitOnANodeReadWithoutAnIdIsInvalidDataAndSendsNothing() throws Exception {
    server.enqueue(json(node(null, "vm_1", "Running", "vmi_1")));

    assertThrows(
        SfcNodesInvalidDataException.class,
        () -> client.waiters().redeployAndWait("trainer", RedeployParams.inheritAll(), FAST));

    assertOnlyTheReadWasSent();
  }

  @Test
  void redeployAndWaitAsyncOnANodeReadWithoutAnIdIsInvalidData() throws Exception {
    server.enqueue(json(node(null, "vm_1", "Running", "vmi_1")));

    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                client
                    .waiters()
                    .redeployAndWaitAsync("trainer", RedeployParams.inheritAll(), FAST)
                    .get(5, TimeUnit.SECONDS));

    assertInstanceOf(SfcNodesInvalidDataException.class, e.getCause());
    assertOnlyTheReadWasSent();
  }

  /**
   * A current VM whose {@code image_id} is blank is an answer the SDK cannot use: invalid data
   * (sync and async), never the params' own IllegalStateException, and nothing is sent.
   */
  @Test
  void keepingTheImageOfAVmWithABlankImageIdIsInvalidDataAndSendsNothing() throws Exception {
    server.enqueue(json(node("n_1", "vm_1", "Running", " ")));

    assertThrows(
        SfcNodesInvalidDataException.class,
        () -> client.nodes().redeploy("n_1", clearUserDataKeepImage()));

    assertOnlyTheReadWasSent();
  }

  @Test
  void keepingTheImageOfAVmWithABlankImageIdIsInvalidDataAsync() throws Exception {
    server.enqueue(json(node("n_1", "vm_1", "Running", "")));

    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                client
                    .nodes()
                    .redeployAsync("n_1", clearUserDataKeepImage())
                    .get(5, TimeUnit.SECONDS));

    assertInstanceOf(SfcNodesInvalidDataException.class, e.getCause());
    assertOnlyTheReadWasSent();
  }

  @Test
  void keepingTheImageOfANodeWithoutACurrentVmIsANodeStateAndSendsNothing() throws Exception {
    server.enqueue(json(node("n_1", null, null, null)));

    NodeStateException e =
        assertThrows(
            NodeStateException.class,
            () -> client.nodes().redeploy("n_1", clearUserDataKeepImage()));

    assertTrue(e.getMessage().contains("no current VM"), e.getMessage());
    assertEquals("n_1", e.node().getId());
    assertOnlyTheReadWasSent();
  }

  @Test
  void keepingTheImageOfAVmWithoutAnImageIsANodeStateAndSendsNothingAsync() throws Exception {
    server.enqueue(json(node("n_1", "vm_1", "Running", null)));

    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                client
                    .nodes()
                    .redeployAsync("n_1", clearUserDataKeepImage())
                    .get(5, TimeUnit.SECONDS));

    assertInstanceOf(NodeStateException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("no image id"), e.getCause().getMessage());
    assertOnlyTheReadWasSent();
  }

  // Item 12: the repeat of a redeploy whose answer was lost.

  /**
   * The first attempt redeployed {@code vm_old} to {@code vm_new} and its answer was lost. The
   * repeat reads the node already on {@code vm_new}, gets the replayed answer (which names {@code
   * vm_new}, still pending then) and must wait for vm_new, not for "a VM other than vm_new".
   */
  private void enqueueTheRepeatOfALostRedeploy() {
    server.enqueue(json(node("n_1", "vm_new", "Pending", "vmi_1"))); // GET: already switched
    server.enqueue(
        json(node("n_1", "vm_new", "Pending", "vmi_1")).setHeader("Idempotent-Replayed", "true"));
    for (int i = 0; i < 30; i++) { // enough for the whole wait, so a wrong goal times out
      server.enqueue(json(node("n_1", "vm_new", i == 0 ? "Pending" : "Running", "vmi_1")));
    }
  }

  @Test
  void redeployAndWaitRepeatedWithTheKeyWaitsForTheVmTheAnswerNames() throws Exception {
    enqueueTheRepeatOfALostRedeploy();

    Node node =
        client
            .waiters()
            .redeployAndWait(
                "trainer", RedeployParams.inheritAll().withIdempotencyKey("key-1"), FAST);

    assertEquals("vm_new", node.getCurrentVm().getId());
    assertEquals("running", node.getCurrentVm().getStatus().toLowerCase(java.util.Locale.ROOT));
    take(server);
    RecordedRequest redeploy = take(server);
    assertEquals("PUT", redeploy.getMethod());
    assertEquals("key-1", redeploy.getHeader("Idempotency-Key"));
    assertEquals(4, server.getRequestCount(), "read, redeploy, two polls");
  }

  @Test
  void redeployAndWaitAsyncRepeatedWithTheKeyWaitsForTheVmTheAnswerNames() throws Exception {
    enqueueTheRepeatOfALostRedeploy();

    Node node =
        client
            .waiters()
            .redeployAndWaitAsync(
                "trainer", RedeployParams.inheritAll().withIdempotencyKey("key-1"), FAST)
            .get(5, TimeUnit.SECONDS);

    assertEquals("vm_new", node.getCurrentVm().getId());
    assertEquals(4, server.getRequestCount());
  }

  @Test
  void aFleetRepeatedWithItsKeyWaitsForTheVmTheAnswerNames() {
    enqueueTheRepeatOfALostRedeploy();

    List<FleetResult<Node>> results =
        client
            .fleet()
            .redeploy(
                Collections.singletonList("trainer"),
                RedeployParams.inheritAll().withIdempotencyKey("fleet-1"),
                FleetOptions.builder().waitForRedeploy(FAST).build());

    assertTrue(results.get(0).isSuccess(), results.toString());
    assertEquals("vm_new", results.get(0).getOrThrow().getCurrentVm().getId());
  }

  @Test
  void anAnswerWithoutACurrentVmWaitsForAVmOtherThanTheOneReadBefore() {
    server.enqueue(json(node("n_1", "vm_old", "Running", "vmi_1")));
    server.enqueue(json(node("n_1", null, null, null)));
    server.enqueue(json(node("n_1", "vm_old", "Running", "vmi_1")));
    server.enqueue(json(node("n_1", "vm_new", "Running", "vmi_1")));

    Node node = client.waiters().redeployAndWait("n_1", RedeployParams.inheritAll(), FAST);

    assertEquals("vm_new", node.getCurrentVm().getId());
    assertEquals(4, server.getRequestCount());
  }

  private void assertOnlyTheReadWasSent() throws InterruptedException {
    assertEquals("GET", take(server).getMethod());
    assertEquals(1, server.getRequestCount(), "nothing sent after the read");
  }

  private static RedeployParams clearUserDataKeepImage() {
    return RedeployParams.builder().clearUserData().resolveInheritedImage(true).build();
  }

  /** A running node; null id, VM or image leave the field out. */
  static String node(String id, String vmId, String vmStatus, String imageId) {
    StringBuilder b = new StringBuilder("{\"object\":\"node\",");
    if (id != null) {
      b.append("\"id\":\"").append(id).append("\",");
    }
    b.append(
        "\"name\":\"trainer\",\"owner\":\"o\",\"gpu_type\":\"H100\",\"status\":\"running\","
            + "\"node_type\":\"autoreserved\"");
    if (vmId != null) {
      b.append(",\"current_vm\":{\"object\":\"vm\",\"id\":\"")
          .append(vmId)
          .append("\",\"status\":\"")
          .append(vmStatus)
          .append("\",\"created_at\":1,\"updated_at\":1,\"start_at\":null,\"end_at\":null,")
          .append(imageId == null ? "" : "\"image_id\":\"" + imageId + "\",")
          .append("\"zone\":\"z\"}");
    }
    return b.append("}").toString();
  }
}
