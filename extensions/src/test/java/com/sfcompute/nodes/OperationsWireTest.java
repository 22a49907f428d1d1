package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.published;
import static com.sfcompute.nodes.TestHttp.take;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.sfcompute.nodes.model.ImageDownload;
import com.sfcompute.nodes.model.ImageList;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.NodeList;
import com.sfcompute.nodes.model.NodeType;
import com.sfcompute.nodes.model.VmLogChunk;
import com.sfcompute.nodes.model.VmLogs;
import com.sfcompute.nodes.model.VmSsh;
import com.sfcompute.nodes.model.Zone;
import com.sfcompute.nodes.model.ZoneList;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every one of the 15 operations, sync form, through real HTTP: what goes on the wire (method,
 * path, query, body, headers) and what comes back parsed.
 */
class OperationsWireTest {
  private static final String TOKEN = "sk-test-SECRET-123";
  private static final String GENERATED_KEY = "sfc-java-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-.*";

  private static final String NODE_LIST_EMPTY = "{\"object\":\"list\",\"data\":[]}";

  private static final String VM_LOGS =
      """
      {"data":[{"instance_id":"vm_1","seqnum":41,"data":[104,105,10],
        "realtime_timestamp":"2025-02-08T10:00:01Z","monotonic_timestamp_sec":12,
        "monotonic_timestamp_nano_sec":500000000}]}
      """;

  private static final String VM_SSH =
      """
      {"ssh_hostname":"vm-1.hayesvalley.sfcompute.dev","ssh_port":2222,
       "ssh_host_keys":[{"key_type":"ssh-ed25519","base64_encoded_key":"AAEC/w=="}],
       "last_successful_key_update":1738972800,"last_attempted_key_update":1738972900}
      """;

  private static final String IMAGE_LIST =
      """
      {"object":"list","has_more":true,"data":[{"object":"image","image_id":"vmi_1",
        "name":"ubuntu-24.04-cuda","upload_status":"completed","created_at":1738972800,
        "sha256_hash":null}]}
      """;

  private static final String IMAGE_DOWNLOAD =
      """
      {"object":"image","image_id":"vmi_1","name":"ubuntu-24.04-cuda",
       "download_url":"https://storage.example.com/images/vmi_1?sig=abc",
       "expires_at":"2025-02-08T01:00:00Z","object_size":10737418240,"sha256_hash":"9f86d0"}
      """;

  private static final String ZONE =
      """
      {"object":"zone","name":"hayesvalley","display_name":"Hayes Valley",
       "available_capacity":[{"start_timestamp":1738972800,"end_timestamp":1738976400,
         "quantity":4}],
       "region":"NorthAmerica","hardware_type":"H100","interconnect_type":"Infiniband",
       "delivery_type":"VM"}
      """;

  private final MockWebServer server = new MockWebServer();
  private SfcNodes client;

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

  // vms.logs

  @Test
  void logsSendsEveryParameterWithRfc3339TimestampsWithSeconds() throws Exception {
    server.enqueue(json(200, VM_LOGS));

    VmLogs logs =
        client
            .vms()
            .logs(
                VmLogsParams.builder("vm_1")
                    .descending()
                    .limit(100)
                    .sinceSeqnum(40)
                    .beforeSeqnum(90)
                    .since(Instant.parse("2025-02-08T10:00:00Z"))
                    .before(Instant.parse("2025-02-08T11:30:00Z"))
                    .build());

    RecordedRequest request = take(server);
    assertRead(
        request,
        "/v0/vms/logs2?instance_id=vm_1&order_by=seqnum_desc&limit=100&since_seqnum=40"
            + "&before_seqnum=90&since_realtime_timestamp=2025-02-08T10%3A00%3A00Z"
            + "&before_realtime_timestamp=2025-02-08T11%3A30%3A00Z");
    HttpUrl url = request.getRequestUrl();
    assertEquals("2025-02-08T10:00:00Z", url.queryParameter("since_realtime_timestamp"));
    assertEquals("2025-02-08T11:30:00Z", url.queryParameter("before_realtime_timestamp"));
    VmLogChunk chunk = logs.getData().get(0);
    assertEquals("vm_1", chunk.getInstanceId());
    assertEquals(41L, chunk.getSeqnum());
    assertEquals(Arrays.asList(104, 105, 10), chunk.getData());
    assertEquals(
        OffsetDateTime.of(2025, 2, 8, 10, 0, 1, 0, ZoneOffset.UTC), chunk.getRealtimeTimestamp());
    assertEquals(12L, chunk.getMonotonicTimestampSec());
    assertEquals(500000000, chunk.getMonotonicTimestampNanoSec());
  }

