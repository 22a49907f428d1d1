package com.sfcompute.nodes.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CannedServerTest {
  private CannedServer server;
  private OkHttpClient http;

  @BeforeEach
  void start() throws IOException {
    server = CannedServer.start();
    http = new OkHttpClient();
  }

  @AfterEach
  void stop() throws IOException {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    server.close();
  }

  @Test
  void getOfANodeAnswersThePublishedNode() throws IOException {
    try (Response response = call("GET", "/v1/nodes/n_anything", null)) {
      assertEquals(200, response.code());
      assertEquals("application/json", response.header("Content-Type"));
      assertEquals(Payloads.NODE, response.body().string());
    }
  }

  @Test
  void redeployAnswersTheNode() throws IOException {
    try (Response response = call("PUT", "/v1/nodes/n_x/redeploy", "{\"image_id\":\"vmi_x\"}")) {
      assertEquals(200, response.code());
      assertEquals(Payloads.NODE, response.body().string());
    }
  }

  @Test
  void unknownRoutesAre404WithTheErrorEnvelope() throws IOException {
    try (Response response = call("GET", "/v1/zones", null)) {
      assertEquals(404, response.code());
      assertTrue(response.body().string().startsWith("{\"error\":"));
    }
    try (Response response = call("DELETE", "/v1/nodes/n_x", null)) {
      assertEquals(404, response.code());
    }
  }

  @Test
  void keepsTheConnectionAcrossRequestsAndSkipsRequestBodies() throws IOException {
    // A body the server did not skip would be read as the next request line and break the rest.
    StringBuilder big = new StringBuilder("{\"image_id\":\"");
    while (big.length() < 40_000) {
      big.append("vmi_padding_");
    }
    String body = big.append("\"}").toString();
    for (int i = 0; i < 3; i++) {
      try (Response r = call("PUT", "/v1/nodes/n_x/redeploy", body)) {
        assertEquals(Payloads.NODE, r.body().string());
      }
      try (Response r = call("GET", "/v1/nodes/n_x", null)) {
        assertEquals(Payloads.NODE, r.body().string());
      }
    }
    assertEquals(6, server.requests());
    assertEquals(1, server.acceptedConnections(), "one keep-alive connection for every request");
  }

  @Test
  void countsEveryNewConnection() throws IOException {
    for (int i = 0; i < 3; i++) {
      OkHttpClient fresh = new OkHttpClient(); // its own pool: a new connection each time
      try (Response r =
          fresh
              .newCall(new Request.Builder().url(server.baseUrl() + "/v1/nodes/n_x").build())
              .execute()) {
        assertEquals(200, r.code());
      } finally {
        fresh.connectionPool().evictAll();
      }
    }
    assertEquals(3, server.acceptedConnections());
  }

  @Test
  void listAnswersTenThousandDistinctNodes() throws IOException {
    try (RawClient raw = new RawClient(server.baseUrl(), "token", 4)) {
      Set<String> ids = new HashSet<>();
      raw.list().getData().forEach(node -> ids.add(node.getId()));
      assertEquals(Payloads.LIST_SIZE, ids.size());
    }
  }

  @Test
  void countsTheCpuTimeOfItsOwnThreads() throws IOException {
    long before = CannedServer.cpuNanos();
    for (int i = 0; i < 200; i++) {
      try (Response r = call("GET", "/v1/nodes/n_x", null)) {
        r.body().string();
      }
    }
    assertTrue(CannedServer.cpuNanos() > before, "server CPU time did not grow");
  }

  private Response call(String method, String path, String json) throws IOException {
    RequestBody body =
        json == null ? null : RequestBody.create(json, MediaType.get("application/json"));
    return http.newCall(
            new Request.Builder().url(server.baseUrl() + path).method(method, body).build())
        .execute();
  }
}
