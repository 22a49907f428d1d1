package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static com.sfcompute.nodes.TestHttp.envelope;
import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.errors.OutcomeUnknownException;
import com.sfcompute.nodes.errors.SfcNodesException;
import com.sfcompute.nodes.events.AttemptEvent;
import com.sfcompute.nodes.events.CallEvent;
import com.sfcompute.nodes.events.RetryEvent;
import com.sfcompute.nodes.events.SfcNodesListener;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a client's listeners are told of its calls, over real HTTP. */
class ListenerTest {
  private final MockWebServer server = new MockWebServer();
  private final FakeTime time = new FakeTime();
  private final RecordingListener events = new RecordingListener();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private SfcNodes client;

  @BeforeEach
  void setUp() throws IOException {
    server.start();
    client =
        time.install(clientBuilder(server, "sk-test-listener"))
            .maxRetries(2)
            .listener(events)
            .logger(log::add)
            .build();
  }

  @AfterEach
  void tearDown() throws IOException {
    client.close();
    server.shutdown();
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aRetriedReadTellsEachAttemptAndTheRetryBetweenThem(boolean async) throws Exception {
    server.enqueue(envelope(503, "service_unavailable", "busy"));
    server.enqueue(json(CallTable.NODE));

    String id =
        async ? client.nodes().getAsync("n_1").get().getId() : client.nodes().get("n_1").getId();

    assertEquals("n_1", id);
    assertEquals(
        Arrays.asList(
            "callStarted nodes.get n_1",
            "attemptStarted 0",
            "attemptEnded 0 503",
            "retryScheduled STATUS",
            "attemptStarted 1",
            "attemptEnded 1 200",
            "callEnded nodes.get n_1"),
        withoutDelays(events.lines()));
    CallEvent call = events.events(CallEvent.class).get(0);
    assertEquals("GET", call.httpMethod());
    assertEquals("/v1/nodes/{id}", call.urlTemplate());
    assertEquals(async, call.async());
    assertEquals(2, call.attempts());
    assertEquals(200, call.statusCode());
    assertNull(call.error());
    assertNull(call.parent());
    RetryEvent retry = events.events(RetryEvent.class).get(0);
    assertTrue(retry.countsAsRetry());
    assertEquals(time.waits.get(0), retry.delay(), "the delay told is the one waited");
    assertEquals(503, retry.statusCode());
    assertSame(call, retry.call());
    for (AttemptEvent attempt : events.events(AttemptEvent.class)) {
      assertSame(call, attempt.call());
      assertEquals(server.getHostName(), attempt.serverAddress());
      assertEquals(server.getPort(), attempt.serverPort());
      assertTrue(attempt.url().endsWith("/v1/nodes/n_1"), attempt.url());
    }
  }

  private static List<String> withoutDelays(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      out.add(line.replaceAll(" \\d+ms$", ""));
    }
    return out;
  }

