package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static com.sfcompute.nodes.TestHttp.published;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

/**
 * What the wire tests of every resource share: a MockWebServer, a client of it (sync form), the
 * answers they serve, and the checks of what went on the wire (method, path, query, body, headers).
 * Each resource's operations are in their own file ({@code NodesWireTest}, {@code VmsWireTest},
 * {@code ZonesWireTest}); what every operation shares in {@code CallsWireTest}.
 */
abstract class WireTest {
  static final String TOKEN = "sk-test-SECRET-123";
  static final String GENERATED_KEY = "sfc-java-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-.*";

  static final String NODE_LIST_EMPTY = "{\"object\":\"list\",\"data\":[]}";

  static final String VM_LOGS =
      """
      {"data":[{"instance_id":"vm_1","seqnum":41,"data":[104,105,10],
        "realtime_timestamp":"2025-02-08T10:00:01Z","monotonic_timestamp_sec":12,
        "monotonic_timestamp_nano_sec":500000000}]}
      """;

  static final String VM_SSH =
      """
      {"ssh_hostname":"vm-1.hayesvalley.sfcompute.dev","ssh_port":2222,
       "ssh_host_keys":[{"key_type":"ssh-ed25519","base64_encoded_key":"AAEC/w=="}],
       "last_successful_key_update":1738972800,"last_attempted_key_update":1738972900}
      """;

  static final String IMAGE_LIST =
      """
      {"object":"list","has_more":true,"data":[{"object":"image","image_id":"vmi_1",
        "name":"ubuntu-24.04-cuda","upload_status":"completed","created_at":1738972800,
        "sha256_hash":null}]}
      """;

  static final String IMAGE_DOWNLOAD =
      """
      {"object":"image","image_id":"vmi_1","name":"ubuntu-24.04-cuda",
       "download_url":"https://storage.example.com/images/vmi_1?sig=abc",
       "expires_at":"2025-02-08T01:00:00Z","object_size":10737418240,"sha256_hash":"9f86d0"}
      """;

  static final String ZONE =
      """
      {"object":"zone","name":"hayesvalley","display_name":"Hayes Valley",
       "available_capacity":[{"start_timestamp":1738972800,"end_timestamp":1738976400,
         "quantity":4}],
       "region":"NorthAmerica","hardware_type":"H100","interconnect_type":"Infiniband",
       "delivery_type":"VM"}
      """;

  final MockWebServer server = new MockWebServer();
  SfcNodes client;

  @BeforeEach
  void setUp() throws IOException {
    server.start();
    client = clientBuilder(server, TOKEN).build();
  }

  @AfterEach
  void tearDown() throws IOException {
    client.close();
    server.shutdown();
  }

  IllegalArgumentException assertRefused(Executable call, String messagePart) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    assertEquals(0, server.getRequestCount());
    return e;
  }

  static void assertHeaders(RecordedRequest request) {
    assertEquals("Bearer " + TOKEN, request.getHeader("Authorization"));
    String userAgent = request.getHeader("User-Agent");
    assertNotNull(userAgent);
    assertTrue(userAgent.startsWith("sfc-nodes-java/"), userAgent);
    assertTrue(userAgent.contains("Java "), userAgent);
    assertEquals("application/json", request.getHeader("Accept"));
  }

  static void assertRead(RecordedRequest request, String path) {
    assertEquals("GET", request.getMethod());
    assertEquals(path, request.getPath());
    assertHeaders(request);
    assertNull(request.getHeader("Idempotency-Key"), "a read carries no idempotency key");
    assertNull(request.getHeader("Content-Type"));
    assertEquals(0, request.getBodySize());
  }

  /** Asserts a call with side effects; returns its idempotency key. */
  static String assertWrite(RecordedRequest request, String method, String path) {
    assertEquals(method, request.getMethod());
    assertEquals(path, request.getPath());
    assertHeaders(request);
    if (request.getBodySize() > 0) {
      String contentType = request.getHeader("Content-Type");
      assertNotNull(contentType);
      assertTrue(contentType.startsWith("application/json"), contentType);
    }
    String key = request.getHeader("Idempotency-Key");
    assertNotNull(key, method + " " + path + " must carry an Idempotency-Key");
    return key;
  }

  static void assertJson(String expected, RecordedRequest request) {
    String contentType = request.getHeader("Content-Type");
    assertNotNull(contentType, "a request with a body names its type");
    assertTrue(contentType.startsWith("application/json"), contentType);
    JsonElement actual = JsonParser.parseString(request.getBody().readUtf8());
    assertEquals(JsonParser.parseString(expected), actual);
  }

  /** The node of the published redeploy example. */
  static String node() throws IOException {
    return published("redeploy-response.json");
  }
}
