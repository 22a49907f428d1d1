package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static com.sfcompute.nodes.TestHttp.envelope;
import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.nodeJson;
import static com.sfcompute.nodes.TestHttp.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.errors.BadRequestException;
import com.sfcompute.nodes.errors.InternalServerException;
import com.sfcompute.nodes.errors.NotFoundException;
import com.sfcompute.nodes.errors.RedirectException;
import com.sfcompute.nodes.errors.SfcNodesServiceException;
import com.sfcompute.nodes.errors.SfcNodesTimeoutException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code client.withOptions(...)}: one call differs from the client's defaults; the pool is shared.
 */
class RequestOptionsTest {
  private final MockWebServer server = new MockWebServer();
  private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
  private SfcNodes client;

  @BeforeEach
  void setUp() throws IOException {
    server.start();
    client =
        clientBuilder(server, "sk-test")
            .maxRetries(2)
            .sleeper(waits::add)
            .jitter(() -> 0)
            .timeout(Duration.ofSeconds(60))
            .build();
  }

  @AfterEach
  void tearDown() throws IOException {
    client.close();
    server.shutdown();
  }

  @Test
  void aViewsTimeoutBoundsItsAttemptsWhileTheClientKeepsItsOwn() {
    server.enqueue(json(nodeJson("n_1")).throttleBody(1, 500, TimeUnit.MILLISECONDS));
    SfcNodes quick =
        client.withOptions(
            RequestOptions.builder().timeout(Duration.ofMillis(700)).maxRetries(0).build());

    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> assertThrows(SfcNodesTimeoutException.class, () -> quick.nodes().get("n_1")));

