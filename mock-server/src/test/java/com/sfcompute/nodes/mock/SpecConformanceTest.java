package com.sfcompute.nodes.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.sfcompute.nodes.mock.junit5.MockNodesServerExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every operation's answers against the spec. {@link Api} checks every answer of every test; this
 * test walks all fifteen operations in one go, in both VM status spellings, and shows the check has
 * teeth.
 */
class SpecConformanceTest {
  static final MockClock CLOCK = MockClock.create();

  @RegisterExtension
  static final MockNodesServerExtension MOCK =
      MockNodesServerExtension.builder()
          .server(MockNodesServer.builder().clock(CLOCK).transitionDelay(Duration.ofSeconds(1)))
          .build();

  @Test
  void allFifteenOperationsAnswerAsTheSpecSays() {
    walkEveryOperation(new Api(MOCK.server()), MOCK.server());
    assertEquals(15, MOCK.server().counters().requestsByRoute().size());
  }

  @Test
  void lowerCaseVmStatusesConformToo() {
    try (MockNodesServer lower =
        MockNodesServer.builder()
            .clock(CLOCK)
            .transitionDelay(Duration.ofSeconds(1))
            .vmStatusCase(VmStatusCase.LOWER)
            .scriptForm(ScriptForm.BYTES)
            .start()) {
      walkEveryOperation(new Api(lower), lower);
    }
  }

  private static void walkEveryOperation(Api api, MockNodesServer server) {
    api.get("/v0/zones").expect(200);
    api.get("/v0/zones/hayesvalley").expect(200);
    api.get("/v1/vms/images").expect(200);
    api.get("/v1/vms/images/" + MockNodesServer.DEFAULT_IMAGE.imageId()).expect(200);
    api.post("/v0/vms/script", "{\"script\":\"echo hi\"}").expect(200);
    api.get("/v0/vms/script").expect(200);

    JsonObject auto = Nodes.create(api, "conform-auto");
    JsonObject reserved = Nodes.createReserved(api, server, "conform-reserved");
    String vm = Nodes.currentVmId(auto);
    api.get("/v0/vms/ssh?vm_id=" + vm).expect(200);
    CLOCK.advance(Duration.ofSeconds(1));
    api.get("/v0/vms/ssh?vm_id=" + vm).expect(200);
    api.get("/v0/vms/logs2?instance_id=" + vm + "&order_by=seqnum_desc&limit=2").expect(200);
    api.get("/v1/nodes").expect(200);
    api.get("/v1/nodes/conform-auto").expect(200);
    api.put("/v1/nodes/conform-auto/redeploy", "{\"override_empty\":true}").expect(200);
    api.patch(
            "/v1/nodes/conform-reserved/extend",
            "{\"duration_seconds\":3600,\"max_price_per_node_hour\":1}")
        .expect(200);
    api.patch("/v1/nodes/conform-auto/release", null).expect(200);
    api.patch("/v1/nodes/conform-auto/release", null).expect(409);
    api.delete("/v1/nodes/conform-reserved").expect(422);
    server.state().terminateNode(reserved.get("id").getAsString());
    api.delete("/v1/nodes/conform-reserved").expect(204);
    server.state().failNode("conform-auto");
    api.get("/v1/nodes/conform-auto").expect(200);
  }

  @Test
  void theResponseCheckCatchesAnAnswerThatBreaksTheSpec() {
    List<String> problems =
        SpecValidator.get(true)
            .checkResponse(
                "GET", "/v1/nodes/n_1", 200, "application/json", "{\"object\":\"node\",\"id\":1}");
    assertFalse(problems.isEmpty());
    assertTrue(problems.toString().contains("required"), problems.toString());
  }
}
