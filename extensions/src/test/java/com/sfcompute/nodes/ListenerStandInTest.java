package com.sfcompute.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.events.CallEvent;
import com.sfcompute.nodes.events.FleetEvent;
import com.sfcompute.nodes.events.FleetNodeEvent;
import com.sfcompute.nodes.events.WaitEvent;
import com.sfcompute.nodes.mock.MockNodesServer;
import com.sfcompute.nodes.mock.junit5.MockNodesServerExtension;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What listeners are told of waits and fleets, on the stand-in and a fake clock. */
class ListenerStandInTest {
  private static final FakeTime TIME = new FakeTime();

  @RegisterExtension
  static final MockNodesServerExtension API =
      MockNodesServerExtension.builder()
          .server(
              MockNodesServer.builder()
                  .clock(TIME)
                  .transitionDelay(Duration.ofSeconds(20))
                  .seed(11))
          .build();

  private final RecordingListener events = new RecordingListener();
  private SfcNodes client;

  @BeforeEach
  void setUp() {
    client =
        TIME.install(SfcNodes.builder().bearerToken(API.token()).baseUrl(API.baseUrl()))
            .listener(events)
            .build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private void create(String... names) {
    String image = client.vms().images().list().getData().get(0).getImageId();
    client
        .nodes()
        .create(
            CreateNodesParams.builder()
                .desiredCount(names.length)
                .maxPricePerNodeHour(1000)
                .zone("hayesvalley")
                .names(names)
                .imageId(image)
                .build());
  }

  @Test
  void aWaitTellsEachPollAndItsEndAndItsReadsAreItsChildren() {
    create("w-1");
    events.lines.clear();
    events.events.clear();

    client.waiters().waitUntilRunning("w-1");

    List<String> lines = events.lines();
    assertEquals("waitStarted w-1", lines.get(0));
    assertEquals("waitEnded w-1", lines.get(lines.size() - 1));
    List<String> polls = events.lines("waitPolled");
    assertTrue(polls.size() >= 2, lines.toString());
    assertTrue(
        polls.get(polls.size() - 1).toLowerCase(java.util.Locale.ROOT).endsWith("running/running"),
        polls.toString());
    WaitEvent wait = events.events(WaitEvent.class).get(0);
    assertNull(wait.parent());
    assertNull(wait.error());
    assertEquals(polls.size(), wait.polls());
    List<CallEvent> reads = events.events(CallEvent.class);
    assertEquals(2 * polls.size(), reads.size(), "each poll a call, told at start and end");
    for (CallEvent read : reads) {
      assertEquals("nodes.get", read.operation());
      assertSame(wait, read.parent());
    }
  }

  @Test
  void aFleetTellsEachNodeAndItsWriteAndWaitAreTheNodesChildren() {
    create("f-1", "f-2", "f-3");
    for (String name : Arrays.asList("f-1", "f-2", "f-3")) {
      client.waiters().waitUntilRunning(name);
    }
    events.lines.clear();
    events.events.clear();

    List<FleetResult<com.sfcompute.nodes.model.Node>> results =
        client
            .fleet()
            .redeploy(
                Arrays.asList("f-1", "f-2", "f-3"),
                RedeployParams.builder().build(),
                FleetOptions.builder().waitForRedeploy().build());

    assertTrue(results.stream().allMatch(FleetResult::isSuccess), results.toString());
    List<String> lines = events.lines();
    assertEquals("fleetStarted fleet.redeploy 3", lines.get(0));
    assertEquals("fleetEnded fleet.redeploy 3/3", lines.get(lines.size() - 1));
    assertEquals(3, events.lines("fleetNodeStarted").size());
    assertEquals(3, events.lines("fleetNodeEnded").size());
    assertTrue(events.lines("fleetNodeEnded").stream().allMatch(l -> l.endsWith("SUCCEEDED")));
    FleetEvent fleet = events.events(FleetEvent.class).get(0);
    int redeploys = 0;
    for (CallEvent call : events.events(CallEvent.class)) {
      if (call.operation().equals("nodes.redeploy")) {
        redeploys++;
        FleetNodeEvent node = assertInstanceOf(FleetNodeEvent.class, call.parent());
        assertSame(fleet, node.fleet());
        assertEquals(node.idempotencyKey(), call.idempotencyKey());
      } else if (call.operation().equals("nodes.list")) {
        // The bulk read before the writes, and the polls shared by the nodes' waits.
        assertSame(fleet, call.parent(), RecordingListener.describe(call));
      }
    }
    assertEquals(6, redeploys, "three writes, each told at start and end");
    for (WaitEvent wait : events.events(WaitEvent.class)) {
      FleetNodeEvent node = assertInstanceOf(FleetNodeEvent.class, wait.parent());
      assertSame(fleet, node.parent());
    }
  }
}
