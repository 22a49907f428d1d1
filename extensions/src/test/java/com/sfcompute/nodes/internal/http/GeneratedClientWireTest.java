package com.sfcompute.nodes.internal.http;

import static com.sfcompute.nodes.TestHttp.envelope;
import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.published;
import static com.sfcompute.nodes.TestHttp.take;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sfcompute.nodes.ApiResponse;
import com.sfcompute.nodes.KnownValues;
import com.sfcompute.nodes.Sleeper;
import com.sfcompute.nodes.errors.NotFoundException;
import com.sfcompute.nodes.internal.api.NodesApi;
import com.sfcompute.nodes.internal.api.VmsApi;
import com.sfcompute.nodes.model.AcceleratorType;
import com.sfcompute.nodes.model.CreateNodesRequest;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.NodeList;
import com.sfcompute.nodes.model.NodeStatus;
import com.sfcompute.nodes.model.NodeType;
import com.sfcompute.nodes.model.RedeployNodeRequest;
import com.sfcompute.nodes.model.Vm;
import com.sfcompute.nodes.model.VmLogsOrderBy;
import com.sfcompute.nodes.model.VmSsh;
import com.sfcompute.nodes.model.VmStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the generated interfaces put on the wire, and read off it, run as production runs them: the
 * interfaces implemented by the SDK's {@link Transport} ({@link Endpoint} builds each request and
 * decodes each answer), each call run by the transport. No retries, so each test sees one exchange.
 */
class GeneratedClientWireTest {
  private final MockWebServer server = new MockWebServer();
  private Transport transport;
  private NodesApi nodes;
  private VmsApi vms;

  @BeforeEach
  void setUp() throws IOException {
    server.start();
    transport =
        Transport.builder()
            .token("sk-test-wire-0123456789")
            .baseUrl(server.url("/"))
            .maxRetries(0)
            .time(
                Clock.systemUTC(),
                Sleeper.SYSTEM,
                (task, delay) -> CompletableFuture.completedFuture(null))
            .build();
    Object generated = transport.apis(NodesApi.class, VmsApi.class);
    nodes = (NodesApi) generated;
    vms = (VmsApi) generated;
  }

  @AfterEach
  void tearDown() throws IOException {
    transport.close();
    server.shutdown();
  }

  @Test
  void userDataGoesOutAsOneStandardBase64StringWithPaddingUnescaped() throws Exception {
    server.enqueue(json(200, published("redeploy-response.json")));
    RedeployNodeRequest request =
        new RedeployNodeRequest()
            .imageId("vmi_1234567890abcdef")
            .cloudInitUserData("hello world".getBytes(UTF_8));

    transport.execute(nodes.redeployNode("n_1", request, null));

    String body = take(server).getBody().readUtf8();
    assertTrue(body.contains("\"cloud_init_user_data\":\"aGVsbG8gd29ybGQ=\""), body);
    assertFalse(body.contains("\\u003d"), body);
    assertEquals(
        JsonParser.parseString(published("redeploy-request.json")), JsonParser.parseString(body));
  }

  @Test
  void userDataUsesTheStandardAlphabetNotTheUrlSafeOne() throws Exception {
    server.enqueue(json(200, published("redeploy-response.json")));
    byte[] bytes = {(byte) 0xfb, (byte) 0xff, (byte) 0xbf};

    transport.execute(
        nodes.redeployNode("n_1", new RedeployNodeRequest().cloudInitUserData(bytes), null));

    JsonObject sent = JsonParser.parseString(take(server).getBody().readUtf8()).getAsJsonObject();
    assertEquals("+/+/", sent.get("cloud_init_user_data").getAsString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "false"})
  void overrideEmptyIsSentAsTheBooleanSet(boolean overrideEmpty) throws Exception {
    server.enqueue(json(200, published("redeploy-response.json")));

    transport.execute(
        nodes.redeployNode("n_1", new RedeployNodeRequest().overrideEmpty(overrideEmpty), null));

    JsonObject sent = JsonParser.parseString(take(server).getBody().readUtf8()).getAsJsonObject();
    assertTrue(sent.get("override_empty").getAsJsonPrimitive().isBoolean());
    assertEquals(overrideEmpty, sent.get("override_empty").getAsBoolean());
  }

  @Test
  void overrideEmptyLeftUnsetIsAbsentFromTheBody() throws Exception {
    server.enqueue(json(200, published("redeploy-response.json")));
    RedeployNodeRequest request = new RedeployNodeRequest().imageId("vmi_1");
    request.setOverrideEmpty(null);

    transport.execute(nodes.redeployNode("n_1", request, null));

    assertEquals("{\"image_id\":\"vmi_1\"}", take(server).getBody().readUtf8());
  }

