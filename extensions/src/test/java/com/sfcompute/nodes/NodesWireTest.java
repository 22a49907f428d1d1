package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.NodeList;
import com.sfcompute.nodes.model.NodeType;
import java.time.Instant;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The operations on nodes (create, list, get, delete, extend, release, redeploy), sync form,
 * through real HTTP: what goes on the wire and what comes back parsed.
 */
final class NodesWireTest extends WireTest {
  // nodes.create

  @Test
  void createSendsOnlyTheFieldsSetAndParsesThe201NodeList() throws Exception {
    server.enqueue(json(201, "{\"object\":\"list\",\"data\":[" + node() + "]}"));

    NodeList created =
        client
            .nodes()
            .create(
                CreateNodesParams.builder()
                    .desiredCount(1)
                    .maxPricePerNodeHour(1600)
                    .zone("hayesvalley")
                    .build());

    assertEquals(1, created.getData().size());
    assertEquals("n_b1dc52505c6db143", created.getData().get(0).getId());
    RecordedRequest request = take(server);
    String key = assertWrite(request, "POST", "/v1/nodes");
    assertTrue(key.matches(GENERATED_KEY), key);
    // No node_type, any_zone, forward_443 or _preview_enable_infiniband: the spec's defaults
    // are the server's business unless the caller chose a value.
    assertJson(
        "{\"desired_count\":1,\"max_price_per_node_hour\":1600,\"zone\":\"hayesvalley\"}", request);
  }

  @Test
  void createWithEveryFieldSendsEachUnderItsWireName() throws Exception {
    server.enqueue(json(201, "{\"object\":\"list\",\"data\":[" + node() + "," + node() + "]}"));

    NodeList created =
        client
            .nodes()
            .create(
                CreateNodesParams.builder()
                    .desiredCount(2)
                    .maxPricePerNodeHour(2500)
                    .zone("hayesvalley")
                    .anyZone(true)
                    .startAt(Instant.ofEpochSecond(1640995200))
                    .endAt(Instant.ofEpochSecond(1641002400))
                    .nodeType(NodeType.RESERVED)
                    .names("trainer-1", "trainer-2")
                    .userData(UserData.ofText("hello world"))
                    .imageId("vmi_1234567890abcdef")
                    .forward443(true)
                    .previewEnableInfiniband(true)
                    .idempotencyKey("create-key-1")
                    .build());

    assertEquals(2, created.getData().size());
    RecordedRequest request = take(server);
    assertEquals("create-key-1", assertWrite(request, "POST", "/v1/nodes"));
    assertJson(
        """
        {"desired_count":2,"max_price_per_node_hour":2500,"zone":"hayesvalley","any_zone":true,
         "start_at":1640995200,"end_at":1641002400,"node_type":"reserved",
         "names":["trainer-1","trainer-2"],"cloud_init_user_data":"aGVsbG8gd29ybGQ=",
         "image_id":"vmi_1234567890abcdef","forward_443":true,
         "_preview_enable_infiniband":true}
        """,
        request);
  }

  @Test
  void createExplicitFalseDefaultsAreSentBecauseTheCallerChoseThem() throws Exception {
    server.enqueue(json(201, NODE_LIST_EMPTY));

    client
        .nodes()
        .create(
            CreateNodesParams.builder()
                .desiredCount(1)
                .maxPricePerNodeHour(1600)
                .anyZone(false)
                .forward443(false)
                .nodeType(NodeType.AUTORESERVED)
                .build());

    assertJson(
        """
        {"desired_count":1,"max_price_per_node_hour":1600,"any_zone":false,"forward_443":false,
         "node_type":"autoreserved"}
        """,
        take(server));
  }

  @Test
  void everyCallWithoutACallerKeyGetsItsOwnGeneratedIdempotencyKey() throws Exception {
    server.enqueue(json(201, NODE_LIST_EMPTY));
    server.enqueue(json(201, NODE_LIST_EMPTY));
    CreateNodesParams params =
        CreateNodesParams.builder().desiredCount(1).maxPricePerNodeHour(1600).build();

    client.nodes().create(params);
    client.nodes().create(params);

    String first = take(server).getHeader("Idempotency-Key");
    String second = take(server).getHeader("Idempotency-Key");
    assertTrue(first.matches(GENERATED_KEY), first);
    assertTrue(second.matches(GENERATED_KEY), second);
    assertNotEquals(first, second);
  }

  // nodes.list

