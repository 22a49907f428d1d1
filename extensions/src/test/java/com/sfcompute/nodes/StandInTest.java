package com.sfcompute.nodes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.errors.NodeStateException;
import com.sfcompute.nodes.errors.OutcomeUnknownException;
import com.sfcompute.nodes.errors.UnprocessableEntityException;
import com.sfcompute.nodes.mock.Fault;
import com.sfcompute.nodes.mock.MockNodesServer;
import com.sfcompute.nodes.mock.junit5.MockNodesServerExtension;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.NodeList;
import com.sfcompute.nodes.model.Vm;
import com.sfcompute.nodes.model.VmStatus;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SDK against the stateful stand-in, where state matters: redeploys end to end, idempotency
 * under dropped connections, fleets. The stand-in and the client share one fake clock, so the waits
 * take no real time.
 */
class StandInTest {
  private static final FakeTime TIME = new FakeTime();

  @RegisterExtension
  static final MockNodesServerExtension API =
      MockNodesServerExtension.builder()
          .server(
              MockNodesServer.builder().clock(TIME).transitionDelay(Duration.ofSeconds(20)).seed(7))
          .build();

  private SfcNodes client;

  @BeforeEach
  void setUp() {
    client =
        TIME.install(SfcNodes.builder().bearerToken(API.token()).baseUrl(API.baseUrl())).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private Node createRunning(String name, String userData) {
    client
        .nodes()
        .create(
            CreateNodesParams.builder()
                .desiredCount(1)
                .maxPricePerNodeHour(1000)
                .zone("hayesvalley")
                .names(name)
                .imageId(image())
                .userData(UserData.ofText(userData))
                .build());
    return client.waiters().waitUntilRunning(name);
  }

  private String image() {
    return client.vms().images().list().getData().get(0).getImageId();
  }

  @Test
  void aRedeployWithNewUserDataReplacesTheVmAndKeepsTheImage() {
    Node before = createRunning("trainer", "#cloud-config\n# v1\n");
    Vm oldVm = before.getCurrentVm();

    Node after =
        client
            .waiters()
            .redeployAndWait(
                "trainer",
                RedeployParams.builder()
                    .userData(UserData.ofText("#cloud-config\n# v2\n"))
                    .build());

    Vm newVm = after.getCurrentVm();
    assertNotEquals(oldVm.getId(), newVm.getId());
    assertTrue(KnownValues.is(newVm.getStatus(), VmStatus.RUNNING));
    assertEquals(oldVm.getImageId(), newVm.getImageId());
    assertArrayEquals(
        "#cloud-config\n# v2\n".getBytes(UTF_8), API.server().state().userDataOf(newVm.getId()));
    Vm old =
        after.getVms().getData().stream()
            .filter(v -> v.getId().equals(oldVm.getId()))
            .findFirst()
            .get();
    assertTrue(KnownValues.is(old.getStatus(), VmStatus.DESTROYED));
    assertEquals(1, API.server().counters().redeploys());
  }

  @Test
  void clearingTheUserDataWhileKeepingTheImageResolvesTheImageFromTheNode() {
    Node before = createRunning("cleaner", "secret: 1\n");

    Node after =
        client
            .waiters()
            .redeployAndWait(
                "cleaner",
                RedeployParams.builder().clearUserData().resolveInheritedImage(true).build());

    assertEquals(before.getCurrentVm().getImageId(), after.getCurrentVm().getImageId());
    assertNull(API.server().state().userDataOf(after.getCurrentVm().getId()));
  }

  /**
   * A client that keeps no idle connection: each request is the first on its connection, so a
   * connection dropped after sending is a lost answer, never the stale-connection case (which the
   * SDK replays by itself with the same key).
   */
  private SfcNodes freshClient() {
    return TIME.install(SfcNodes.builder().bearerToken(API.token()).baseUrl(API.baseUrl()))
        .maxIdleConnections(0)
        .build();
  }

  @Test
  void aRedeployWhoseAnswerWasLostIsNotRepeatedAndItsKeyMakesTheRetrySafe() {
    createRunning("lost", "x");
    API.server().faults().next(1, "PUT", "/v1/nodes/{id}/redeploy", Fault.dropAfterAction());
    RedeployParams params = RedeployParams.builder().image(image()).build();

    OutcomeUnknownException unknown;
    try (SfcNodes fresh = freshClient()) { // A dead fresh connection is no stale one: no replay.
      unknown =
          assertThrows(OutcomeUnknownException.class, () -> fresh.nodes().redeploy("lost", params));
    }
    assertEquals(1, API.server().counters().redeploys(), "applied once, answer lost");

    Node retried =
        client.nodes().redeploy("lost", params.withIdempotencyKey(unknown.idempotencyKey()));

    assertEquals(
        1, API.server().counters().redeploys(), "the retry with the key did not redeploy again");
    assertEquals(1, API.server().counters().idempotentReplays());
    assertEquals("lost", retried.getName());
  }

  @Test
  void redeployAndWaitRepeatedWithTheKeyOfALostAnswerWaitsForTheVmTheFirstAttemptStarted() {
    Vm oldVm = createRunning("repeat", "x").getCurrentVm();
    API.server().faults().next(1, "PUT", "/v1/nodes/{id}/redeploy", Fault.dropAfterAction());
    RedeployParams params = RedeployParams.builder().userData(UserData.ofText("v2")).build();

    try (SfcNodes fresh = freshClient()) {
      OutcomeUnknownException unknown =
          assertThrows(
              OutcomeUnknownException.class,
              () -> fresh.waiters().redeployAndWait("repeat", params));
      String newVmId = API.server().state().node("repeat").getCurrentVm().getId();
      assertNotEquals(oldVm.getId(), newVmId, "the first attempt was applied");

      Node after =
          fresh
              .waiters()
              .redeployAndWait("repeat", params.withIdempotencyKey(unknown.idempotencyKey()));

      assertEquals(newVmId, after.getCurrentVm().getId());
      assertTrue(KnownValues.is(after.getCurrentVm().getStatus(), VmStatus.RUNNING));
    }
    assertEquals(1, API.server().counters().redeploys(), "not redeployed twice");
    assertEquals(1, API.server().counters().idempotentReplays());
  }

  @Test
  void aFleetRepeatedWithItsKeyAfterALostAnswerFinishesEveryNodeWithoutRedeployingTwice() {
    createRunning("r-1", "a");
    createRunning("r-2", "b");
    API.server().faults().next(1, "PUT", "/v1/nodes/{id}/redeploy", Fault.dropAfterAction());
    RedeployParams params =
        RedeployParams.builder().userData(UserData.ofText("v2")).build().withIdempotencyKey("f-1");
    FleetOptions options = FleetOptions.builder().concurrency(1).waitForRedeploy().build();

    List<FleetResult<Node>> first;
    try (SfcNodes fresh = freshClient()) {
      first = fresh.fleet().redeploy(Arrays.asList("r-1", "r-2"), params, options);
    }
    assertInstanceOf(OutcomeUnknownException.class, first.get(0).error());
    assertTrue(first.get(1).isSuccess(), first.toString());
    assertEquals(2, API.server().counters().redeploys());

    List<FleetResult<Node>> again =
        client.fleet().redeploy(Arrays.asList("r-1", "r-2"), params, options);

    for (FleetResult<Node> r : again) {
      assertTrue(r.isSuccess(), again.toString());
      Vm vm = r.getOrThrow().getCurrentVm();
      assertTrue(KnownValues.is(vm.getStatus(), VmStatus.RUNNING), vm.toString());
      assertArrayEquals("v2".getBytes(UTF_8), API.server().state().userDataOf(vm.getId()));
    }
    assertEquals(2, API.server().counters().redeploys(), "each node redeployed once");
    assertEquals(2, API.server().counters().idempotentReplays());
  }

  @Test
  void aRequestDroppedBeforeTheActionIsAlsoAnUnknownOutcomeForTheClientAndTheKeyAppliesItOnce() {
    createRunning("dropped", "x");
    API.server().faults().next(1, "PUT", "/v1/nodes/{id}/redeploy", Fault.dropBeforeAction());
    RedeployParams params = RedeployParams.inheritAll().withIdempotencyKey("redeploy-dropped-1");

    try (SfcNodes fresh = freshClient()) {
      assertThrows(OutcomeUnknownException.class, () -> fresh.nodes().redeploy("dropped", params));
    }
    assertEquals(0, API.server().counters().redeploys());

    client.nodes().redeploy("dropped", params);
    client.nodes().redeploy("dropped", params);

    assertEquals(1, API.server().counters().redeploys());
  }

  @Test
  void anAnswerLostOnAReusedConnectionIsReplayedOnceWithItsKeyAndAppliedOnce() {
    createRunning("reused", "x"); // Leaves a pooled connection: the redeploy goes out on it.
    API.server().faults().next(1, "PUT", "/v1/nodes/{id}/redeploy", Fault.dropAfterAction());

    Node redeployed =
        client.nodes().redeploy("reused", RedeployParams.builder().image(image()).build());

    assertEquals("reused", redeployed.getName());
    assertEquals(1, API.server().counters().redeploys(), "applied once");
    assertEquals(
        1, API.server().counters().idempotentReplays(), "the replay got the stored answer");
  }

  @Test
  void aRateLimitedCreateIsRetriedAndBuysOnce() {
    API.server()
        .faults()
        .next(1, "POST", "/v1/nodes", Fault.tooManyRequests(Duration.ofSeconds(3)));

    NodeList created =
        client
            .nodes()
            .create(
                CreateNodesParams.builder()
                    .desiredCount(2)
                    .maxPricePerNodeHour(1000)
                    .zone("hayesvalley")
                    .build());

    assertEquals(2, created.getData().size());
    assertEquals(1, API.server().counters().creates());
    assertEquals(2, API.server().counters().nodesCreated());
    assertTrue(TIME.waits.contains(Duration.ofSeconds(3)), TIME.waits.toString());
  }

  @Test
  void aFleetRedeployKeepsGoingPastANodeThatIsNotRunning() {
    createRunning("f-1", "a");
    createRunning("f-2", "b");
    createRunning("f-3", "c");
    client.nodes().release("f-2");

    List<FleetResult<Node>> results =
        client
            .fleet()
            .redeploy(
                Arrays.asList("f-1", "f-2", "f-3"),
                RedeployParams.builder().userData(UserData.ofText("fleet")).build(),
                FleetOptions.builder().concurrency(2).waitForRedeploy().build());

    assertTrue(results.get(0).isSuccess(), results.toString());
    assertInstanceOf(UnprocessableEntityException.class, results.get(1).error());
    assertTrue(results.get(2).isSuccess(), results.toString());
    assertEquals(2, API.server().counters().redeploys());
    for (FleetResult<Node> r : Arrays.asList(results.get(0), results.get(2))) {
      assertArrayEquals(
          "fleet".getBytes(UTF_8),
          API.server().state().userDataOf(r.getOrThrow().getCurrentVm().getId()));
    }
  }

  @Test
  void requireRunningRefusesAReleasedNodeBeforeSendingTheRedeploy() {
    createRunning("released", "x");
    client.nodes().release("released");
    int before = API.server().counters().requests("PUT", "/v1/nodes/{id}/redeploy");

    NodeStateException e =
        assertThrows(
            NodeStateException.class,
            () ->
                client
                    .nodes()
                    .redeploy("released", RedeployParams.builder().requireRunning(true).build()));

    assertTrue(e.getMessage().contains("is released, not running"), e.getMessage());
    assertEquals(before, API.server().counters().requests("PUT", "/v1/nodes/{id}/redeploy"));
  }
}