  @Test
  void createSendsOnlyWhatTheCallerSetAndDecodes201() throws Exception {
    server.enqueue(
        json(201, "{\"object\":\"list\",\"data\":[" + published("redeploy-response.json") + "]}"));
    CreateNodesRequest request =
        new CreateNodesRequest().desiredCount(1).maxPricePerNodeHour(1600L).zone("hayesvalley");
    // Fields with spec defaults start out set; the SDK clears what the caller did not choose.
    request.setAnyZone(null);
    request.setNodeType(null);
    request.setForward443(null);
    request.setPreviewEnableInfiniband(null);

    ApiResponse<NodeList> response =
        transport.executeWithResponse(nodes.createNodes(request, "key-1"));

    assertEquals(201, response.statusCode());
    assertEquals("n_b1dc52505c6db143", response.body().getData().get(0).getId());
    RecordedRequest recorded = take(server);
    assertEquals("POST", recorded.getMethod());
    assertEquals("/v1/nodes", recorded.getPath());
    assertEquals("key-1", recorded.getHeader("Idempotency-Key"));
    assertEquals(
        JsonParser.parseString(
            "{\"desired_count\":1,\"max_price_per_node_hour\":1600,\"zone\":\"hayesvalley\"}"),
        JsonParser.parseString(recorded.getBody().readUtf8()));
  }