  @Test
  void logsWithOnlyTheVmIdSendsTheRequiredAscendingOrder() throws Exception {
    server.enqueue(json(200, "{\"data\":[]}"));

    VmLogs logs = client.vms().logs(VmLogsParams.builder("vm_1").build());

    assertTrue(logs.getData().isEmpty());
    assertRead(take(server), "/v0/vms/logs2?instance_id=vm_1&order_by=seqnum_asc");
  }

  @Test
  void logsKeepsSubSecondPrecisionOfTimestamps() throws Exception {
    server.enqueue(json(200, "{\"data\":[]}"));

    client
        .vms()
        .logs(
            VmLogsParams.builder("vm_1").since(Instant.parse("2025-02-08T10:00:00.250Z")).build());

    assertEquals(
        "2025-02-08T10:00:00.25Z",
        take(server).getRequestUrl().queryParameter("since_realtime_timestamp"));
  }

  // vms.ssh

  @Test
  void sshSendsTheVmIdAndParsesHostKeys() throws Exception {
    server.enqueue(json(200, VM_SSH));

    VmSsh ssh = client.vms().ssh("vm_1");

    assertRead(take(server), "/v0/vms/ssh?vm_id=vm_1");
    assertEquals("vm-1.hayesvalley.sfcompute.dev", ssh.getSshHostname());
    assertEquals(2222, ssh.getSshPort());
    assertEquals("ssh-ed25519", ssh.getSshHostKeys().get(0).getKeyType());
    assertArrayEquals(
        new byte[] {0, 1, 2, (byte) 0xff}, ssh.getSshHostKeys().get(0).getBase64EncodedKey());
    assertEquals(1738972800L, ssh.getLastSuccessfulKeyUpdate());
    assertEquals(1738972900L, ssh.getLastAttemptedKeyUpdate());
  }

  // vms.script

  @Test
  void scriptCreateFromTextSendsAJsonString() throws Exception {
    server.enqueue(json(200, "{\"script\":\"#!/bin/bash\\necho hi\\n\"}"));

    StartupScript stored =
        client.vms().script().create(StartupScript.ofText("#!/bin/bash\necho hi\n"));

    RecordedRequest request = take(server);
    assertTrue(assertWrite(request, "POST", "/v0/vms/script").matches(GENERATED_KEY));
    assertJson("{\"script\":\"#!/bin/bash\\necho hi\\n\"}", request);
    assertTrue(stored.isText());
    assertEquals("#!/bin/bash\necho hi\n", stored.text());
  }

  @Test
  void scriptCreateFromBytesSendsAnArrayOfByteValues() throws Exception {
    server.enqueue(json(200, "{\"script\":[104,105,255]}"));

    StartupScript stored =
        client
            .vms()
            .script()
            .create(StartupScript.ofBytes(new byte[] {'h', 'i', (byte) 0xff}), "script-key-1");

    RecordedRequest request = take(server);
    assertEquals("script-key-1", assertWrite(request, "POST", "/v0/vms/script"));
    assertJson("{\"script\":[104,105,255]}", request);
    assertFalse(stored.isText());
    assertArrayEquals(new byte[] {'h', 'i', (byte) 0xff}, stored.bytes());
  }

  @Test
  void scriptGetAnsweredAsAStringGivesText() throws Exception {
    server.enqueue(json(200, "{\"script\":\"echo héllo\\n\"}"));

    StartupScript script = client.vms().script().get();

    assertRead(take(server), "/v0/vms/script");
    assertTrue(script.isText());
    assertEquals("echo héllo\n", script.text());
    assertArrayEquals("echo héllo\n".getBytes(UTF_8), script.bytes());
  }

  @Test
  void scriptGetAnsweredAsByteValuesGivesBytesAndText() throws Exception {
    server.enqueue(json(200, "{\"script\":[101,99,104,111,32,104,195,169,10]}"));

    StartupScript script = client.vms().script().get();

    assertRead(take(server), "/v0/vms/script");
    assertFalse(script.isText());
    assertArrayEquals("echo hé\n".getBytes(UTF_8), script.bytes());
    assertEquals("echo hé\n", script.text());
    // The same script in either form is equal.
    assertEquals(StartupScript.ofText("echo hé\n"), script);
  }