  @Test
  void listWithoutFiltersSendsNoQuery() throws Exception {
    server.enqueue(json(200, "{\"object\":\"list\",\"data\":[" + node() + "]}"));

    NodeList nodes = client.nodes().list();

    assertEquals("cuda-crunch", nodes.getData().get(0).getName());
    assertRead(take(server), "/v1/nodes");
  }

  @Test
  void listByIdsRepeatsTheIdKey() throws Exception {
    server.enqueue(json(200, NODE_LIST_EMPTY));

    NodeList nodes = client.nodes().list(ListNodesParams.builder().ids("a", "b").build());

    assertTrue(nodes.getData().isEmpty());
    assertRead(take(server), "/v1/nodes?id=a&id=b");
  }

  @Test
  void listByNamesRepeatsTheNameKeyAndEncodesValues() throws Exception {
    server.enqueue(json(200, NODE_LIST_EMPTY));

    client.nodes().list(ListNodesParams.builder().names("cuda crunch", "b&c").build());

    assertRead(take(server), "/v1/nodes?name=cuda%20crunch&name=b%26c");
  }

  @Test
  void listByTypeSendsTheWireValueOfTheEnum() throws Exception {
    server.enqueue(json(200, NODE_LIST_EMPTY));

    client.nodes().list(ListNodesParams.builder().type(NodeType.RESERVED).build());

    assertRead(take(server), "/v1/nodes?type=reserved");
  }

  // nodes.get

  @Test
  void getReadsTheNodeByNameAndParsesEveryField() throws Exception {
    server.enqueue(json(200, node()));

    Node node = client.nodes().get("cuda-crunch");

    assertRead(take(server), "/v1/nodes/cuda-crunch");
    assertEquals("n_b1dc52505c6db143", node.getId());
    assertEquals("running", node.getStatus());
    assertEquals(1641007200L, node.getEndAt());
    assertEquals(2, node.getVms().getData().size());
    assertEquals("vmi_myOZZXw4pfcp7H9DQOldd", node.getCurrentVm().getImageId());
  }

  @Test
  void getPercentEncodesTheIdAsOnePathSegment() throws Exception {
    server.enqueue(json(200, node()));

    client.nodes().get("team/a b");

    assertRead(take(server), "/v1/nodes/team%2Fa%20b");
  }

  // nodes.delete

