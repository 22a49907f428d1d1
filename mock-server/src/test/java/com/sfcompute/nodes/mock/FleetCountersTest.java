package com.sfcompute.nodes.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.sfcompute.nodes.mock.junit5.MockNodesServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a fleet test asserts: redeploys per node, nodes out of service at once, boot times. */
class FleetCountersTest {
  static final MockClock CLOCK = MockClock.create();
  static final Duration BOOT = Duration.ofSeconds(3);

  @RegisterExtension
  static final MockNodesServerExtension MOCK =
      MockNodesServerExtension.builder()
          .server(MockNodesServer.builder().clock(CLOCK).transitionDelay(BOOT))
          .build();

  private static Api api() {
    return new Api(MOCK.server());
  }

  /** Creates {@code count} nodes, lets them boot, and forgets the creation in the counters. */
  private static List<String> runningNodes(int count) {
    JsonArray data =
        api()
            .post(
                "/v1/nodes",
                "{\"desired_count\":"
                    + count
                    + ",\"max_price_per_node_hour\":1000,\"zone\":\"hayesvalley\"}")
            .expect(201)
            .json()
            .getAsJsonArray("data");
    List<String> ids = new ArrayList<>();
    for (JsonElement node : data) {
      ids.add(node.getAsJsonObject().get("id").getAsString());
    }
    CLOCK.advance(BOOT);
    MOCK.server().counters().reset();
    return ids;
  }

  private static void redeploy(String id) {
    api().put("/v1/nodes/" + id + "/redeploy", "{}").expect(200);
  }

  private static String vmStatus(String id) {
    return api()
        .get("/v1/nodes/" + id)
        .expect(200)
        .json()
        .getAsJsonObject("current_vm")
        .get("status")
        .getAsString();
  }

  @Test
  void redeployedVmBootsForTheTransitionDelay() {
    String id = runningNodes(1).get(0);
    redeploy(id);
    CLOCK.advance(BOOT.minusMillis(1));
    assertEquals("Pending", vmStatus(id));
    CLOCK.advance(Duration.ofMillis(1));
    assertEquals("Running", vmStatus(id));
  }

  @Test
  void bootOfMinutes() {
    try (MockNodesServer slow =
        MockNodesServer.builder().clock(CLOCK).transitionDelay(Duration.ofMinutes(5)).start()) {
      Api api = new Api(slow);
      String id = Nodes.create(api, "slow").get("id").getAsString();
      CLOCK.advance(Duration.ofMinutes(5));
      api.put("/v1/nodes/" + id + "/redeploy", "{}").expect(200);
      CLOCK.advance(Duration.ofMinutes(4));
      assertEquals(1, slow.counters().maxOutOfService());
      String status =
          api.get("/v1/nodes/" + id)
              .json()
              .getAsJsonObject("current_vm")
              .get("status")
              .getAsString();
      assertEquals("Pending", status);
    }
  }

  @Test
  void overlappingRedeploysCountAtTheirPeak() {
    List<String> ids = runningNodes(4);
    redeploy(ids.get(0)); // t = 0: a out until 3
    CLOCK.advance(Duration.ofSeconds(1));
    redeploy(ids.get(1)); // t = 1: b out until 4
    CLOCK.advance(Duration.ofSeconds(1));
    redeploy(ids.get(2)); // t = 2: c out until 5; three out at once
    CLOCK.advance(Duration.ofSeconds(3));
    redeploy(ids.get(3)); // t = 5: c is back at this instant, so d makes one, not two
    CLOCK.advance(Duration.ofSeconds(10));

    assertEquals(3, MOCK.server().counters().maxOutOfService());
    Map<String, Integer> once = new HashMap<>();
    ids.forEach(id -> once.put(id, 1));
    assertEquals(once, MOCK.server().counters().redeploysByNode());
  }

  @Test
  void nodeRedeployedAgainWhileBootingIsOutOfServiceOnce() {
    List<String> ids = runningNodes(2);
    redeploy(ids.get(0)); // t = 0: out until 3
    CLOCK.advance(Duration.ofSeconds(2));
    redeploy(ids.get(0)); // t = 2: still out, now until 5
    CLOCK.advance(Duration.ofSeconds(2));
    redeploy(ids.get(1)); // t = 4: two out

    assertEquals(2, MOCK.server().counters().redeploys(ids.get(0)));
    assertEquals(1, MOCK.server().counters().redeploys(ids.get(1)));
    assertEquals(3, MOCK.server().counters().redeploys());
    assertEquals(2, MOCK.server().counters().maxOutOfService());
  }

  @Test
  void redeploysOneAfterAnotherNeverOverlap() {
    List<String> ids = runningNodes(3);
    for (String id : ids) {
      redeploy(id);
      CLOCK.advance(BOOT);
    }
    assertEquals(1, MOCK.server().counters().maxOutOfService());
    assertEquals(0, MOCK.server().counters().redeploys("n_none"));
  }

  @Test
  void listOfAHundredIdsAmongAThousandNodes() {
    List<String> ids = runningNodes(1000);
    StringBuilder query = new StringBuilder();
    List<String> wanted = new ArrayList<>();
    for (int i = 0; i < 1000; i += 10) {
      wanted.add(ids.get(i));
      query.append(query.length() == 0 ? "?" : "&").append("id=").append(ids.get(i));
    }

    JsonArray data = api().get("/v1/nodes" + query).expect(200).json().getAsJsonArray("data");

    List<String> listed = new ArrayList<>();
    for (JsonElement node : data) {
      listed.add(node.getAsJsonObject().get("id").getAsString());
    }
    assertEquals(wanted, listed);
  }
}