  @Test
  void deleteAnswering204GivesASuccessWithNoBody() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));

    ApiResponse<Void> response = transport.executeWithResponse(nodes.deleteNode("n_1", null));

    assertEquals(204, response.statusCode());
    assertNull(response.body());
    RecordedRequest recorded = take(server);
    assertEquals("DELETE", recorded.getMethod());
    assertEquals("/v1/nodes/n_1", recorded.getPath());
    assertNull(recorded.getHeader("Idempotency-Key"));
  }

  @Test
  void repeatedFiltersGoOutAsRepeatedQueryKeys() throws Exception {
    server.enqueue(json(200, "{\"object\":\"list\",\"data\":[]}"));
    server.enqueue(json(200, "{\"object\":\"list\",\"data\":[]}"));

    transport.execute(nodes.listNodes(Arrays.asList("n_a", "n_b"), null, null));
    transport.execute(nodes.listNodes(null, Collections.singletonList("x y"), NodeType.RESERVED));

    assertEquals("/v1/nodes?id=n_a&id=n_b", take(server).getPath());
    assertEquals("/v1/nodes?name=x%20y&type=reserved", take(server).getPath());
  }

  @Test
  void pathIdsWithSlashesSpacesAndNonAsciiArePercentEncoded() throws Exception {
    server.enqueue(json(200, published("redeploy-response.json")));

    transport.execute(nodes.getNode("team/a b-ü"));

    assertEquals("/v1/nodes/team%2Fa%20b-%C3%BC", take(server).getPath());
  }

  @ParameterizedTest
  @ValueSource(strings = {".", ".."})
  void dotSegmentIdsAreRefusedBeforeAnythingIsSent(String id) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> transport.execute(nodes.getNode(id)));

    // Retrofit's refusal, as the SDK's Endpoint repeats it; the SDK's parameter checks name the
    // field before this point.
    assertTrue(e.getMessage().contains("path traversal"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void unknownFieldsAreIgnoredAndUnknownEnumValuesKeepTheirRawValue() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"object\":\"node\",\"id\":\"n_1\",\"name\":\"a\",\"owner\":\"me\","
                + "\"gpu_type\":\"B200\",\"status\":\"hibernating\",\"node_type\":\"spot\","
                + "\"brand_new_field\":{\"nested\":[1,2,3]},"
                + "\"current_vm\":{\"object\":\"vm\",\"id\":\"vm_1\",\"status\":\"running\","
                + "\"created_at\":1,\"updated_at\":2,\"start_at\":null,\"end_at\":null,"
                + "\"zone\":\"z\",\"another_new_field\":true}}"));

    Node node = transport.execute(nodes.getNode("n_1"));

    assertEquals("B200", node.getGpuType());
    assertNull(KnownValues.parse(AcceleratorType.class, node.getGpuType()));
    assertEquals("hibernating", node.getStatus());
    assertNull(KnownValues.parse(NodeStatus.class, node.getStatus()));
    assertEquals("spot", node.getNodeType());
    Vm vm = node.getCurrentVm();
    assertEquals("running", vm.getStatus());
    assertEquals(VmStatus.RUNNING, KnownValues.parse(VmStatus.class, vm.getStatus()));
    assertNull(vm.getStartAt());
  }

  @Test
  void thePublishedRedeployResponseDecodesWithEveryFieldAsOnThePage() throws Exception {
    server.enqueue(json(200, published("redeploy-response.json")));

    Node node =
        transport.execute(
            nodes.redeployNode("n_b1dc52505c6db143", new RedeployNodeRequest(), null));

    assertEquals("node", node.getObject());
    assertEquals("n_b1dc52505c6db143", node.getId());
    assertEquals("cuda-crunch", node.getName());
    assertEquals("hayesvalley", node.getZone());
    assertEquals("H100", node.getGpuType());
    assertEquals("sfcompute", node.getOwner());
    assertEquals("running", node.getStatus());
    assertEquals(1640995200L, node.getCreatedAt());
    assertEquals(1640995200L, node.getUpdatedAt());
    assertEquals(1640995200L, node.getStartAt());
    assertEquals(1641007200L, node.getEndAt());
    assertNull(node.getDeletedAt());
    assertEquals(1000L, node.getMaxPricePerNodeHour());
    assertEquals("autoreserved", node.getNodeType());
    assertEquals("proc_b1dc52505c6de142", node.getProcurementId());
    assertEquals("list", node.getVms().getObject());
    assertEquals(2, node.getVms().getData().size());
    assertVm(
        node.getVms().getData().get(0), "vm_oldInstance", "destroyed", 1640995200L, "vmi_old_id");
    assertVm(
        node.getVms().getData().get(1), "vm_newInstance", "running", 1641003600L, "vmi_new_id");
    assertVm(
        node.getCurrentVm(), "vm_newInstance", "running", 1641003600L, "vmi_myOZZXw4pfcp7H9DQOldd");
    assertEquals(
        VmStatus.DESTROYED,
        KnownValues.parse(VmStatus.class, node.getVms().getData().get(0).getStatus()));
    // Every field of the page survives a decode and re-encode: nothing was dropped or renamed.
    JsonElement reencoded = SfcJson.gson().toJsonTree(node);
    assertEquals(JsonParser.parseString(published("redeploy-response.json")), reencoded);
  }

  @Test
  void timestampQueryValuesAreRfc3339WithSeconds() throws Exception {
    server.enqueue(json(200, "{\"data\":[]}"));
    OffsetDateTime since = OffsetDateTime.of(2025, 2, 8, 10, 0, 0, 0, ZoneOffset.UTC);

    transport.execute(vms.getVmLogs("vm_1", VmLogsOrderBy.SEQNUM_ASC, 10, 5L, null, since, null));

    assertEquals(
        "/v0/vms/logs2?instance_id=vm_1&order_by=seqnum_asc&limit=10&since_seqnum=5"
            + "&since_realtime_timestamp=2025-02-08T10%3A00%3A00Z",
        take(server).getPath());
  }

  @Test
  void byteFieldsInResponsesAreDecodedFromBase64() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"ssh_hostname\":\"h\",\"ssh_port\":22,\"ssh_host_keys\":"
                + "[{\"key_type\":\"ssh-ed25519\",\"base64_encoded_key\":\"AAEC/w==\"}]}"));

    VmSsh ssh = transport.execute(vms.getVmSsh("vm_1"));

    assertArrayEquals(
        new byte[] {0, 1, 2, (byte) 0xff}, ssh.getSshHostKeys().get(0).getBase64EncodedKey());
    assertNull(ssh.getLastSuccessfulKeyUpdate());
    assertEquals("/v0/vms/ssh?vm_id=vm_1", take(server).getPath());
  }

  @Test
  void anErrorStatusIsTheTypedExceptionCarryingTheEnvelope() {
    server.enqueue(envelope(404, "not_found", "Node not found"));

    NotFoundException e =
        assertThrows(NotFoundException.class, () -> transport.execute(nodes.getNode("missing")));

    assertEquals(404, e.statusCode());
    assertEquals("not_found", e.type());
    assertEquals("Node not found", e.errorMessage());
    assertEquals(1, server.getRequestCount());
  }

  private static void assertVm(Vm vm, String id, String status, long createdAt, String imageId) {
    assertEquals("vm", vm.getObject());
    assertEquals(id, vm.getId());
    assertEquals(status, vm.getStatus());
    assertEquals(createdAt, vm.getCreatedAt());
    assertEquals(createdAt, vm.getUpdatedAt());
    assertEquals(createdAt, vm.getStartAt());
    assertEquals(1641007200L, vm.getEndAt());
    assertEquals(imageId, vm.getImageId());
    assertEquals("hayesvalley", vm.getZone());
  }
}
