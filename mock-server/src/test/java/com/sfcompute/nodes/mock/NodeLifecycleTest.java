package com.sfcompute.nodes.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sfcompute.nodes.mock.junit5.MockNodesServerExtension;
import com.sfcompute.nodes.model.Node;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NodeLifecycleTest {
  static final MockClock CLOCK = MockClock.create();

  @RegisterExtension
  static final MockNodesServerExtension MOCK =
      MockNodesServerExtension.builder()
          .server(
              MockNodesServer.builder().clock(CLOCK).transitionDelay(Duration.ofSeconds(2)).seed(7))
          .build();

  private Api api() {
    return new Api(MOCK.server());
  }

  @Test
  void createAnswers201WithPendingNodesAndPendingVms() {
    JsonObject created =
        api()
            .post(
                "/v1/nodes",
                "{\"desired_count\":2,\"max_price_per_node_hour\":1600,\"zone\":\"hayesvalley\"}")
            .expect(201)
            .json();
    assertEquals("list", created.get("object").getAsString());
    JsonArray data = created.getAsJsonArray("data");
    assertEquals(2, data.size());
    for (int i = 0; i < 2; i++) {
      JsonObject node = data.get(i).getAsJsonObject();
      assertEquals("pending", Nodes.status(node));
      assertEquals("Pending", node.getAsJsonObject("current_vm").get("status").getAsString());
    }
    assertEquals(1, MOCK.server().counters().creates());
    assertEquals(2, MOCK.server().counters().nodesCreated());
  }

  @Test
  void nodeAndVmRunOnceTheClockPassesTheTransitionDelay() {
    JsonObject node = Nodes.create(api(), "lifecycle");
    CLOCK.advance(Duration.ofMillis(1999));
    assertEquals("pending", Nodes.status(api().get("/v1/nodes/lifecycle").expect(200).json()));

    CLOCK.advance(Duration.ofMillis(1));
    JsonObject running = api().get("/v1/nodes/" + node.get("id").getAsString()).expect(200).json();
    assertEquals("running", Nodes.status(running));
    assertEquals("Running", running.getAsJsonObject("current_vm").get("status").getAsString());
    assertTrue(
        running.get("updated_at").getAsLong() > running.get("created_at").getAsLong(),
        "updated_at moves with the transition");
  }

  @Test
  void autoreservedNodeIsFilledLikeTheRealApi() {
    long now = CLOCK.millis() / 1000;
    JsonObject node = Nodes.create(api(), "realistic");
    assertTrue(node.get("id").getAsString().matches("n_[0-9a-f]{16}"), node.toString());
    assertEquals("node", node.get("object").getAsString());
    assertEquals("realistic", node.get("name").getAsString());
    assertEquals("sfcompute", node.get("owner").getAsString());
    assertEquals("H100", node.get("gpu_type").getAsString());
    assertEquals("hayesvalley", node.get("zone").getAsString());
    assertEquals("autoreserved", node.get("node_type").getAsString());
    assertTrue(node.get("procurement_id").getAsString().matches("proc_[0-9a-f]{16}"));
    assertEquals(now, node.get("created_at").getAsLong(), "Unix seconds");
    assertEquals(1000, node.get("max_price_per_node_hour").getAsLong());
    JsonObject vm = node.getAsJsonObject("current_vm");
    assertTrue(vm.get("id").getAsString().matches("vm_[0-9A-Za-z]{21}"), vm.toString());
    assertEquals(vm, node.getAsJsonObject("vms").getAsJsonArray("data").get(0));
  }

  @Test
  void endAtMakesAReservedNodeWithoutProcurement() {
    JsonObject node = Nodes.createReserved(api(), MOCK.server(), "reserved-one");
    assertEquals("reserved", node.get("node_type").getAsString());
    assertTrue(node.get("procurement_id").isJsonNull());
    assertEquals(0, node.get("end_at").getAsLong() % 3600);
  }

  @Test
  void nodeTypeReservedWithoutEndAtIsRefusedNamingEndAt() {
    JsonObject error =
        api()
            .post(
                "/v1/nodes",
                "{\"desired_count\":1,\"max_price_per_node_hour\":1,\"node_type\":\"reserved\"}")
            .error(400, "invalid_request_error");
    assertEquals(Arrays.asList("end_at"), Api.Answer.fields(error));
  }

  @Test
  void autoreservedNodeNeedsAZoneUnlessAnyZone() {
    JsonObject error =
        api()
            .post("/v1/nodes", "{\"desired_count\":1,\"max_price_per_node_hour\":1}")
            .error(400, "invalid_request_error");
    assertEquals(Arrays.asList("zone"), Api.Answer.fields(error));

    JsonObject anywhere =
        api()
            .post(
                "/v1/nodes",
                "{\"desired_count\":1,\"max_price_per_node_hour\":1,\"any_zone\":true}")
            .expect(201)
            .json();
    assertEquals(
        "hayesvalley",
        anywhere.getAsJsonArray("data").get(0).getAsJsonObject().get("zone").getAsString());
  }

  @Test
  void unknownZoneIsRefusedNamingZone() {
    JsonObject error =
        api()
            .post(
                "/v1/nodes",
                "{\"desired_count\":1,\"max_price_per_node_hour\":1,\"zone\":\"atlantis\"}")
            .error(400, "invalid_request_error");
    assertEquals(Arrays.asList("zone"), Api.Answer.fields(error));
  }

  @Test
  void duplicateNameIsAConflictNamingTheEntry() {
    Nodes.create(api(), "taken");
    JsonObject error = api().post("/v1/nodes", Nodes.createBody("taken")).error(409, "conflict");
    assertEquals(Arrays.asList("names[0]"), Api.Answer.fields(error));
  }

  @Test
  void namesWithIdPrefixesAreRefused() {
    JsonObject error =
        api().post("/v1/nodes", Nodes.createBody("n_mine")).error(400, "invalid_request_error");
    assertEquals(Arrays.asList("names[0]"), Api.Answer.fields(error));
  }

  @Test
  void everyNodeRouteTakesANameAsWellAsAnId() {
    JsonObject node = Nodes.create(api(), "by-name");
    String id = node.get("id").getAsString();
    assertEquals(id, api().get("/v1/nodes/by-name").expect(200).json().get("id").getAsString());
    CLOCK.advance(Duration.ofSeconds(2));
    assertEquals(
        id,
        api().put("/v1/nodes/by-name/redeploy", "{}").expect(200).json().get("id").getAsString());
    assertEquals(
        "released",
        Nodes.status(api().patch("/v1/nodes/by-name/release", null).expect(200).json()));
    MOCK.server().state().terminateNode("by-name");
    api().delete("/v1/nodes/by-name").expect(204);
    api().get("/v1/nodes/" + id).error(404, "not_found");
  }

  @Test
  void listFiltersByIdNameOrTypeButNotTogether() {
    JsonObject a = Nodes.create(api(), "list-a");
    Nodes.create(api(), "list-b");
    Nodes.createReserved(api(), MOCK.server(), "list-c");

    assertEquals(3, api().get("/v1/nodes").expect(200).json().getAsJsonArray("data").size());
    JsonArray byId =
        api()
            .get("/v1/nodes?id=" + a.get("id").getAsString())
            .expect(200)
            .json()
            .getAsJsonArray("data");
    assertEquals(1, byId.size());
    JsonArray byName =
        api().get("/v1/nodes?name=list-a&name=list-c").expect(200).json().getAsJsonArray("data");
    assertEquals(2, byName.size());
    JsonArray reserved =
        api().get("/v1/nodes?type=reserved").expect(200).json().getAsJsonArray("data");
    assertEquals(1, reserved.size());

    JsonObject error =
        api().get("/v1/nodes?name=list-a&type=reserved").error(400, "invalid_request_error");
    assertEquals(Arrays.asList("type"), Api.Answer.fields(error));
  }

  @Test
  void lowerCaseVmStatusesWhenConfigured() {
    try (MockNodesServer lower =
        MockNodesServer.builder()
            .vmStatusCase(VmStatusCase.LOWER)
            .transitionDelay(Duration.ZERO)
            .start()) {
      JsonObject node = Nodes.create(new Api(lower), "lower");
      assertEquals("running", node.getAsJsonObject("current_vm").get("status").getAsString());
    }
  }

  @Test
  void javaApiSeesNodesAsTheApiAnswersThem() {
    JsonObject created = Nodes.create(api(), "java-view");
    Node node = MOCK.server().state().node("java-view");
    assertNotNull(node);
    assertEquals(created.get("id").getAsString(), node.getId());
    assertEquals("pending", node.getStatus());
    assertEquals(Nodes.currentVmId(created), node.getCurrentVm().getId());
    assertEquals(1, MOCK.server().state().nodes().size());
  }

  @Test
  void failedNodeShowsNodeFailure() {
    Nodes.create(api(), "doomed");
    MOCK.server().state().failNode("doomed");
    JsonObject node = api().get("/v1/nodes/doomed").expect(200).json();
    assertEquals("failed", Nodes.status(node));
    assertEquals("NodeFailure", node.getAsJsonObject("current_vm").get("status").getAsString());
  }
}
