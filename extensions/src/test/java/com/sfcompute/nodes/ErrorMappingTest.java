package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static com.sfcompute.nodes.TestHttp.envelope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.errors.BadRequestException;
import com.sfcompute.nodes.errors.ConflictException;
import com.sfcompute.nodes.errors.ErrorDetail;
import com.sfcompute.nodes.errors.InternalServerException;
import com.sfcompute.nodes.errors.NotFoundException;
import com.sfcompute.nodes.errors.OutcomeUnknownException;
import com.sfcompute.nodes.errors.PaymentRequiredException;
import com.sfcompute.nodes.errors.PermissionDeniedException;
import com.sfcompute.nodes.errors.RateLimitException;
import com.sfcompute.nodes.errors.SfcNodesException;
import com.sfcompute.nodes.errors.SfcNodesInvalidDataException;
import com.sfcompute.nodes.errors.SfcNodesServiceException;
import com.sfcompute.nodes.errors.UnauthorizedException;
import com.sfcompute.nodes.errors.UnprocessableEntityException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How error answers become exceptions: one class per common status, readable messages. */
class ErrorMappingTest {
  private final MockWebServer server = new MockWebServer();
  private SfcNodes client;

  @BeforeEach
  void setUp() throws IOException {
    server.start();
    client = clientBuilder(server, "sk-test").build();
  }

  @AfterEach
  void tearDown() throws IOException {
    client.close();
    server.shutdown();
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(400, "invalid_request_error", BadRequestException.class),
        Arguments.of(401, "authentication_error", UnauthorizedException.class),
        Arguments.of(402, "payment_required", PaymentRequiredException.class),
        Arguments.of(403, "forbidden", PermissionDeniedException.class),
        Arguments.of(404, "not_found", NotFoundException.class),
        Arguments.of(409, "conflict", ConflictException.class),
        Arguments.of(422, "unprocessable_entity", UnprocessableEntityException.class),
        Arguments.of(429, "rate_limited", RateLimitException.class),
        Arguments.of(500, "api_error", InternalServerException.class),
        Arguments.of(502, "api_error", InternalServerException.class),
        Arguments.of(503, "service_unavailable", InternalServerException.class),
        Arguments.of(408, "request_timed_out", SfcNodesServiceException.class),
        Arguments.of(410, "gone", SfcNodesServiceException.class));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("statuses")
  void eachStatusMapsToItsExceptionWithAReadableMessage(
      int status, String type, Class<? extends SfcNodesServiceException> expected) {
    server.enqueue(envelope(status, type, "Something happened"));

    SfcNodesServiceException e =
        assertThrows(SfcNodesServiceException.class, () -> client.nodes().get("x"));

    assertSame(expected, e.getClass());
    assertEquals(status, e.statusCode());
    assertEquals(type, e.type());
    assertEquals("Something happened", e.errorMessage());
    assertEquals(status + " " + type + ": Something happened (GET /v1/nodes/x)", e.getMessage());
    assertEquals("GET", e.method());
    assertEquals("/v1/nodes/x", e.path());
  }

  @Test
  void theMessageReadsLikeTheDocumentedExample() {
    server.enqueue(envelope(404, "not_found", "Node not found"));

    NotFoundException e = assertThrows(NotFoundException.class, () -> client.nodes().get("x"));

    assertEquals("404 not_found: Node not found (GET /v1/nodes/x)", e.getMessage());
  }

