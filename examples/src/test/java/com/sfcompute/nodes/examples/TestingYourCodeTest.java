package com.sfcompute.nodes.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sfcompute.nodes.CreateNodesParams;
import com.sfcompute.nodes.RedeployParams;
import com.sfcompute.nodes.SfcNodes;
import com.sfcompute.nodes.UserData;
import com.sfcompute.nodes.WaitOptions;
import com.sfcompute.nodes.errors.ConflictException;
import com.sfcompute.nodes.errors.OutcomeUnknownException;
import com.sfcompute.nodes.mock.Fault;
import com.sfcompute.nodes.mock.MockNodesServer;
import com.sfcompute.nodes.mock.junit5.MockNodesServerExtension;
import com.sfcompute.nodes.model.Node;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Example: testing your own code with the stand-in's JUnit 5 extension and an injected fault.
 * Runnable on its own: {@code ./mvnw -B -q -pl examples test -Dtest=TestingYourCodeTest}.
 *
 * <p>{@link Rollout} below stands for your code: it redeploys a node with new user data and must
 * never destroy two VMs for one rollout, even when the answer to its redeploy is lost. The tests
 * make the stand-in lose that answer and check what really happened on the server.
 */
class TestingYourCodeTest {
  /** One stand-in for the class, emptied after each test. */
  @RegisterExtension
  static final MockNodesServerExtension API =
      MockNodesServerExtension.builder()
          .server(MockNodesServer.builder().transitionDelay(Duration.ofMillis(50)))
          .build();

  private SfcNodes client;

  @BeforeEach
  void startNode(MockNodesServer server) {
    client = SfcNodes.builder().bearerToken(server.token()).baseUrl(server.baseUrl()).build();
    client
        .nodes()
        .create(
            CreateNodesParams.builder()
                .desiredCount(1)
                .maxPricePerNodeHour(1600)
                .zone("hayesvalley")
                .names("app-1")
                .build());
    client.waiters().waitUntilRunning("app-1", fast());
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  /** Your code: one rollout is one redeploy, whatever the network does. */
  static final class Rollout {
    private final SfcNodes client;
    private final WaitOptions waiting;

    Rollout(SfcNodes client, WaitOptions waiting) {
      this.client = client;
      this.waiting = waiting;
    }

    Node rollOut(String node, String cloudConfig) {
      String previousVm = client.nodes().get(node).getCurrentVm().getId();
      RedeployParams params =
          RedeployParams.builder()
              .userData(UserData.ofText(cloudConfig))
              .idempotencyKey("rollout-" + UUID.randomUUID()) // the same key on a repeat
              .build();
      try {
        client.nodes().redeploy(node, params);
      } catch (OutcomeUnknownException e) {
        // The server may have redeployed. Repeating with the same key cannot redeploy twice: the
        // API answers the first redeploy's result again.
        client.nodes().redeploy(node, params);
      }
      return client.waiters().waitForRedeploy(node, previousVm, waiting);
    }
  }

  @Test
  void aLostAnswerDoesNotRedeployTwice(MockNodesServer server) {
    String before = server.state().node("app-1").getCurrentVm().getId();
    // The stand-in redeploys, then drops the connection before answering.
    server.faults().next(1, "PUT", "/v1/nodes/{id}/redeploy", Fault.dropAfterAction());

    Node after = new Rollout(client, fast()).rollOut("app-1", "#cloud-config\n");

    assertNotEquals(before, after.getCurrentVm().getId());
    assertEquals(1, server.counters().redeploys(), "VMs destroyed by one rollout");
    assertEquals(1, server.counters().idempotentReplays(), "the repeat was answered from the key");
    assertEquals(2, server.counters().requests("PUT", "/v1/nodes/{id}/redeploy"));
  }

  @Test
  void aRefusedRedeployReachesYourCodeAsATypedErrorAndChangesNothing(MockNodesServer server) {
    String before = server.state().node("app-1").getCurrentVm().getId();
    server.faults().next(1, "PUT", "/v1/nodes/{id}/redeploy", Fault.status(409, "conflict"));

    ConflictException refused =
        assertThrows(
            ConflictException.class,
            () -> new Rollout(client, fast()).rollOut("app-1", "#cloud-config\n"));

    assertEquals(409, refused.statusCode());
    assertEquals(0, server.counters().redeploys());
    assertEquals(before, server.state().node("app-1").getCurrentVm().getId());
  }

  private static WaitOptions fast() {
    return WaitOptions.builder()
        .pollInterval(Duration.ofMillis(50))
        .timeout(Duration.ofSeconds(30))
        .build();
  }
}
