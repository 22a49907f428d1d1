package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static com.sfcompute.nodes.TestHttp.envelope;
import static com.sfcompute.nodes.TestHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.errors.BadRequestException;
import com.sfcompute.nodes.errors.InternalServerException;
import com.sfcompute.nodes.errors.NotFoundException;
import com.sfcompute.nodes.errors.OutcomeUnknownException;
import com.sfcompute.nodes.errors.SfcNodesException;
import com.sfcompute.nodes.errors.SfcNodesIoException;
import com.sfcompute.nodes.errors.SfcNodesServiceException;
import com.sfcompute.nodes.errors.SfcNodesTimeoutException;
import com.sfcompute.nodes.errors.UnauthorizedException;
import com.sfcompute.nodes.errors.UnprocessableEntityException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bearer token never leaves the Authorization header: not in exceptions (messages, toString,
 * stack traces, causes), not in the client's or the builder's toString, not in logs.
 */
class SecretsTest {
  private static final String TOKEN = "sk-test-SECRET-123";

  /** What a log or message would show if the token leaked in part. */
  private static final String TOKEN_PART = "SECRET";

  private final MockWebServer server = new MockWebServer();
  private final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
  private SfcNodes client;

  @BeforeEach
  void setUp() throws IOException {
    server.start();
    client = builder().build();
  }

  @AfterEach
  void tearDown() throws IOException {
    client.close();
    server.shutdown();
  }

  // Exceptions for error answers

  @Test
  void a400EnvelopeDoesNotCarryTheToken() {
    server.enqueue(
        envelope(
            400,
            "invalid_request_error",
            "Invalid request",
            ",\"details\":[{\"code\":\"invalid_value\",\"message\":\"bad\",\"field\":\"x\"}]"));

    SfcNodesException e = callFails(BadRequestException.class, () -> client.nodes().list());

    assertTrue(e.getMessage().startsWith("400 invalid_request_error: Invalid request"));
  }

  @Test
  void a401EnvelopeDoesNotCarryTheToken() {
    server.enqueue(envelope(401, "authentication_error", "Missing or invalid bearer token", ""));

    SfcNodesException e = callFails(UnauthorizedException.class, () -> client.nodes().get("n_1"));

    assertEquals(
        "401 authentication_error: Missing or invalid bearer token (GET /v1/nodes/n_1)",
        e.getMessage());
  }

  @Test
  void a404EnvelopeDoesNotCarryTheToken() {
    server.enqueue(envelope(404, "not_found", "Node not found", ""));

    callFails(NotFoundException.class, () -> client.nodes().get("x"));
  }

  @Test
  void a422EnvelopeDoesNotCarryTheToken() {
    server.enqueue(envelope(422, "unprocessable_entity", "Extension failed due to capacity", ""));

    callFails(
        UnprocessableEntityException.class,
        () ->
            client
                .nodes()
                .extend(
                    "n_1",
                    ExtendNodeParams.builder()
                        .durationSeconds(3600)
                        .maxPricePerNodeHour(1)
                        .build()));
  }

  @Test
  void a500EnvelopeOnAReadDoesNotCarryTheToken() {
    server.enqueue(envelope(500, "api_error", "Internal server error", ""));

    callFails(InternalServerException.class, () -> client.zones().list());
  }