  @Test
  void deleteSendsDeleteWithAGeneratedKeyAndAccepts204() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));

    client.nodes().delete("n_1");

    RecordedRequest request = take(server);
    assertTrue(assertWrite(request, "DELETE", "/v1/nodes/n_1").matches(GENERATED_KEY));
    assertEquals(0, request.getBodySize());
  }

  @Test
  void deleteWithResponseGives204AndNoBodyAndTheCallersKey() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204).setHeader("X-Request-Id", "req_del"));

    ApiResponse<Void> response = client.nodes().deleteWithResponse("n_1", "delete-key-1");

    assertEquals(204, response.statusCode());
    assertNull(response.body());
    assertEquals("req_del", response.requestId());
    assertEquals("delete-key-1", assertWrite(take(server), "DELETE", "/v1/nodes/n_1"));
  }

  // nodes.extend

  @Test
  void extendPatchesDurationAndPriceAndParsesTheNode() throws Exception {
    server.enqueue(json(200, node()));

    Node node =
        client
            .nodes()
            .extend(
                "n_1",
                ExtendNodeParams.builder()
                    .durationSeconds(7200)
                    .maxPricePerNodeHour(1000)
                    .idempotencyKey("extend-key-1")
                    .build());

    assertEquals("n_b1dc52505c6db143", node.getId());
    RecordedRequest request = take(server);
    assertEquals("extend-key-1", assertWrite(request, "PATCH", "/v1/nodes/n_1/extend"));
    assertJson("{\"duration_seconds\":7200,\"max_price_per_node_hour\":1000}", request);
  }

  @Test
  void extendWithADurationSendsWholeSeconds() throws Exception {
    server.enqueue(json(200, node()));

    client
        .nodes()
        .extend(
            "n_1",
            ExtendNodeParams.builder()
                .duration(java.time.Duration.ofHours(3))
                .maxPricePerNodeHour(900)
                .build());

    RecordedRequest request = take(server);
    assertTrue(assertWrite(request, "PATCH", "/v1/nodes/n_1/extend").matches(GENERATED_KEY));
    assertJson("{\"duration_seconds\":10800,\"max_price_per_node_hour\":900}", request);
  }

  // nodes.release

  @Test
  void releasePatchesWithAnEmptyBodyAndParsesTheNode() throws Exception {
    server.enqueue(json(200, node()));

    Node node = client.nodes().release("cuda-crunch");

    assertEquals("n_b1dc52505c6db143", node.getId());
    RecordedRequest request = take(server);
    assertEquals("PATCH", request.getMethod());
    assertEquals("/v1/nodes/cuda-crunch/release", request.getPath());
    assertHeaders(request);
    assertTrue(request.getHeader("Idempotency-Key").matches(GENERATED_KEY));
    assertEquals(0, request.getBodySize());
  }

  @Test
  void releaseSendsTheCallersIdempotencyKey() throws Exception {
    server.enqueue(json(200, node()));

    client.nodes().release("n_1", "release-key-1");

    assertEquals("release-key-1", take(server).getHeader("Idempotency-Key"));
  }

  // nodes.redeploy

  @Test
  void redeployInheritAllSendsOverrideEmptyFalse() throws Exception {
    server.enqueue(json(200, node()));

    Node node = client.nodes().redeploy("n_1", RedeployParams.inheritAll());

    assertEquals("vm_newInstance", node.getCurrentVm().getId());
    RecordedRequest request = take(server);
    assertTrue(assertWrite(request, "PUT", "/v1/nodes/n_1/redeploy").matches(GENERATED_KEY));
    assertJson("{\"override_empty\":false}", request);
  }

  @Test
  void redeployWithImageAndUserDataSendsBothBase64Once() throws Exception {
    server.enqueue(json(200, node()));

    client
        .nodes()
        .redeploy(
            "n_1",
            RedeployParams.builder()
                .image("vmi_1234567890abcdef")
                .userData(UserData.ofText("hello world"))
                .idempotencyKey("redeploy-key-1")
                .build());

    RecordedRequest request = take(server);
    assertEquals("redeploy-key-1", assertWrite(request, "PUT", "/v1/nodes/n_1/redeploy"));
    assertJson(
        """
        {"image_id":"vmi_1234567890abcdef","cloud_init_user_data":"aGVsbG8gd29ybGQ=",
         "override_empty":false}
        """,
        request);
  }

  @Test
  void redeployWithAnImageAndClearedUserDataSendsOverrideEmptyTrue() throws Exception {
    server.enqueue(json(200, node()));

    client
        .nodes()
        .redeploy("n_1", RedeployParams.builder().image("vmi_new").clearUserData().build());

    assertJson("{\"image_id\":\"vmi_new\",\"override_empty\":true}", take(server));
  }

  @Test
  void redeployClearingEverythingSendsOnlyOverrideEmptyTrue() throws Exception {
    server.enqueue(json(200, node()));

    client.nodes().redeploy("n_1", RedeployParams.builder().clearImage().clearUserData().build());

    assertJson("{\"override_empty\":true}", take(server));
  }

  @Test
  void redeployRawWithNothingSendsAnEmptyObject() throws Exception {
    server.enqueue(json(200, node()));

    client
        .nodes()
        .redeploy("n_1", RedeployParams.raw(null, null, null).withIdempotencyKey("raw-key"));

    RecordedRequest request = take(server);
    assertEquals("raw-key", assertWrite(request, "PUT", "/v1/nodes/n_1/redeploy"));
    assertJson("{}", request);
  }

  @Test
  void redeployKeepingTheImageWhileClearingUserDataReadsTheNodeFirstThenPutsById()
      throws Exception {
    server.enqueue(json(200, node()));
    server.enqueue(json(200, node()));

    client
        .nodes()
        .redeploy(
            "cuda-crunch",
            RedeployParams.builder().clearUserData().resolveInheritedImage(true).build());

    assertRead(take(server), "/v1/nodes/cuda-crunch");
    RecordedRequest put = take(server);
    // Read by name, redeployed by the id read: the node redeployed is the node inspected.
    assertWrite(put, "PUT", "/v1/nodes/n_b1dc52505c6db143/redeploy");
    assertJson("{\"image_id\":\"vmi_myOZZXw4pfcp7H9DQOldd\",\"override_empty\":true}", put);
  }

  @Test
  void redeployNeedingTheImageOfANodeWithoutCurrentVmFailsBeforeThePut() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"object\":\"node\",\"id\":\"n_1\",\"name\":\"a\",\"owner\":\"me\","
                + "\"gpu_type\":\"H100\",\"status\":\"pending\",\"node_type\":\"reserved\"}"));
    RedeployParams params =
        RedeployParams.builder().clearUserData().resolveInheritedImage(true).build();

    com.sfcompute.nodes.errors.NodeStateException e =
        assertThrows(
            com.sfcompute.nodes.errors.NodeStateException.class,
            () -> client.nodes().redeploy("n_1", params));

    assertTrue(e.getMessage().contains("no current VM"), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }
}
