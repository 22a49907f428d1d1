package com.sfcompute.nodes.mock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sfcompute.nodes.mock.junit5.MockNodesServerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedeployTest {
  static final MockClock CLOCK = MockClock.create();
  static final String IMAGE = MockNodesServer.DEFAULT_IMAGE.imageId();
  static final String OTHER_IMAGE = "vmi_0000000000000002";

  @RegisterExtension
  static final MockNodesServerExtension MOCK =
      MockNodesServerExtension.builder()
          .server(
              MockNodesServer.builder()
                  .clock(CLOCK)
                  .transitionDelay(Duration.ofMillis(50))
                  .images(
                      MockNodesServer.DEFAULT_IMAGE, MockImage.of(OTHER_IMAGE, "debian-12-cuda")))
          .build();

  private Api api() {
    return new Api(MOCK.server());
  }

  /** A running node created with image {@link #IMAGE} and user data "hello world". */
  private JsonObject runningNode(String name) {
    api()
        .post(
            "/v1/nodes",
            "{\"desired_count\":1,\"max_price_per_node_hour\":1000,\"zone\":\"hayesvalley\","
                + "\"names\":[\""
                + name
                + "\"],\"image_id\":\""
                + IMAGE
                + "\",\"cloud_init_user_data\":\""
                + Nodes.HELLO_B64
                + "\"}")
        .expect(201);
    CLOCK.advance(Duration.ofMillis(50));
    JsonObject node = api().get("/v1/nodes/" + name).expect(200).json();
    assertEquals("running", Nodes.status(node));
    return node;
  }

  @Test
  void redeployWithEmptyBodyInheritsImageAndUserData() {
    JsonObject before = runningNode("inherit");
    String oldVm = Nodes.currentVmId(before);

    JsonObject after = api().put("/v1/nodes/inherit/redeploy", "{}").expect(200).json();

    String newVm = Nodes.currentVmId(after);
    assertNotEquals(oldVm, newVm);
    assertEquals(IMAGE, after.getAsJsonObject("current_vm").get("image_id").getAsString());
    assertArrayEquals(
        "hello world".getBytes(StandardCharsets.UTF_8), MOCK.server().state().userDataOf(newVm));
  }

  @Test
  void overrideEmptyClearsImageAndUserDataLeftOut() {
    runningNode("clear");
    JsonObject after =
        api().put("/v1/nodes/clear/redeploy", "{\"override_empty\":true}").expect(200).json();
    assertTrue(after.getAsJsonObject("current_vm").get("image_id").isJsonNull());
    assertNull(MOCK.server().state().userDataOf(Nodes.currentVmId(after)));
  }

  @Test
  void givenValuesReplaceTheCurrentOnesWhateverOverrideEmpty() {
    runningNode("replace");
    String script = "IyEvYmluL3NoCmVjaG8gaGk="; // "#!/bin/sh\necho hi"
    JsonObject after =
        api()
            .put(
                "/v1/nodes/replace/redeploy",
                "{\"image_id\":\""
                    + OTHER_IMAGE
                    + "\",\"cloud_init_user_data\":\""
                    + script
                    + "\",\"override_empty\":true}")
            .expect(200)
            .json();
    assertEquals(OTHER_IMAGE, after.getAsJsonObject("current_vm").get("image_id").getAsString());
    assertEquals(
        "#!/bin/sh\necho hi",
        new String(
            MOCK.server().state().userDataOf(Nodes.currentVmId(after)), StandardCharsets.UTF_8));
  }

  @Test
  void oldVmIsDestroyedAndStaysListedWhileTheNewOneBoots() {
    JsonObject before = runningNode("swap");
    String oldVm = Nodes.currentVmId(before);
    CLOCK.advance(Duration.ofSeconds(10));

    JsonObject after = api().put("/v1/nodes/swap/redeploy", "{}").expect(200).json();

    assertEquals("running", Nodes.status(after), "the node stays running during a redeploy");
    JsonArray vms = after.getAsJsonObject("vms").getAsJsonArray("data");
    assertEquals(2, vms.size());
    JsonObject old = vms.get(0).getAsJsonObject();
    assertEquals(oldVm, old.get("id").getAsString());
    assertEquals("Destroyed", old.get("status").getAsString());
    JsonObject current = after.getAsJsonObject("current_vm");
    assertEquals(vms.get(1), current);
    assertEquals("Pending", current.get("status").getAsString());

    CLOCK.advance(Duration.ofMillis(50));
    JsonObject later = api().get("/v1/nodes/swap").expect(200).json();
    assertEquals("Running", later.getAsJsonObject("current_vm").get("status").getAsString());
    assertEquals(1, MOCK.server().counters().redeploys());
  }

  @Test
  void redeployingAPendingNodeIs422() {
    api().post("/v1/nodes", Nodes.createBody("not-yet")).expect(201);
    JsonObject error =
        api().put("/v1/nodes/not-yet/redeploy", "{}").error(422, "unprocessable_entity");
    assertEquals("Node is not running", error.get("message").getAsString());
    assertEquals(
        "invalid_state",
        error.getAsJsonArray("details").get(0).getAsJsonObject().get("code").getAsString());
    assertEquals(0, MOCK.server().counters().redeploys());
  }

  @Test
  void redeployingAReleasedNodeIs422() {
    runningNode("gone");
    api().patch("/v1/nodes/gone/release", null).expect(200);
    api().put("/v1/nodes/gone/redeploy", "{}").error(422, "unprocessable_entity");
  }

  @Test
  void redeployingAnUnknownNodeIs404() {
    api().put("/v1/nodes/nobody/redeploy", "{}").error(404, "not_found");
  }

  @Test
  void unknownImageIsRefusedNamingImageId() {
    runningNode("bad-image");
    JsonObject error =
        api()
            .put("/v1/nodes/bad-image/redeploy", "{\"image_id\":\"vmi_nope\"}")
            .error(400, "invalid_request_error");
    assertEquals(Arrays.asList("image_id"), Api.Answer.fields(error));
  }
}
