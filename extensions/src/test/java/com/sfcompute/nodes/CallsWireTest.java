package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.NodeList;
import com.sfcompute.nodes.model.NodeType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every operation shares on the wire: the withResponse form (status, headers, request id),
 * arguments refused before any request, and a base URL with a path prefix.
 */
final class CallsWireTest extends WireTest {
  // With response

  @Test
  void withResponseGivesStatusLowerCaseHeadersAndTheRequestId() throws Exception {
    server.enqueue(
        json(200, node())
            .setHeader("X-Request-Id", "req_123")
            .addHeader("X-RateLimit-Remaining", "41"));

    ApiResponse<Node> response = client.nodes().getWithResponse("n_1");

    assertEquals(200, response.statusCode());
    assertEquals("req_123", response.requestId());
    assertEquals(List.of("req_123"), response.headers().get("x-request-id"));
    assertEquals(List.of("41"), response.headers().get("x-ratelimit-remaining"));
    assertNull(response.headers().get("X-Request-Id"));
    assertEquals("41", response.header("X-RATELIMIT-REMAINING"));
    assertEquals("n_b1dc52505c6db143", response.body().getId());
  }

  @Test
  void withResponseFallsBackToTheRequestIdHeader() throws Exception {
    server.enqueue(json(201, NODE_LIST_EMPTY).setHeader("Request-Id", "req_alt"));

    ApiResponse<NodeList> response =
        client
            .nodes()
            .createWithResponse(
                CreateNodesParams.builder().desiredCount(1).maxPricePerNodeHour(1).build());

    assertEquals(201, response.statusCode());
    assertEquals("req_alt", response.requestId());
  }

  @Test
  void withResponseOfEveryOtherOperationCarriesStatusAndBody() throws Exception {
    server.enqueue(json(200, NODE_LIST_EMPTY));
    server.enqueue(json(200, node()));
    server.enqueue(json(200, node()));
    server.enqueue(json(200, node()));
    server.enqueue(json(200, VM_LOGS));
    server.enqueue(json(200, VM_SSH));
    server.enqueue(json(200, "{\"script\":\"x\"}"));
    server.enqueue(json(200, "{\"script\":[120]}"));
    server.enqueue(json(200, IMAGE_LIST));
    server.enqueue(json(200, IMAGE_DOWNLOAD));
    server.enqueue(json(200, "{\"object\":\"list\",\"data\":[]}"));
    server.enqueue(json(200, ZONE));
    ExtendNodeParams extend =
        ExtendNodeParams.builder().durationSeconds(3600).maxPricePerNodeHour(1).build();

    assertEquals(0, client.nodes().listWithResponse(ListNodesParams.all()).body().getData().size());
    assertEquals("node", client.nodes().extendWithResponse("n_1", extend).body().getObject());
    assertEquals("node", client.nodes().releaseWithResponse("n_1", null).body().getObject());
    assertEquals(
        "node",
        client.nodes().redeployWithResponse("n_1", RedeployParams.inheritAll()).body().getObject());
    assertEquals(
        1,
        client
            .vms()
            .logsWithResponse(VmLogsParams.builder("vm_1").build())
            .body()
            .getData()
            .size());
    assertEquals(2222, client.vms().sshWithResponse("vm_1").body().getSshPort());
    assertEquals("x", client.vms().script().getWithResponse().body().text());
    assertEquals(
        "x",
        client.vms().script().createWithResponse(StartupScript.ofText("x"), null).body().text());
    assertEquals(200, client.vms().images().listWithResponse().statusCode());
    assertEquals("vmi_1", client.vms().images().getWithResponse("vmi_1").body().getImageId());
    assertEquals(200, client.zones().listWithResponse().statusCode());
    assertEquals("hayesvalley", client.zones().getWithResponse("hayesvalley").body().getName());

    assertEquals(12, server.getRequestCount());
  }

  // Bad input fails before any request, naming the field

  @Test
  void getOfADotSegmentFailsBeforeAnyRequest() {
    assertRefused(() -> client.nodes().get("."), "id");
    assertRefused(() -> client.nodes().get(".."), "id");
  }

  @Test
  void getOfAnEmptyOrBlankIdFailsBeforeAnyRequest() {
    assertRefused(() -> client.nodes().get(""), "id must not be blank");
    assertRefused(() -> client.nodes().get("  "), "id must not be blank");
  }