    server.enqueue(json(nodeJson("n_1")));
    assertEquals("n_1", client.nodes().get("n_1").getId(), "the client itself is unchanged");
  }

  @Test
  void aViewsMaxRetriesReplacesTheClients() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(envelope(503, "service_unavailable", "busy"));
    }
    SfcNodes noRetries = client.withOptions(RequestOptions.builder().maxRetries(0).build());

    assertThrows(InternalServerException.class, () -> noRetries.nodes().get("n_1"));

    assertEquals(1, server.getRequestCount());
    assertTrue(waits.isEmpty(), waits.toString());
    assertEquals(0, noRetries.maxRetries());
    assertEquals(2, client.maxRetries());
  }

  @Test
  void aViewAddsItsHeadersToTheClientsAndTheViewsWin() throws Exception {
    try (SfcNodes withTeam = clientBuilder(server, "sk-test").header("X-Team", "infra").build()) {
      server.enqueue(json(nodeJson("n_1")));
      withTeam
          .withOptions(
              RequestOptions.builder().header("X-Trace-Id", "t-1").header("X-Team", "ml").build())
          .nodes()
          .get("n_1");

      RecordedRequest sent = take(server);
      assertEquals("t-1", sent.getHeader("X-Trace-Id"));
      assertEquals("ml", sent.getHeader("X-Team"));
      assertEquals("Bearer sk-test", sent.getHeader("Authorization"));
    }
  }

  /**
   * A key belongs to one write: two different creates through one view carry two keys, so that a
   * server deduplicating by key alone buys both.
   */
  @Test
  void twoCreatesThroughOneViewCarryTwoKeys() throws Exception {
    server.enqueue(json(201, "{\"object\":\"list\",\"data\":[]}"));
    server.enqueue(json(201, "{\"object\":\"list\",\"data\":[]}"));
    SfcNodes view =
        client.withOptions(
            RequestOptions.builder().timeout(Duration.ofSeconds(5)).header("X-Team", "ml").build());

    view.nodes()
        .create(CreateNodesParams.builder().desiredCount(1).maxPricePerNodeHour(100).build());
    view.nodes()
        .create(CreateNodesParams.builder().desiredCount(2).maxPricePerNodeHour(100).build());

    String first = take(server).getHeader("Idempotency-Key");
    String second = take(server).getHeader("Idempotency-Key");
    assertNotNull(first);
    assertNotNull(second);
    assertNotEquals(first, second);
  }

  /** A fleet through a view still derives one key per node. */
  @Test
  void aFleetThroughAViewDerivesAKeyPerNode() throws Exception {
    server.enqueue(json(nodeJson("n_1")));
    server.enqueue(json(nodeJson("n_2")));
    SfcNodes view = client.withOptions(RequestOptions.builder().maxRetries(0).build());

    view.fleet().release(Arrays.asList("n_1", "n_2"), FleetOptions.defaults());

    String first = take(server).getHeader("Idempotency-Key");
    String second = take(server).getHeader("Idempotency-Key");
    assertNotNull(first);
    assertNotNull(second);
    assertNotEquals(first, second);
  }

  @Test
  void aViewSharesThePoolAndClosingItLeavesTheClientOpen() throws Exception {
    server.enqueue(json(nodeJson("n_1")));
    server.enqueue(json(nodeJson("n_1")));
    server.enqueue(json(nodeJson("n_1")));
    client.nodes().get("n_1");

    try (SfcNodes view = client.withOptions(RequestOptions.none())) {
      view.nodes().get("n_1");
    }
    client.nodes().get("n_1");

    assertEquals(0, take(server).getSequenceNumber());
    assertEquals(1, take(server).getSequenceNumber(), "the view reused the client's connection");
    assertEquals(2, take(server).getSequenceNumber(), "the client still works after view.close()");
  }

  @Test
  void optionsAreValuesAndHideHeaderValues() {
    RequestOptions a =
        RequestOptions.builder().timeout(Duration.ofSeconds(5)).header("X-Key", "s3cr3t").build();
    RequestOptions b = a.toBuilder().build();

    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, a.toBuilder().maxRetries(1).build());
    assertFalse(a.toString().contains("s3cr3t"), a.toString());
    assertTrue(a.toString().contains("X-Key"), a.toString());
    assertNull(RequestOptions.none().timeout());
  }

  @Test
  void badOptionsAreRefusedNamingTheSetting() {
    RequestOptions.Builder b = RequestOptions.builder();

    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> b.timeout(Duration.ofNanos(999_999)))
            .getMessage()
            .contains("timeout"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> b.maxRetries(-1))
            .getMessage()
            .contains("maxRetries"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> b.header("Authorization", "Bearer x"))
            .getMessage()
            .contains("Authorization"));
    IllegalArgumentException lineBreak =
        assertThrows(IllegalArgumentException.class, () -> b.header("X-A", "a\r\nb"));
    assertTrue(lineBreak.getMessage().contains("X-A"), lineBreak.getMessage());
    IllegalArgumentException key =
        assertThrows(IllegalArgumentException.class, () -> b.header("Idempotency-Key", "k"));
    assertTrue(key.getMessage().contains("Idempotency-Key"), key.getMessage());
  }

  // What users' own fakes of the service interfaces build.

  @Test
  void apiResponseOfIsWhatAFakeReturns() {
    ApiResponse<String> response =
        ApiResponse.of(
            200, Collections.singletonMap("x-request-id", Arrays.asList("req_1")), "body");

    assertEquals(200, response.statusCode());
    assertEquals("req_1", response.requestId());
    assertEquals("body", response.body());
    assertThrows(IllegalArgumentException.class, () -> ApiResponse.of(404, emptyHeaders(), "x"));
  }

  @Test
  void theExceptionBuilderGivesTheClassOfEachStatus() {
    assertInstanceOf(NotFoundException.class, error(404).build());
    assertInstanceOf(BadRequestException.class, error(400).build());
    assertInstanceOf(InternalServerException.class, error(502).build());
    assertEquals(SfcNodesServiceException.class, error(410).build().getClass());
    assertEquals(SfcNodesServiceException.class, error(101).build().getClass());
    assertEquals(SfcNodesServiceException.class, error(600).build().getClass());
    assertThrows(IllegalArgumentException.class, () -> error(200));
    assertThrows(IllegalArgumentException.class, () -> error(1000));
    SfcNodesServiceException redirect =
        error(302)
            .headers(Collections.singletonMap("location", Arrays.asList("https://elsewhere/x")))
            .build();
    assertEquals("https://elsewhere/x", ((RedirectException) redirect).location());
    assertTrue(
        assertThrows(
                IllegalStateException.class,
                () -> SfcNodesServiceException.builder().statusCode(404).path("/x").build())
            .getMessage()
            .contains("`method` is required"));
  }

  private static SfcNodesServiceException.Builder error(int status) {
    return SfcNodesServiceException.builder()
        .statusCode(status)
        .errorMessage("m")
        .method("GET")
        .path("/v1/nodes/x");
  }

  private static Map<String, List<String>> emptyHeaders() {
    return Collections.emptyMap();
  }
}
