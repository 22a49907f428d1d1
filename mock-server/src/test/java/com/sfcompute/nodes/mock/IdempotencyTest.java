package com.sfcompute.nodes.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonObject;
import com.sfcompute.nodes.mock.junit5.MockNodesServerExtension;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IdempotencyTest {
  static final String CREATE =
      "{\"desired_count\":1,\"max_price_per_node_hour\":1000,\"zone\":\"hayesvalley\"}";

  @RegisterExtension
  static final MockNodesServerExtension MOCK =
      MockNodesServerExtension.builder()
          .server(MockNodesServer.builder().transitionDelay(Duration.ZERO))
          .build();

  private Api api() {
    return new Api(MOCK.server());
  }

  @Test
  void sameKeyAndBodyReplaysTheFirstAnswerAndActsOnce() {
    Api.Answer first = api().post("/v1/nodes", CREATE, "Idempotency-Key", "k-1").expect(201);
    Api.Answer second = api().post("/v1/nodes", CREATE, "Idempotency-Key", "k-1").expect(201);

    assertEquals(first.body, second.body);
    assertNull(first.header("Idempotent-Replayed"));
    assertEquals("true", second.header("Idempotent-Replayed"));
    assertEquals(1, MOCK.server().counters().creates());
    assertEquals(1, MOCK.server().counters().idempotentReplays());
    assertEquals(1, api().get("/v1/nodes").json().getAsJsonArray("data").size());
  }

  @Test
  void jsonBodiesCompareAsValuesNotText() {
    api().post("/v1/nodes", CREATE, "Idempotency-Key", "k-2").expect(201);
    String reordered =
        "{ \"zone\": \"hayesvalley\", \"max_price_per_node_hour\": 1000, \"desired_count\": 1 }";
    api().post("/v1/nodes", reordered, "Idempotency-Key", "k-2").expect(201);
    assertEquals(1, MOCK.server().counters().creates());
  }

  @Test
  void sameKeyWithAnotherBodyIs422IdempotencyError() {
    api().post("/v1/nodes", CREATE, "Idempotency-Key", "k-3").expect(201);
    JsonObject error =
        api()
            .post("/v1/nodes", CREATE.replace("1000", "2000"), "Idempotency-Key", "k-3")
            .error(422, "idempotency_error");
    assertEquals(Arrays.asList("Idempotency-Key"), Api.Answer.fields(error));
    assertEquals(1, MOCK.server().counters().creates());
  }

  @Test
  void sameKeyOnAnotherRouteIs422() {
    JsonObject node =
        api()
            .post("/v1/nodes", CREATE, "Idempotency-Key", "k-4")
            .json()
            .getAsJsonArray("data")
            .get(0)
            .getAsJsonObject();
    api()
        .put(
            "/v1/nodes/" + node.get("id").getAsString() + "/redeploy",
            CREATE,
            "Idempotency-Key",
            "k-4")
        .error(
            400,
            "invalid_request_error"); // The spec refuses that body before the key is looked at.
    api()
        .put(
            "/v1/nodes/" + node.get("id").getAsString() + "/redeploy",
            "{}",
            "Idempotency-Key",
            "k-4")
        .error(422, "idempotency_error");
    assertEquals(0, MOCK.server().counters().redeploys());
  }

  @Test
  void refusalsByTheActionAreReplayedToo() {
    JsonObject node =
        api().post("/v1/nodes", CREATE).json().getAsJsonArray("data").get(0).getAsJsonObject();
    String path = "/v1/nodes/" + node.get("id").getAsString() + "/release";
    api().patch(path, null, "Idempotency-Key", "r-1").expect(200);
    // A second release with the same key gets the first success, not 409.
    api().patch(path, null, "Idempotency-Key", "r-1").expect(200);
    // A new key is a new release: the node is already released.
    api().patch(path, null, "Idempotency-Key", "r-2").error(409, "conflict");
    assertEquals(1, MOCK.server().counters().releases());
  }

  @Test
  void aRequestRefusedByTheSpecDoesNotTakeTheKey() {
    api().post("/v1/nodes", "{}", "Idempotency-Key", "k-5").error(400, "invalid_request_error");
    api().post("/v1/nodes", CREATE, "Idempotency-Key", "k-5").expect(201);
    assertEquals(1, MOCK.server().counters().creates());
  }

  @Test
  void deleteReplaysItsEmpty204() {
    JsonObject node =
        api().post("/v1/nodes", CREATE).json().getAsJsonArray("data").get(0).getAsJsonObject();
    MOCK.server().state().terminateNode(node.get("id").getAsString());
    String path = "/v1/nodes/" + node.get("id").getAsString();
    api().delete(path, "Idempotency-Key", "d-1").expect(204);
    api().delete(path, "Idempotency-Key", "d-1").expect(204);
    assertEquals(1, MOCK.server().counters().deletes());
  }
}