  @Test
  void anHtmlErrorPageDoesNotCarryTheToken() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(502)
            .setHeader("Content-Type", "text/html")
            .setBody("<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>"));

    SfcNodesException e = callFails(InternalServerException.class, () -> client.nodes().list());

    assertTrue(e.getMessage().contains("502 Bad Gateway"), e.getMessage());
  }

  @Test
  void anOutcomeUnknownAfterA500OnAWriteDoesNotCarryTheToken() {
    server.enqueue(envelope(500, "api_error", "Internal server error", ""));

    OutcomeUnknownException e =
        callFails(
            OutcomeUnknownException.class,
            () ->
                client
                    .nodes()
                    .create(
                        CreateNodesParams.builder()
                            .desiredCount(1)
                            .maxPricePerNodeHour(1)
                            .idempotencyKey("key-1")
                            .build()));

    assertEquals("key-1", e.idempotencyKey());
    assertInstanceOf(InternalServerException.class, e.getCause());
  }

  @Test
  void anOutcomeUnknownAfterADroppedConnectionDoesNotCarryTheToken() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));

    OutcomeUnknownException e =
        callFails(
            OutcomeUnknownException.class,
            () -> client.nodes().redeploy("n_1", RedeployParams.inheritAll()));

    assertInstanceOf(SfcNodesIoException.class, e.getCause());
  }

  // Exceptions for transport failures

  @Test
  void aRefusedConnectionDoesNotCarryTheToken() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SfcNodes refused =
        SfcNodes.builder()
            .bearerToken(TOKEN)
            .baseUrl("http://127.0.0.1:" + closedPort + "/")
            .maxRetries(0)
            .build();

    try {
      SfcNodesException e = callFails(SfcNodesIoException.class, () -> refused.nodes().get("n_1"));
      assertTrue(e.getMessage().startsWith("Connection failed: GET /v1/nodes/n_1"), e.getMessage());
      // Never sent, so a plain I/O failure (not "outcome unknown") even for a write.
      callFails(SfcNodesIoException.class, () -> refused.nodes().release("n_1"));
    } finally {
      refused.close();
    }
  }

  @Test
  void aReadTimeoutDoesNotCarryTheToken() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    SfcNodes impatient = builder().timeout(Duration.ofSeconds(1)).build();

    try {
      callFails(SfcNodesTimeoutException.class, () -> impatient.nodes().get("n_1"));
    } finally {
      impatient.close();
    }
  }

  @Test
  void aTimeoutOnAWriteIsOutcomeUnknownWithoutTheToken() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    SfcNodes impatient = builder().timeout(Duration.ofSeconds(1)).build();

    try {
      OutcomeUnknownException e =
          callFails(
              OutcomeUnknownException.class,
              () -> impatient.vms().script().create(StartupScript.ofText("echo hi")));
      assertInstanceOf(SfcNodesTimeoutException.class, e.getCause());
    } finally {
      impatient.close();
    }
  }

  @Test
  void anAsyncFailureDoesNotCarryTheToken() throws Exception {
    server.enqueue(envelope(404, "not_found", "Node not found", ""));

    CompletableFuture<?> future = client.nodes().getAsync("x");

    ExecutionException e =
        assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
    assertNoToken(e);
    assertInstanceOf(NotFoundException.class, e.getCause());
  }

  // toString

  @Test
  void theClientAndItsBuilderNeverShowTheToken() {
    SfcNodes.Builder builder = builder();
    try (SfcNodes built = builder.build()) {
      assertFalse(built.toString().contains(TOKEN_PART), built.toString());
      assertFalse(builder.toString().contains(TOKEN_PART), builder.toString());
      assertTrue(builder.toString().contains("bearerToken=<redacted>"), builder.toString());
    }
    assertTrue(
        SfcNodes.builder().toString().contains("bearerToken=unset"), SfcNodes.builder().toString());
  }

  // Logs

  @ParameterizedTest
  @EnumSource(
      value = SfcNodes.LogLevel.class,
      names = {"HEADERS", "BODY"})
  void logsRedactTheAuthorizationHeader(SfcNodes.LogLevel level) {
    server.enqueue(json(200, "{\"object\":\"list\",\"data\":[]}"));
    server.enqueue(
        json(201, "{\"object\":\"list\",\"data\":[]}").addHeader("Set-Cookie", "session=abc123"));
    server.enqueue(envelope(401, "authentication_error", "Missing or invalid bearer token", ""));

    try (SfcNodes logged = builder().logLevel(level).logger(logLines::add).build()) {
      logged.nodes().list();
      logged
          .nodes()
          .create(CreateNodesParams.builder().desiredCount(1).maxPricePerNodeHour(1).build());
      assertThrows(UnauthorizedException.class, () -> logged.nodes().get("n_1"));
    }

    List<String> lines = new ArrayList<>(logLines);
    // The log is real: each request and its headers were logged, the token redacted.
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("--> GET ")), String.join("\n", lines));
    assertEquals(
        3, lines.stream().filter("Authorization: ██"::equals).count(), String.join("\n", lines));
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("Set-Cookie: ██")), String.join("\n", lines));
    for (String line : lines) {
      assertFalse(line.contains(TOKEN_PART), line);
    }
    if (level == SfcNodes.LogLevel.BODY) {
      assertTrue(
          lines.stream().anyMatch(l -> l.contains("\"desired_count\":1")),
          "BODY logs the request body:\n" + String.join("\n", lines));
    }
  }

  @Test
  void logsOfAFailedConnectionDoNotCarryTheToken() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));

    try (SfcNodes logged =
        builder().logLevel(SfcNodes.LogLevel.BODY).logger(logLines::add).build()) {
      assertThrows(SfcNodesIoException.class, () -> logged.nodes().get("n_1"));
    }

    List<String> lines = new ArrayList<>(logLines);
    assertTrue(lines.contains("Authorization: ██"), String.join("\n", lines));
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("<-- HTTP FAILED")), String.join("\n", lines));
    for (String line : lines) {
      assertFalse(line.contains(TOKEN_PART), line);
    }
  }

  // Helpers

  /** Runs a call that must fail with {@code type}, and checks the token is nowhere in it. */
  private static <E extends SfcNodesException> E callFails(Class<E> type, Executable call) {
    E e = assertThrows(type, call);
    assertNoToken(e);
    return e;
  }

  /** Message, toString, stack trace and every cause (the service errors' headers too). */
  private static void assertNoToken(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertFalse(trace.toString().contains(TOKEN_PART), trace.toString());
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains(TOKEN_PART), t.getMessage());
      assertFalse(t.toString().contains(TOKEN_PART), t.toString());
      if (t instanceof SfcNodesServiceException) {
        SfcNodesServiceException service = (SfcNodesServiceException) t;
        assertFalse(service.headers().toString().contains(TOKEN_PART));
        assertFalse(service.errorMessage().contains(TOKEN_PART));
      }
    }
  }

  private SfcNodes.Builder builder() {
    return clientBuilder(server, TOKEN);
  }
}
