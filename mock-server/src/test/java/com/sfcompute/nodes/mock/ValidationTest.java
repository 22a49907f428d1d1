package com.sfcompute.nodes.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.sfcompute.nodes.mock.junit5.MockNodesServerExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ValidationTest {
  @RegisterExtension
  static final MockNodesServerExtension MOCK =
      MockNodesServerExtension.builder()
          .server(MockNodesServer.builder().transitionDelay(Duration.ZERO))
          .build();

  private Api api() {
    return new Api(MOCK.server());
  }

  @Test
  void missingRequiredFieldsAreEachNamed() {
    JsonObject error = api().post("/v1/nodes", "{}").error(400, "invalid_request_error");
    assertEquals(
        Arrays.asList("desired_count", "max_price_per_node_hour"), Api.Answer.fields(error));
    assertEquals(
        "missing_field",
        error.getAsJsonArray("details").get(0).getAsJsonObject().get("code").getAsString());
  }

  @Test
  void wrongTypeIsNamedDownToTheArrayEntry() {
    JsonObject error =
        api()
            .post(
                "/v1/nodes",
                "{\"desired_count\":\"one\",\"max_price_per_node_hour\":1,\"names\":[\"a\",5]}")
            .error(400, "invalid_request_error");
    List<String> fields = Api.Answer.fields(error);
    assertTrue(fields.contains("desired_count"), fields.toString());
    assertTrue(fields.contains("names[1]"), fields.toString());
  }

  @Test
  void invalidBase64UserDataIsNamed() {
    JsonObject error =
        api()
            .post(
                "/v1/nodes",
                "{\"desired_count\":1,\"max_price_per_node_hour\":1,\"any_zone\":true,"
                    + "\"cloud_init_user_data\":\"not base64!\"}")
            .error(400, "invalid_request_error");
    assertEquals(Arrays.asList("cloud_init_user_data"), Api.Answer.fields(error));
  }

  @Test
  void endAtOffTheHourIsNamed() {
    JsonObject error =
        api()
            .post(
                "/v1/nodes",
                "{\"desired_count\":1,\"max_price_per_node_hour\":1,\"end_at\":1738976401}")
            .error(400, "invalid_request_error");
    assertEquals(Arrays.asList("end_at"), Api.Answer.fields(error));
  }

  @Test
  void badEnumInABodyIsNamed() {
    JsonObject error =
        api()
            .post(
                "/v1/nodes",
                "{\"desired_count\":1,\"max_price_per_node_hour\":1,\"node_type\":\"spot\"}")
            .error(400, "invalid_request_error");
    assertEquals(Arrays.asList("node_type"), Api.Answer.fields(error));
  }

  @Test
  void unknownBodyFieldIsRefusedByDefault() {
    JsonObject error =
        api()
            .put("/v1/nodes/x/redeploy", "{\"overrideEmpty\":true}")
            .error(400, "invalid_request_error");
    assertEquals(Arrays.asList("overrideEmpty"), Api.Answer.fields(error));
    assertEquals(
        "unknown_field",
        error.getAsJsonArray("details").get(0).getAsJsonObject().get("code").getAsString());
  }

  @Test
  void unknownFieldsPassWhenTheServerIsLenient() {
    try (MockNodesServer lenient =
        MockNodesServer.builder()
            .rejectUnknownFields(false)
            .transitionDelay(Duration.ZERO)
            .start()) {
      new Api(lenient)
          .post(
              "/v1/nodes",
              "{\"desired_count\":1,\"max_price_per_node_hour\":1,\"any_zone\":true,\"x\":1}")
          .expect(201);
      new Api(lenient).get("/v0/zones?page=2").expect(200);
    }
  }

  @Test
  void queryParametersAreCheckedAndNamed() {
    JsonObject error =
        api()
            .get("/v0/vms/logs2?instance_id=vm_x&order_by=newest&limit=many")
            .error(400, "invalid_request_error");
    List<String> fields = Api.Answer.fields(error);
    assertTrue(fields.containsAll(Arrays.asList("order_by", "limit")), fields.toString());

    JsonObject missing =
        api().get("/v0/vms/logs2?instance_id=vm_x").error(400, "invalid_request_error");
    assertEquals(Arrays.asList("order_by"), Api.Answer.fields(missing));

    JsonObject unknown =
        api().get("/v1/nodes?node_type=reserved").error(400, "invalid_request_error");
    assertEquals(Arrays.asList("node_type"), Api.Answer.fields(unknown));
  }

  @Test
  void tooLongIdempotencyKeyIsNamed() {
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < 256; i++) {
      key.append('k');
    }
    JsonObject error =
        api()
            .post(
                "/v1/nodes",
                "{\"desired_count\":1,\"max_price_per_node_hour\":1,\"any_zone\":true}",
                "Idempotency-Key",
                key.toString())
            .error(400, "invalid_request_error");
    assertEquals(Arrays.asList("Idempotency-Key"), Api.Answer.fields(error));
  }

  @Test
  void malformedJsonIs400WithItsPosition() {
    JsonObject error =
        api().post("/v1/nodes", "{desired_count: 1,}").error(400, "invalid_request_error");
    assertEquals(
        "invalid_json",
        error.getAsJsonArray("details").get(0).getAsJsonObject().get("code").getAsString());
    assertTrue(error.get("message").getAsString().contains("line 1 column"), error.toString());

    api().post("/v1/nodes", "{\"desired_count\":1} trailing").error(400, "invalid_request_error");
    assertEquals(0, MOCK.server().counters().creates());
  }

  @Test
  void missingBodyIs400() {
    api().put("/v1/nodes/x/redeploy", null).error(400, "invalid_request_error");
  }

  @Test
  void wrongContentTypeIs415() {
    // Sent by hand: the helper always sends JSON.
    Request request =
        new Request.Builder()
            .url(MOCK.baseUrl() + "/v1/nodes")
            .header("Authorization", "Bearer " + MOCK.token())
            .post(RequestBody.create("desired_count=1", MediaType.get("text/plain")))
            .build();
    try (Response response = Api.CLIENT.newCall(request).execute()) {
      assertEquals(415, response.code());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void unknownRouteIs404AndWrongMethodIs405WithAllow() {
    api().unchecked().get("/v1/nothing").error(404, "not_found");
    Api.Answer answer = api().unchecked().delete("/v0/zones");
    answer.error(405, "invalid_request_error");
    assertEquals("GET", answer.header("Allow"));
  }

  @Test
  void nodeNamesWithSpacesArePercentDecoded() {
    api()
        .post(
            "/v1/nodes",
            "{\"desired_count\":1,\"max_price_per_node_hour\":1,\"any_zone\":true,"
                + "\"names\":[\"big job+1\"]}")
        .expect(201);
    assertEquals(
        "big job+1",
        api().get("/v1/nodes/big%20job+1").expect(200).json().get("name").getAsString());
  }
}
