package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.nodeJson;
import static com.sfcompute.nodes.TestHttp.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.errors.SfcNodesInvalidDataException;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.NodeList;
import com.sfcompute.nodes.model.Vm;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Answers lacking a field the spec requires: by default accepted, as the official SDKs accept them,
 * the missing field throwing (never null) when read; refused whole with strict decoding, set on the
 * client or per call.
 */
class TolerantDecodingTest {
  private static final String SECOND_VM_WITHOUT_ZONE =
      nodeJson("n_1")
          .replace(
              "}",
              ",\"vms\":{\"object\":\"list\",\"data\":["
                  + vm("vm_1", "\"zone\":\"z\"")
                  + ","
                  + vm("vm_2", "\"zone\":null")
                  + "]}}");

  private static final String LIST_WITH_AN_ODD_ELEMENT =
      "{\"object\":\"list\",\"data\":["
          + nodeJson("n_1")
          + ","
          + nodeJson("n_2").replace(",\"node_type\":\"reserved\"", "")
          + ","
          + nodeJson("n_3")
          + "]}";

  private final MockWebServer server = new MockWebServer();
  private SfcNodes lenient;
  private SfcNodes strict;

  @BeforeEach
  void setUp() throws IOException {
    server.start();
    lenient = clientBuilder(server, "sk-test").strictDecoding(false).build();
    strict = clientBuilder(server, "sk-test").strictDecoding(true).build();
  }

  @AfterEach
  void tearDown() throws IOException {
    lenient.close();
    strict.close();
    server.shutdown();
  }

  @Test
  void aNodeWhoseSecondVmHasANullZoneIsReturned() {
    server.enqueue(json(SECOND_VM_WITHOUT_ZONE));

    Node node = lenient.nodes().get("n_1");

    List<Vm> vms = node.getVms().getData();
    assertEquals("z", vms.get(0).getZone());
    assertEquals("vm_2", vms.get(1).getId());
    assertMissing("zone", "$.vms.data[1].zone", () -> vms.get(1).getZone());
  }

  @Test
  void aListWithOneOddElementReturnsTheOthers() {
    server.enqueue(json(LIST_WITH_AN_ODD_ELEMENT));

    NodeList list = lenient.nodes().list();

    assertEquals(3, list.getData().size());
    assertEquals("reserved", list.getData().get(0).getNodeType());
    assertEquals("reserved", list.getData().get(2).getNodeType());
    assertEquals("n_2", list.getData().get(1).getId());
    assertMissing("node_type", "$.data[1].node_type", () -> list.getData().get(1).getNodeType());
  }

  @Test
  void aStrictClientRefusesTheNodeNamingTheField() {
    server.enqueue(json(SECOND_VM_WITHOUT_ZONE));

    SfcNodesInvalidDataException e =
        assertThrows(SfcNodesInvalidDataException.class, () -> strict.nodes().get("n_1"));

    assertTrue(e.getMessage().contains("`zone`"), e.getMessage());
    assertTrue(e.getMessage().contains("$.vms.data[1]"), e.getMessage());
  }

  @Test
  void aStrictClientRefusesTheWholeList() {
    server.enqueue(json(LIST_WITH_AN_ODD_ELEMENT));

    SfcNodesInvalidDataException e =
        assertThrows(SfcNodesInvalidDataException.class, () -> strict.nodes().list());

    assertTrue(e.getMessage().contains("`node_type`"), e.getMessage());
    assertTrue(e.getMessage().contains("$.data[1]"), e.getMessage());
  }

  @Test
  void strictPerRequestOverridesALenientClient() {
    server.enqueue(json(SECOND_VM_WITHOUT_ZONE));

    assertThrows(
        SfcNodesInvalidDataException.class,
        () ->
            lenient
                .withOptions(RequestOptions.builder().strictDecoding(true).build())
                .nodes()
                .get("n_1"));
  }

  @Test
  void lenientPerRequestOverridesAStrictClient() {
    server.enqueue(json(SECOND_VM_WITHOUT_ZONE));

    Node node =
        strict
            .withOptions(RequestOptions.builder().strictDecoding(false).build())
            .nodes()
            .get("n_1");

    assertMissing("zone", "$.vms.data[1].zone", () -> node.getVms().getData().get(1).getZone());
  }

  @Test
  void strictAsyncRefusesTheNode() {
    server.enqueue(json(SECOND_VM_WITHOUT_ZONE));

    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> strict.nodes().getAsync("n_1").get(5, TimeUnit.SECONDS));

    assertInstanceOf(SfcNodesInvalidDataException.class, e.getCause());
  }

  @Test
  void aWaiterOnANodeReadWithoutAnIdFailsNamingIdAndSendsNothing() throws Exception {
    server.enqueue(json(nodeJson("n_1").replace("\"id\":\"n_1\",", "")));

    SfcNodesInvalidDataException e =
        assertThrows(
            SfcNodesInvalidDataException.class,
            () ->
                lenient
                    .waiters()
                    .redeployAndWait(
                        "n_1",
                        RedeployParams.inheritAll(),
                        WaitOptions.builder().timeout(Duration.ofSeconds(5)).build()));

    assertTrue(e.getMessage().contains("`id`"), e.getMessage());
    assertTrue(e.getMessage().contains("$.id"), e.getMessage());
    assertEquals("GET", take(server).getMethod());
    assertEquals(1, server.getRequestCount(), "nothing sent after the read");
  }

  @Test
  void aFleetLooksPastAListedNodeWithoutAnId() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = String.valueOf(request.getPath());
            if (path.startsWith("/v1/nodes?")) { // The fleet's bulk read: n_1 and an odd node.
              return json(
                  "{\"object\":\"list\",\"data\":["
                      + nodeJson("odd").replace("\"id\":\"odd\",", "")
                      + ","
                      + nodeJson("n_1")
                      + "]}");
            }
            return json(nodeJson(path.split("[/?]", -1)[3]));
          }
        });

    List<FleetResult<Node>> results =
        lenient
            .fleet()
            .redeployAsync(
                Arrays.asList("n_1", "n_2"),
                RedeployParams.builder().image("vmi_1").requireRunning(true).build(),
                FleetOptions.defaults())
            .get(5, TimeUnit.SECONDS);

    assertEquals("n_1", results.get(0).getOrThrow().getId());
    assertEquals("n_2", results.get(1).getOrThrow().getId());
  }

  @Test
  void aModelBuiltInCodeIsNotMarked() {
    assertEquals(null, new Node().getId(), "only an answer's missing fields throw");
  }

  private static void assertMissing(String field, String path, Executable read) {
    SfcNodesInvalidDataException e = assertThrows(SfcNodesInvalidDataException.class, read);
    assertTrue(e.getMessage().contains("`" + field + "`"), e.getMessage());
    assertTrue(e.getMessage().contains(path), e.getMessage());
  }

  private static String vm(String id, String zone) {
    return "{\"object\":\"vm\",\"id\":\""
        + id
        + "\",\"status\":\"running\",\"created_at\":1,\"updated_at\":1,"
        + zone
        + "}";
  }
}
