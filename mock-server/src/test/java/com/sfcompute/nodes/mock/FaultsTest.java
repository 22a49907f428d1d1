package com.sfcompute.nodes.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.sfcompute.nodes.mock.junit5.MockNodesServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultsTest {
  static final String REDEPLOY = "/v1/nodes/{id}/redeploy";

  @RegisterExtension
  static final MockNodesServerExtension MOCK =
      MockNodesServerExtension.builder()
          .server(MockNodesServer.builder().transitionDelay(Duration.ZERO))
          .build();

  private MockNodesServer server() {
    return MOCK.server();
  }

  private Api api() {
    return new Api(server());
  }

  @Test
  void statusFaultAnswersTheEnvelopeWithoutApplyingTheRequest() {
    server().faults().next(1, "POST", "/v1/nodes", Fault.status(500));
    JsonObject error = api().post("/v1/nodes", Nodes.createBody("first")).error(500, "api_error");
    assertEquals(
        "injected_fault",
        error.getAsJsonArray("details").get(0).getAsJsonObject().get("code").getAsString());
    assertEquals(0, server().counters().creates());

    api().post("/v1/nodes", Nodes.createBody("first")).expect(201);
    assertEquals(1, server().counters().creates());
  }

  @Test
  void serviceUnavailableSpeaksItsOwnType() {
    server().faults().next(Fault.status(503));
    api().get("/v0/zones").error(503, "service_unavailable");
  }

  @Test
  void tooManyRequestsCarriesRetryAfterInSecondsAndMilliseconds() {
    server().faults().next(Fault.tooManyRequests(Duration.ofMillis(1500)));
    Api.Answer answer = api().get("/v0/zones");
    answer.error(429, "api_error");
    assertEquals("2", answer.header("Retry-After"));
    assertEquals("1500", answer.header("Retry-After-Ms"));
  }

  @Test
  void extraHeadersGoOutWithTheFault() {
    server().faults().next(Fault.status(500).withHeader("x-should-retry", "false"));
    assertEquals("false", api().get("/v0/zones").expect(500).header("x-should-retry"));
  }

  @Test
  void proxyBodiesAreSentExactly() {
    server().faults().next(Fault.body(502, "text/html", "<html>Bad gateway</html>"));
    Api.Answer answer = api().unchecked().get("/v0/zones").expect(502);
    assertEquals("<html>Bad gateway</html>", answer.body);
    assertEquals("text/html", answer.contentType);
  }

  @Test
  void dropBeforeActionIsAnIoErrorAndNothingHappened() {
    JsonObject node = Nodes.create(api(), "drop-before");
    server().faults().next(1, "PUT", REDEPLOY, Fault.dropBeforeAction());

    assertThrows(
        IOException.class, () -> api().sendOrThrow("PUT", "/v1/nodes/drop-before/redeploy", "{}"));

    assertEquals(0, server().counters().redeploys());
    assertEquals(
        Nodes.currentVmId(node),
        Nodes.currentVmId(api().get("/v1/nodes/drop-before").expect(200).json()));
  }

  @Test
  void dropAfterActionIsAnIoErrorYetTheActionHappened() {
    JsonObject node = Nodes.create(api(), "drop-after");
    server().faults().next(1, "PUT", REDEPLOY, Fault.dropAfterAction());

    assertThrows(
        IOException.class, () -> api().sendOrThrow("PUT", "/v1/nodes/drop-after/redeploy", "{}"));

    assertEquals(1, server().counters().redeploys());
    assertNotEquals(
        Nodes.currentVmId(node),
        Nodes.currentVmId(api().get("/v1/nodes/drop-after").expect(200).json()));
  }

  @Test
  void retryWithTheSameKeyAfterALostAnswerGetsThatAnswerAndActsOnce() throws IOException {
    Nodes.create(api(), "safe-retry");
    server().faults().next(1, "PUT", REDEPLOY, Fault.dropAfterAction());
    String[] key = {"Idempotency-Key", "redeploy-1"};

    assertThrows(
        IOException.class,
        () -> api().sendOrThrow("PUT", "/v1/nodes/safe-retry/redeploy", "{}", key));
    Api.Answer retry = api().sendOrThrow("PUT", "/v1/nodes/safe-retry/redeploy", "{}", key);

    retry.expect(200);
    assertEquals("true", retry.header("Idempotent-Replayed"));
    assertEquals(1, server().counters().redeploys());
    assertEquals(2, server().counters().requests("PUT", REDEPLOY));
  }

  @Test
  void blindRetryAfterALostAnswerActsTwice() throws IOException {
    Nodes.create(api(), "blind-retry");
    server().faults().next(1, "PUT", REDEPLOY, Fault.dropAfterAction());

    assertThrows(
        IOException.class, () -> api().sendOrThrow("PUT", "/v1/nodes/blind-retry/redeploy", "{}"));
    api().sendOrThrow("PUT", "/v1/nodes/blind-retry/redeploy", "{}").expect(200);

    assertEquals(2, server().counters().redeploys());
  }

  @Test
  void truncatedBodyIsAnIoErrorAfterTheActionHappened() {
    server().faults().next(1, "POST", "/v1/nodes", Fault.truncatedBody(10));
    assertThrows(
        IOException.class,
        () -> api().sendOrThrow("POST", "/v1/nodes", Nodes.createBody("cut-short")));
    assertEquals(1, server().counters().creates());
  }

  @Test
  void scriptedFaultsHitOnlyTheNextMatchingRequests() {
    Nodes.create(api(), "scripted");
    server().faults().next(2, "put", "/v1/nodes/*/redeploy", Fault.status(503));
    assertEquals(2, server().faults().pending());

    api().get("/v1/nodes/scripted").expect(200);
    api().put("/v1/nodes/scripted/redeploy", "{}").expect(503);
    assertEquals(1, server().faults().pending());
    api().put("/v1/nodes/scripted/redeploy", "{}").expect(503);
    api().put("/v1/nodes/scripted/redeploy", "{}").expect(200);
    assertEquals(0, server().faults().pending());
    assertEquals(1, server().counters().redeploys());
  }

  @Test
  void doubleStarMatchesAnyDepthAndStarOneSegment() {
    server().faults().next(1, "*", "/v1/**", Fault.status(500));
    api().get("/v0/zones").expect(200);
    api().get("/v1/nodes").expect(500);
    server().faults().next(1, "GET", "/v0/*", Fault.status(500));
    api().get("/v0/zones/hayesvalley").expect(200);
    api().get("/v0/zones").expect(500);
  }

  @Test
  void ratesDrawnFromTheSameSeedRepeat() {
    List<Integer> first = statusesUnderRate(99);
    List<Integer> second = statusesUnderRate(99);
    assertEquals(first, second);
    assertTrue(first.contains(200) && first.contains(500), first.toString());
  }

  private static List<Integer> statusesUnderRate(long seed) {
    try (MockNodesServer server = MockNodesServer.builder().seed(seed).start()) {
      server.faults().rate(0.5, "GET", "/v0/zones", Fault.status(500));
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        statuses.add(new Api(server).get("/v0/zones").status);
      }
      return statuses;
    }
  }

  @Test
  void rateOfOneAlwaysFiresAndZeroNever() {
    server().faults().rate(0.0, Fault.status(500)).rate(1.0, "GET", "/v0/zones", Fault.status(503));
    api().get("/v1/vms/images").expect(200);
    api().get("/v0/zones").expect(503);
    api().get("/v0/zones").expect(503);
    server().faults().clear();
    api().get("/v0/zones").expect(200);
  }

  @Test
  void latencyHoldsTheAnswerAtLeastThatLong() {
    server().faults().latency(Duration.ofMillis(120), Duration.ofMillis(30));
    long start = System.nanoTime();
    api().get("/v0/zones").expect(200);
    assertTrue(System.nanoTime() - start >= 120_000_000L);

    server()
        .faults()
        .latency(Duration.ZERO, Duration.ZERO)
        .next(Fault.latency(Duration.ofMillis(100)));
    start = System.nanoTime();
    api().get("/v0/zones").expect(200);
    assertTrue(System.nanoTime() - start >= 100_000_000L);
  }

  @Test
  void slowBodyArrivesWholeButLate() {
    server().faults().next(Fault.slowBody(128, Duration.ofMillis(10)));
    long start = System.nanoTime();
    Api.Answer answer = api().get("/v0/zones").expect(200);
    long chunks = (answer.body.getBytes(StandardCharsets.UTF_8).length + 127L) / 128;
    assertTrue(chunks > 1, "the body spans several chunks");
    assertTrue(System.nanoTime() - start >= chunks * 10_000_000L);
    assertEquals(2, answer.json().getAsJsonArray("data").size());
  }

  @Test
  void faultedRequestsAreStillRecordedAndCounted() {
    server().faults().next(Fault.dropBeforeAction());
    assertThrows(
        IOException.class,
        () ->
            api()
                .sendOrThrow(
                    "POST", "/v1/nodes", Nodes.createBody("recorded"), "Idempotency-Key", "rec-1"));
    assertEquals(1, server().counters().requests("POST", "/v1/nodes"));
    ReceivedRequest request = server().requests().get(0);
    assertEquals("POST", request.method());
    assertEquals("/v1/nodes", request.path());
    assertEquals("rec-1", request.header("idempotency-key"));
    assertTrue(request.body().contains("recorded"));
  }
}