  @Test
  void scriptGetAnsweredWithBytesThatAreNotUtf8RefusesTextButGivesBytes() throws Exception {
    server.enqueue(json(200, "{\"script\":[0,255,254]}"));

    StartupScript script = client.vms().script().get();

    assertArrayEquals(new byte[] {0, (byte) 0xff, (byte) 0xfe}, script.bytes());
    IllegalStateException e = assertThrows(IllegalStateException.class, script::text);
    assertTrue(e.getMessage().contains("bytes()"), e.getMessage());
  }

  // vms.images

  @Test
  void imagesListParsesTheListAndHasMore() throws Exception {
    server.enqueue(json(200, IMAGE_LIST));

    ImageList images = client.vms().images().list();

    assertRead(take(server), "/v1/vms/images");
    assertTrue(images.getHasMore());
    assertEquals("vmi_1", images.getData().get(0).getImageId());
    assertEquals("completed", images.getData().get(0).getUploadStatus());
    assertEquals(1738972800L, images.getData().get(0).getCreatedAt());
    assertNull(images.getData().get(0).getSha256Hash());
  }

  @Test
  void imagesGetParsesTheDownload() throws Exception {
    server.enqueue(json(200, IMAGE_DOWNLOAD));

    ImageDownload image = client.vms().images().get("vmi_1");

    assertRead(take(server), "/v1/vms/images/vmi_1");
    assertEquals("https://storage.example.com/images/vmi_1?sig=abc", image.getDownloadUrl());
    assertEquals(OffsetDateTime.of(2025, 2, 8, 1, 0, 0, 0, ZoneOffset.UTC), image.getExpiresAt());
    assertEquals(10737418240L, image.getObjectSize());
    assertEquals("9f86d0", image.getSha256Hash());
  }

  // zones

  @Test
  void zonesListParsesEveryZone() throws Exception {
    server.enqueue(json(200, "{\"object\":\"list\",\"data\":[" + ZONE + "]}"));

    ZoneList zones = client.zones().list();

    assertRead(take(server), "/v0/zones");
    assertEquals(1, zones.getData().size());
    assertEquals("hayesvalley", zones.getData().get(0).getName());
  }

  @Test
  void zonesGetParsesCapacityAndTheExtensibleEnums() throws Exception {
    server.enqueue(json(200, ZONE));

    Zone zone = client.zones().get("hayesvalley");

    assertRead(take(server), "/v0/zones/hayesvalley");
    assertEquals("Hayes Valley", zone.getDisplayName());
    assertEquals("NorthAmerica", zone.getRegion());
    assertEquals("H100", zone.getHardwareType());
    assertEquals("Infiniband", zone.getInterconnectType());
    assertEquals("VM", zone.getDeliveryType());
    assertEquals(4L, zone.getAvailableCapacity().get(0).getQuantity());
    assertEquals(1738976400L, zone.getAvailableCapacity().get(0).getEndTimestamp());
  }

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

  // Helpers

  private IllegalArgumentException assertRefused(Executable call, String messagePart) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    assertEquals(0, server.getRequestCount());
    return e;
  }

  private static void assertHeaders(RecordedRequest request) {
    assertEquals("Bearer " + TOKEN, request.getHeader("Authorization"));
    String userAgent = request.getHeader("User-Agent");
    assertNotNull(userAgent);
    assertTrue(userAgent.startsWith("sfc-nodes-java/"), userAgent);
    assertTrue(userAgent.contains("Java "), userAgent);
    assertEquals("application/json", request.getHeader("Accept"));
  }

  private static void assertRead(RecordedRequest request, String path) {
    assertEquals("GET", request.getMethod());
    assertEquals(path, request.getPath());
    assertHeaders(request);
    assertNull(request.getHeader("Idempotency-Key"), "a read carries no idempotency key");
    assertNull(request.getHeader("Content-Type"));
    assertEquals(0, request.getBodySize());
  }

  /** Asserts a call with side effects; returns its idempotency key. */
  private static String assertWrite(RecordedRequest request, String method, String path) {
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

  private static void assertJson(String expected, RecordedRequest request) {
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
