package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.nodeJson;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.CallTable.Kind;
import com.sfcompute.nodes.CallTable.Op;
import com.sfcompute.nodes.errors.SfcNodesException;
import com.sfcompute.nodes.errors.SfcNodesInvalidDataException;
import com.sfcompute.nodes.errors.SfcNodesServiceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Answers a well-behaved API never gives but a proxy or a bug might: each is an {@link
 * SfcNodesException}, never a raw runtime exception and never a {@code null} from a method typed to
 * return a model.
 */
class UnexpectedAnswersTest {
  private final MockWebServer server = new MockWebServer();
  private SfcNodes client;

  @BeforeEach
  void setUp() throws IOException {
    server.start();
    client = clientBuilder(server, "sk-test").timeout(Duration.ofSeconds(5)).build();
  }

  @AfterEach
  void tearDown() throws IOException {
    client.close();
    server.shutdown();
  }

  // 8. A negative Content-Length

  static Stream<Arguments> everyCallAndANegativeLength() {
    List<Arguments> rows = new ArrayList<>();
    for (Arguments row : CallTable.rows(op -> true)) {
      for (int length : new int[] {-1, -5}) {
        rows.add(Arguments.of(row.get()[0], row.get()[1], length));
      }
    }
    return rows.stream();
  }

  /**
   * The server answers with a valid body but {@code Content-Length: -1} or {@code -5}, then closes.
   * The call fails with an SfcNodesException; no thread prints a stack trace.
   */
  @ParameterizedTest(name = "{0} {1} Content-Length {2}")
  @MethodSource("everyCallAndANegativeLength")
  void aNegativeContentLengthIsAnSfcNodesException(Kind kind, Op op, int length) throws Exception {
    ExecutorService okHttpThreads = Executors.newCachedThreadPool();
    List<Throwable> uncaught = Collections.synchronizedList(new ArrayList<>());
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    Thread.UncaughtExceptionHandler originalHandler = Thread.getDefaultUncaughtExceptionHandler();
    Throwable thrown;
    try (RawHttpServer raw =
        RawHttpServer.start(
            0,
            Duration.ofSeconds(5),
            exchange ->
                exchange.raw(
                    "HTTP/1.1 "
                        + (op.status == 204 ? 200 : op.status)
                        + " OK\r\nContent-Type: application/json\r\nContent-Length: "
                        + length
                        + "\r\n\r\n"
                        + (op.body.isEmpty() ? "{}" : op.body)))) {
      System.setErr(new PrintStream(stderr, true, UTF_8.name()));
      Thread.setDefaultUncaughtExceptionHandler(
          (thread, e) -> {
            uncaught.add(e);
            if (originalHandler != null) {
              originalHandler.uncaughtException(thread, e);
            }
          });
      // The caller's OkHttpClient, so that the test can wait for its threads to finish.
      OkHttpClient http =
          new OkHttpClient.Builder().dispatcher(new Dispatcher(okHttpThreads)).build();
      try (SfcNodes c =
          SfcNodes.builder()
              .bearerToken("sk-test")
              .baseUrl(raw.url())
              .httpClient(http)
              .maxRetries(0)
              .timeout(Duration.ofSeconds(5))
              .build()) {
        thrown = assertThrows(Throwable.class, () -> op.call(c, kind));
      }
      okHttpThreads.shutdown();
      assertTrue(okHttpThreads.awaitTermination(10, TimeUnit.SECONDS), "OkHttp threads ended");
    } finally {
      System.setErr(originalErr);
      Thread.setDefaultUncaughtExceptionHandler(originalHandler);
      okHttpThreads.shutdownNow();
    }
    assertInstanceOf(SfcNodesException.class, thrown, thrown.toString());
    assertEquals(Collections.emptyList(), uncaught, "exceptions escaped on OkHttp threads");
    assertEquals("", stderr.toString(UTF_8.name()), "printed to stderr");
  }

  // 9. Empty answers where a model is expected