  @Test
  void getOfANullIdFailsBeforeAnyRequest() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> client.nodes().get(null));
    assertTrue(e.getMessage().contains("id"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void pathArgumentsOfEveryResourceAreCheckedBeforeAnyRequest() {
    assertRefused(() -> client.nodes().delete(""), "id must not be blank");
    assertRefused(() -> client.nodes().release("."), "id");
    assertRefused(() -> client.nodes().redeploy("..", RedeployParams.inheritAll()), "id");
    assertRefused(() -> client.vms().ssh(" "), "vm_id must not be blank");
    assertRefused(() -> client.vms().images().get(""), "image_id must not be blank");
    assertRefused(() -> client.zones().get("."), "id");
    assertRefused(() -> VmLogsParams.builder(""), "instance_id must not be blank");
  }

  @Test
  void extendByHalfAnHourFailsBeforeAnyRequest() {
    assertRefused(
        () -> ExtendNodeParams.builder().durationSeconds(1800).maxPricePerNodeHour(1000).build(),
        "duration_seconds must be at least 3600");
  }

  @Test
  void extendByAPartialHourFailsBeforeAnyRequest() {
    assertRefused(
        () -> ExtendNodeParams.builder().durationSeconds(5400).maxPricePerNodeHour(1000).build(),
        "duration_seconds must be a whole number of hours");
  }

  @Test
  void createWithoutDesiredCountFailsBeforeAnyRequest() {
    // A missing field is the builder's state, not a bad argument: IllegalStateException.
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> CreateNodesParams.builder().maxPricePerNodeHour(1600).build());
    assertEquals("`desired_count` is required, but was not set", e.getMessage());
  }

  @Test
  void createWithoutAPriceFailsBeforeAnyRequest() {
    // A missing field is the builder's state, not a bad argument: IllegalStateException.
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> CreateNodesParams.builder().desiredCount(1).build());
    assertEquals("`max_price_per_node_hour` is required, but was not set", e.getMessage());
  }

  @Test
  void createWithAnEndNotOnTheHourFailsBeforeAnyRequest() {
    assertRefused(
        () ->
            CreateNodesParams.builder()
                .desiredCount(1)
                .maxPricePerNodeHour(1600)
                .endAt(Instant.ofEpochSecond(1641002400 + 60))
                .build(),
        "end_at must fall on an hour boundary");
  }

  @Test
  void listWithIdsAndTypeTogetherFailsBeforeAnyRequest() {
    IllegalArgumentException e =
        assertRefused(
            () -> ListNodesParams.builder().ids("a").type(NodeType.RESERVED).build(),
            "cannot be combined");
    assertTrue(e.getMessage().contains("id") && e.getMessage().contains("type"), e.getMessage());
  }

  @Test
  void listWithIdsAndNamesTogetherFailsBeforeAnyRequest() {
    assertRefused(
        () -> ListNodesParams.builder().ids("a").names("b").build(), "cannot be combined");
  }

  @Test
  void aBlankIdempotencyKeyFailsBeforeAnyRequest() {
    assertRefused(() -> client.nodes().release("n_1", " "), "idempotencyKey must not be blank");
    assertRefused(
        () -> client.nodes().delete("n_1", "has space"), "idempotencyKey must be printable");
    assertRefused(
        () -> client.vms().script().create(StartupScript.ofText("x"), ""),
        "idempotencyKey must not be blank");
  }

  // Base URL

  @Test
  void aBaseUrlWithAPathPrefixKeepsThePrefix() throws Exception {
    server.enqueue(json(200, node()));
    server.enqueue(json(200, "{\"object\":\"list\",\"data\":[]}"));
    try (SfcNodes proxied =
        SfcNodes.builder()
            .bearerToken(TOKEN)
            .baseUrl(server.url("/proxy/sfc").toString())
            .maxRetries(0)
            .build()) {

      proxied.nodes().get("n_1");
      proxied.zones().list();
    }

    assertEquals("/proxy/sfc/v1/nodes/n_1", take(server).getPath());
    assertEquals("/proxy/sfc/v0/zones", take(server).getPath());
  }

  @Test
  void aBaseUrlWithAPathPrefixAndTrailingSlashKeepsThePrefixOnce() throws Exception {
    server.enqueue(json(200, node()));
    try (SfcNodes proxied =
        SfcNodes.builder()
            .bearerToken(TOKEN)
            .baseUrl(server.url("/proxy/sfc/").toString())
            .maxRetries(0)
            .build()) {

      proxied.nodes().get("n_1");
    }

    assertEquals("/proxy/sfc/v1/nodes/n_1", take(server).getPath());
  }
}
