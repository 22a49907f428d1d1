package com.sfcompute.nodes.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.sfcompute.nodes.mock.junit5.MockNodesServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthTest {
  @RegisterExtension
  static final MockNodesServerExtension MOCK =
      MockNodesServerExtension.builder().server(MockNodesServer.builder().token("s3cret")).build();

  @Test
  void missingTokenIs401AuthenticationError() {
    JsonObject error =
        new Api(MOCK.server()).withToken(null).get("/v0/zones").error(401, "authentication_error");
    assertEquals(
        "missing_token",
        error.getAsJsonArray("details").get(0).getAsJsonObject().get("code").getAsString());
  }

  @Test
  void wrongTokenIs401AndNothingIsApplied() {
    new Api(MOCK.server())
        .withToken("guess")
        .post("/v1/nodes", Nodes.createBody("intruder"))
        .error(401, "authentication_error");
    assertEquals(0, MOCK.server().counters().creates());
  }

  @Test
  void configuredTokenIsAcceptedWhateverTheSchemesCase() {
    assertEquals("s3cret", MOCK.token());
    new Api(MOCK.server()).get("/v0/zones").expect(200);
    new Api(MOCK.server())
        .withToken(null)
        .send("GET", "/v0/zones", null, "Authorization", "bearer s3cret")
        .expect(200);
  }

  @Test
  void authIsCheckedBeforeTheSpec() {
    new Api(MOCK.server())
        .withToken(null)
        .post("/v1/nodes", "{}")
        .error(401, "authentication_error");
  }
}
