package com.sfcompute.nodes.mock;

import com.google.gson.JsonObject;

/** Request bodies and lookups the tests share. */
final class Nodes {
  static final String HELLO_B64 = "aGVsbG8gd29ybGQ="; // "hello world"

  private Nodes() {}

  static String createBody(String name) {
    return "{\"desired_count\":1,\"max_price_per_node_hour\":1000,\"zone\":\"hayesvalley\","
        + "\"names\":[\""
        + name
        + "\"]}";
  }

  /** Creates one autoreserved node named {@code name} and returns it as answered. */
  static JsonObject create(Api api, String name) {
    return api.post("/v1/nodes", createBody(name))
        .expect(201)
        .json()
        .getAsJsonArray("data")
        .get(0)
        .getAsJsonObject();
  }

  /** Creates one reserved node named {@code name}, ending two hours after the clock's hour. */
  static JsonObject createReserved(Api api, MockNodesServer server, String name) {
    long endAt = (server.clock().millis() / 1000 / 3600 + 2) * 3600;
    return api.post(
            "/v1/nodes",
            "{\"desired_count\":1,\"max_price_per_node_hour\":1000,\"zone\":\"hayesvalley\","
                + "\"end_at\":"
                + endAt
                + ",\"names\":[\""
                + name
                + "\"]}")
        .expect(201)
        .json()
        .getAsJsonArray("data")
        .get(0)
        .getAsJsonObject();
  }

  static String currentVmId(JsonObject node) {
    return node.getAsJsonObject("current_vm").get("id").getAsString();
  }

  static String status(JsonObject node) {
    return node.get("status").getAsString();
  }
}