  @Test
  void aWriteWhoseAnswerIsLostEndsWithOutcomeUnknownAndCarriesItsKey() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));

    assertThrows(
        OutcomeUnknownException.class,
        () ->
            client
                .nodes()
                .extend(
                    "n_1",
                    ExtendNodeParams.builder()
                        .durationSeconds(3600)
                        .maxPricePerNodeHour(100)
                        .idempotencyKey("extend-key-1")
                        .build()));

    CallEvent call = events.events(CallEvent.class).get(0);
    assertEquals("nodes.extend", call.operation());
    assertEquals("extend-key-1", call.idempotencyKey());
    assertInstanceOf(OutcomeUnknownException.class, call.error());
    assertEquals(
        "callEnded nodes.extend n_1 OutcomeUnknownException", events.lines("callEnded").get(0));
    assertNotNull(
        events.events(AttemptEvent.class).get(1).error(), "the attempt failed without answer");
  }

  @Test
  void aCallOnADeadPooledConnectionIsToldAsAReplayThatIsNotARetry() {
    server.enqueue(json(CallTable.ZONE_LIST).setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));
    server.enqueue(json(CallTable.NODE));
    client.zones().list(); // Leaves a connection in the pool that the server then closes.

    client.nodes().get("n_1");

    List<RetryEvent> resends = events.events(RetryEvent.class);
    assertEquals(1, resends.size(), events.lines().toString());
    assertEquals(RetryEvent.Reason.DEAD_CONNECTION, resends.get(0).reason());
    assertEquals(Duration.ZERO, resends.get(0).delay());
    assertFalse(resends.get(0).countsAsRetry());
    List<AttemptEvent> attempts = events.events(AttemptEvent.class);
    AttemptEvent died = attempts.get(attempts.size() - 3);
    assertTrue(died.reusedConnection(), "the replayed attempt went on the pooled connection");
    assertNotNull(died.error());
  }

  @Test
  void aRedirectToAnotherOriginIsToldAndNotFollowed() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(302)
            .setHeader("Location", "https://elsewhere.example/x?token=1"));

    assertThrows(SfcNodesException.class, () -> client.nodes().get("n_1"));

    assertEquals(
        Collections.singletonList("redirectRefused 302 https://elsewhere.example/x"),
        events.lines("redirectRefused"));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void anAttemptMayAddAHeaderButNotOneTheSdkOwns() throws Exception {
    List<Throwable> refused = new ArrayList<>();
    events.onAttempt =
        attempt -> {
          attempt.setHeader(
              "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
          for (String owned : Arrays.asList("Authorization", "Idempotency-Key", "Host")) {
            try {
              attempt.setHeader(owned, "x");
            } catch (IllegalArgumentException e) {
              refused.add(e);
            }
          }
        };
    server.enqueue(json(CallTable.NODE));

    client.nodes().get("n_1");

    RecordedRequest request = take(server);
    assertEquals(
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        request.getHeader("traceparent"));
    assertEquals("Bearer sk-test-listener", request.getHeader("Authorization"));
    assertEquals(3, refused.size());
    AttemptEvent sent = events.events(AttemptEvent.class).get(0);
    assertThrows(IllegalStateException.class, () -> sent.setHeader("x-late", "1"));
  }

  @Test
  void aListenerThatThrowsIsLoggedOnceAndChangesNothing() {
    SfcNodesListener broken =
        new SfcNodesListener() {
          @Override
          public void callStarted(CallEvent call) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void attemptEnded(AttemptEvent attempt) {
            throw new IllegalStateException("listener bug again");
          }
        };
    RecordingListener after = new RecordingListener();
    try (SfcNodes both =
        time.install(clientBuilder(server, "sk-test-listener"))
            .listener(broken)
            .listener(after)
            .logger(log::add)
            .build()) {
      server.enqueue(json(CallTable.NODE));
      server.enqueue(json(CallTable.NODE));

      assertEquals("n_1", both.nodes().get("n_1").getId());
      assertEquals("n_1", both.nodes().get("n_1").getId());
    }

    assertEquals(1, log.size(), log.toString());
    assertTrue(
        log.get(0).contains("callStarted") && log.get(0).contains("listener bug"), log.get(0));
    assertEquals(8, after.lines().size(), "the next listener is told of everything");
  }

  @Test
  void aViewIsHeardByTheClientsListeners() {
    server.enqueue(json(CallTable.NODE));

    client
        .withOptions(RequestOptions.builder().timeout(Duration.ofSeconds(5)).build())
        .nodes()
        .get("n_1");

    assertEquals("callStarted nodes.get n_1", events.lines().get(0));
    assertEquals(4, events.lines().size());
  }

  @Test
  void withoutListenersNothingIsBuiltAndCallsWorkAsBefore() {
    try (SfcNodes quiet = time.install(clientBuilder(server, "sk-test-listener")).build()) {
      server.enqueue(json(CallTable.NODE));
      assertEquals("n_1", quiet.nodes().get("n_1").getId());
    }
    assertTrue(events.lines().isEmpty());
  }
}