  @Test
  void detailsRequestIdAndHeadersAreCarried() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(400)
            .setHeader("Content-Type", "application/json")
            .setHeader("X-Request-Id", "req_123")
            .setBody(
                "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid request\","
                    + "\"details\":[{\"code\":\"invalid_value\",\"message\":\"must be positive\","
                    + "\"field\":\"desired_count\"},{\"code\":\"other\",\"message\":\"m\","
                    + "\"field\":null}]}}"));

    BadRequestException e =
        assertThrows(
            BadRequestException.class,
            () ->
                client
                    .nodes()
                    .create(
                        CreateNodesParams.builder()
                            .desiredCount(0)
                            .maxPricePerNodeHour(1)
                            .build()));

    assertEquals(
        Arrays.asList(
            ErrorDetail.of("invalid_value", "must be positive", "desired_count"),
            ErrorDetail.of("other", "m", null)),
        e.details());
    assertEquals("req_123", e.requestId());
    assertEquals(Collections.singletonList("req_123"), e.headers().get("x-request-id"));
    assertEquals("POST", e.method());
    assertEquals("/v1/nodes", e.path());
  }

  @Test
  void queryStringsArePartOfThePathInMessages() {
    server.enqueue(envelope(400, "invalid_request_error", "bad filter"));

    BadRequestException e =
        assertThrows(
            BadRequestException.class,
            () -> client.nodes().list(ListNodesParams.builder().ids("a", "b").build()));

    assertTrue(e.getMessage().endsWith("(GET /v1/nodes?id=a&id=b)"), e.getMessage());
  }

  @Test
  void anHtmlPageFromAProxyGivesATypedErrorWithASnippet() {
    StringBuilder html = new StringBuilder("<html>\n<body>\n<h1>502 Bad Gateway</h1>\n");
    for (int i = 0; i < 100; i++) {
      html.append("<p>padding line ").append(i).append("</p>\n");
    }
    server.enqueue(
        new MockResponse()
            .setResponseCode(502)
            .setHeader("Content-Type", "text/html")
            .setBody(html.append("</body></html>").toString()));

    InternalServerException e =
        assertThrows(InternalServerException.class, () -> client.nodes().get("x"));

    assertNull(e.type());
    assertEquals(502, e.statusCode());
    assertTrue(
        e.getMessage()
            .startsWith("502: Server Error: unexpected HTML page: 502 Bad Gateway padding line 0"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("... (GET /v1/nodes/x)"), e.getMessage());
    assertTrue(e.getMessage().length() < 300, "a snippet, not the page: " + e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{\"error\":{\"type\":\"api_er", "{\"unexpected\":true}", "[1,2]"})
  void bodiesThatAreNotTheEnvelopeStillGiveATypedError(String body) {
    server.enqueue(new MockResponse().setResponseCode(503).setBody(body));

    InternalServerException e =
        assertThrows(InternalServerException.class, () -> client.nodes().get("x"));

    assertEquals(503, e.statusCode());
    assertNull(e.type());
    assertTrue(e.getMessage().startsWith("503: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("(GET /v1/nodes/x)"), e.getMessage());
  }

  @Test
  void anEnvelopeWithoutAMessageUsesItsType() {
    server.enqueue(
        new MockResponse().setResponseCode(403).setBody("{\"error\":{\"type\":\"forbidden\"}}"));

    PermissionDeniedException e =
        assertThrows(PermissionDeniedException.class, () -> client.zones().list());

    assertEquals("403 forbidden: forbidden (GET /v0/zones)", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "{\"object\":\"node\",\"id\":", "{\"id\":[1,2]}"})
  void aSuccessWhoseBodyCannotBeReadIsAnInvalidDataError(String body) {
    server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(body));

    SfcNodesInvalidDataException e =
        assertThrows(SfcNodesInvalidDataException.class, () -> client.nodes().get("x"));

    assertTrue(e.getMessage().startsWith("Invalid response: GET /v1/nodes/x"), e.getMessage());
  }

  @Test
  void aSuccessWithAnEmptyBodyWhereOneIsExpectedIsAnInvalidDataError() {
    server.enqueue(new MockResponse().setResponseCode(200));

    SfcNodesInvalidDataException e =
        assertThrows(SfcNodesInvalidDataException.class, () -> client.nodes().get("x"));

    assertTrue(e.getMessage().contains("GET /v1/nodes/x"), e.getMessage());
  }

  @Test
  void aServerErrorOnASideEffectIsAnUnknownOutcomeWrappingTheTypedError() {
    server.enqueue(envelope(500, "api_error", "Internal server error"));

    OutcomeUnknownException e =
        assertThrows(
            OutcomeUnknownException.class,
            () ->
                client
                    .nodes()
                    .redeploy(
                        "n_1",
                        RedeployParams.builder().image("vmi_1").idempotencyKey("k-42").build()));

    assertEquals("k-42", e.idempotencyKey());
    assertEquals("PUT", e.method());
    assertEquals("/v1/nodes/n_1/redeploy", e.path());
    InternalServerException cause = assertInstanceOf(InternalServerException.class, e.getCause());
    assertEquals(
        "500 api_error: Internal server error (PUT /v1/nodes/n_1/redeploy)", cause.getMessage());
    assertTrue(e.getMessage().contains("k-42"), e.getMessage());
  }

  @Test
  void aClientErrorOnASideEffectIsDefiniteNotUnknown() {
    server.enqueue(envelope(422, "unprocessable_entity", "Node is not running"));

    SfcNodesException e =
        assertThrows(
            SfcNodesException.class,
            () -> client.nodes().redeploy("n_1", RedeployParams.inheritAll()));

    assertInstanceOf(UnprocessableEntityException.class, e);
  }

  @Test
  void aTokenEchoedBackByAProxyIsScrubbedFromTheError() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(400)
            .setBody("<html>Bad header: Authorization: Bearer sk-test</html>"));
    server.enqueue(envelope(401, "authentication_error", "token sk-test is revoked"));

    BadRequestException html =
        assertThrows(BadRequestException.class, () -> client.nodes().get("x"));
    SfcNodesServiceException json =
        assertThrows(SfcNodesServiceException.class, () -> client.nodes().get("x"));

    assertFalse(html.getMessage().contains("sk-test"), html.getMessage());
    assertTrue(html.getMessage().contains("Bearer <redacted>"), html.getMessage());
    assertEquals("token <redacted> is revoked", json.errorMessage());
  }

  @Test
  void callsOnAClosedClientFailClearlyWithoutSendingAnything() {
    client.close();

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> client.nodes().get("x"));
    assertThrows(IllegalStateException.class, () -> client.zones().listAsync());

    assertEquals("This SfcNodes client is closed", e.getMessage());
    assertEquals(0, server.getRequestCount());
  }
}
