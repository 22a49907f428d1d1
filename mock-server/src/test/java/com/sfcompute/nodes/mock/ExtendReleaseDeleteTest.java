package com.sfcompute.nodes.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.sfcompute.nodes.mock.junit5.MockNodesServerExtension;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExtendReleaseDeleteTest {
  static final MockClock CLOCK = MockClock.create();

  @RegisterExtension
  static final MockNodesServerExtension MOCK =
      MockNodesServerExtension.builder()
          .server(MockNodesServer.builder().clock(CLOCK).transitionDelay(Duration.ZERO))
          .build();

  private Api api() {
    return new Api(MOCK.server());
  }

  @Test
  void extendMovesAReservedNodesEndAtByTheDuration() {
    JsonObject node = Nodes.createReserved(api(), MOCK.server(), "extend-me");
    long endAt = node.get("end_at").getAsLong();
    JsonObject extended =
        api()
            .patch(
                "/v1/nodes/extend-me/extend",
                "{\"duration_seconds\":7200,\"max_price_per_node_hour\":1000}")
            .expect(200)
            .json();
    assertEquals(endAt + 7200, extended.get("end_at").getAsLong());
    assertEquals(endAt + 7200, extended.getAsJsonObject("current_vm").get("end_at").getAsLong());
    assertEquals(1, MOCK.server().counters().extensions());
  }

  @Test
  void extendByLessThanAnHourOrNotWholeHoursIs400NamingDurationSeconds() {
    Nodes.createReserved(api(), MOCK.server(), "odd");
    for (String duration : new String[] {"1800", "5400", "-3600"}) {
      JsonObject error =
          api()
              .patch(
                  "/v1/nodes/odd/extend",
                  "{\"duration_seconds\":" + duration + ",\"max_price_per_node_hour\":1000}")
              .error(400, "invalid_request_error");
      assertTrue(Api.Answer.fields(error).contains("duration_seconds"), error.toString());
    }
    assertEquals(0, MOCK.server().counters().extensions());
  }

  @Test
  void extendingAnAutoreservedNodeIs422() {
    Nodes.create(api(), "auto");
    api()
        .patch("/v1/nodes/auto/extend", "{\"duration_seconds\":3600,\"max_price_per_node_hour\":1}")
        .error(422, "unprocessable_entity");
  }

  @Test
  void releaseMarksTheNodeReleasedAndEndsItAtTheNextHour() {
    Nodes.create(api(), "release-me");
    JsonObject released = api().patch("/v1/nodes/release-me/release", null).expect(200).json();
    assertEquals("released", Nodes.status(released));
    long endAt = released.get("end_at").getAsLong();
    assertEquals(0, endAt % 3600);
    assertEquals(1, MOCK.server().counters().releases());

    CLOCK.advance(Duration.ofHours(1));
    JsonObject ended = api().get("/v1/nodes/release-me").expect(200).json();
    assertEquals("terminated", Nodes.status(ended));
    assertEquals("Destroyed", ended.getAsJsonObject("current_vm").get("status").getAsString());
  }

  @Test
  void releasingTwiceIs409() {
    Nodes.create(api(), "twice");
    api().patch("/v1/nodes/twice/release", null).expect(200);
    JsonObject error = api().patch("/v1/nodes/twice/release", null).error(409, "conflict");
    assertEquals("Node already released", error.get("message").getAsString());
    assertEquals(1, MOCK.server().counters().releases());
  }

  @Test
  void releasingAReservedNodeIs422() {
    Nodes.createReserved(api(), MOCK.server(), "fixed");
    api().patch("/v1/nodes/fixed/release", null).error(422, "unprocessable_entity");
  }

  @Test
  void deleteIsRefusedWith422WhileAVmIsRunning() {
    Nodes.create(api(), "busy");
    JsonObject error = api().delete("/v1/nodes/busy").error(422, "unprocessable_entity");
    assertEquals(
        "node_has_active_vms",
        error.getAsJsonArray("details").get(0).getAsJsonObject().get("code").getAsString());
    api().get("/v1/nodes/busy").expect(200);
    assertEquals(0, MOCK.server().counters().deletes());
  }

  @Test
  void reservedNodeEndsAtEndAtThenDeletesWith204AndIsGone() {
    JsonObject node = Nodes.createReserved(api(), MOCK.server(), "ends");
    CLOCK.advance(Duration.ofHours(2));
    assertEquals("terminated", Nodes.status(api().get("/v1/nodes/ends").expect(200).json()));

    Api.Answer deleted = api().delete("/v1/nodes/" + node.get("id").getAsString()).expect(204);
    assertEquals("", deleted.body);
    api().get("/v1/nodes/ends").error(404, "not_found");
    api().get("/v0/vms/ssh?vm_id=" + Nodes.currentVmId(node)).error(404, "not_found");
    assertEquals(1, MOCK.server().counters().deletes());
  }

  @Test
  void deletingAnUnknownNodeIs404() {
    api().delete("/v1/nodes/nothing-here").error(404, "not_found");
  }

  @Test
  void extendingATerminatedNodeIs422NamingItsState() {
    Nodes.createReserved(api(), MOCK.server(), "over");
    MOCK.server().state().terminateNode("over");
    JsonObject error =
        api()
            .patch(
                "/v1/nodes/over/extend",
                "{\"duration_seconds\":3600,\"max_price_per_node_hour\":1}")
            .error(422, "unprocessable_entity");
    assertEquals(Arrays.asList((String) null), Api.Answer.fields(error));
  }
}