  static Stream<Arguments> modelCallsAndEmptyAnswers() {
    List<Arguments> rows = new ArrayList<>();
    for (Arguments row : CallTable.rows(op -> op != Op.DELETE)) {
      rows.add(Arguments.of(row.get()[0], row.get()[1], 204));
      rows.add(Arguments.of(row.get()[0], row.get()[1], 200));
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} {1} answered {2} without a body")
  @MethodSource("modelCallsAndEmptyAnswers")
  void anEmptyAnswerWhereAModelIsExpectedIsInvalidData(Kind kind, Op op, int status) {
    server.enqueue(
        status == 204
            ? new MockResponse().setResponseCode(204)
            : new MockResponse()
                .setResponseCode(status)
                .setHeader("Content-Type", "application/json")
                .setBody(""));

    assertThrows(SfcNodesInvalidDataException.class, () -> op.call(client, kind));
  }

  static Stream<Arguments> deleteAnswers() {
    List<Arguments> rows = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (int status : new int[] {200, 202}) {
        rows.add(Arguments.of(kind, status, ""));
        rows.add(Arguments.of(kind, status, "{\"object\":\"node\",\"id\":\"n_1\"}"));
      }
    }
    return rows.stream();
  }

  /** The node was deleted (or the delete accepted): whatever the body, the call succeeds. */
  @ParameterizedTest(name = "{0} DELETE answered {1} with body [{2}]")
  @MethodSource("deleteAnswers")
  void aDeleteAnswered200Or202Succeeds(Kind kind, int status, String body) {
    server.enqueue(json(status, body));

    Op.DELETE.call(client, kind);

    assertEquals(1, server.getRequestCount());
  }

  static Stream<Arguments> nodeCalls() {
    return CallTable.rows(
        op -> op == Op.GET || op == Op.EXTEND || op == Op.RELEASE || op == Op.REDEPLOY)
        .stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("nodeCalls")
  void anEmptyObjectWhereANodeIsExpectedIsInvalidData(Kind kind, Op op) {
    server.enqueue(json(200, "{}"));

    assertThrows(SfcNodesInvalidDataException.class, () -> op.call(client, kind));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("nodeCalls")
  void aNodeMissingARequiredFieldIsInvalidDataNamingTheField(Kind kind, Op op) {
    server.enqueue(json(200, nodeJson("n_1").replace("\"gpu_type\":\"H100\",", "")));

    SfcNodesInvalidDataException e =
        assertThrows(SfcNodesInvalidDataException.class, () -> op.call(client, kind));

    assertTrue(e.getMessage().contains("gpu_type"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aListWhoseElementMissesARequiredFieldIsInvalidData(Kind kind) {
    String incomplete = nodeJson("n_2").replace(",\"node_type\":\"reserved\"", "");
    server.enqueue(
        json(200, "{\"object\":\"list\",\"data\":[" + nodeJson("n_1") + "," + incomplete + "]}"));

    SfcNodesInvalidDataException e =
        assertThrows(SfcNodesInvalidDataException.class, () -> Op.LIST.call(client, kind));

    assertTrue(e.getMessage().contains("node_type"), e.getMessage());
  }

  // 10. Status lines outside what the API uses

  static Stream<Arguments> everyCallAndAStatusNoneExpects() {
    List<Arguments> rows = new ArrayList<>();
    for (Arguments row : CallTable.rows(op -> true)) {
      for (int status : new int[] {101, 600, 999}) {
        rows.add(Arguments.of(row.get()[0], row.get()[1], status));
      }
    }
    return rows.stream();
  }

  /**
   * A {@code 101} (no upgrade was asked for) or a status past 599 is a service error carrying that
   * status, never the exception builder's own IllegalArgumentException.
   */
  @ParameterizedTest(name = "{0} {1} answered {2}")
  @MethodSource("everyCallAndAStatusNoneExpects")
  void aStatusTheApiNeverUsesIsAServiceErrorWithThatStatus(Kind kind, Op op, int status) {
    server.enqueue(new MockResponse().setResponseCode(status));

    Throwable thrown = assertThrows(Throwable.class, () -> op.call(client, kind));

    assertInstanceOf(SfcNodesException.class, thrown, thrown.toString());
    Throwable service =
        thrown instanceof SfcNodesServiceException ? thrown : thrown.getCause(); // Outcome unknown
    assertInstanceOf(SfcNodesServiceException.class, service, thrown.toString());
    assertEquals(status, ((SfcNodesServiceException) service).statusCode());
    assertEquals(1, server.getRequestCount(), "not retried");
  }
}
