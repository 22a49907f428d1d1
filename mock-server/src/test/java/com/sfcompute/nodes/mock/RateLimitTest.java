package com.sfcompute.nodes.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.sfcompute.nodes.mock.junit5.MockNodesServerExtension;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rate limit: a token bucket on the server's clock, so every case runs on a MockClock. */
class RateLimitTest {
  static final MockClock CLOCK = MockClock.create();

  /** Two requests per second in bursts of three, configured through the extension. */
  @RegisterExtension
  static final MockNodesServerExtension MOCK =
      MockNodesServerExtension.builder()
          .server(
              MockNodesServer.builder()
                  .clock(CLOCK)
                  .transitionDelay(Duration.ofSeconds(3))
                  .rateLimit(2, 3))
          .build();

  private static Api api() {
    return new Api(MOCK.server());
  }

  private static int zones() {
    return api().get("/v0/zones").status;
  }

  @Test
  void burstPassesThenTheRate() {
    assertEquals(200, zones());
    assertEquals(200, zones());
    assertEquals(200, zones());
    assertEquals(429, zones());

    CLOCK.advance(Duration.ofMillis(499));
    assertEquals(429, zones());
    CLOCK.advance(Duration.ofMillis(1)); // half a second at 2/s: one token
    assertEquals(200, zones());
    assertEquals(429, zones());

    CLOCK.advance(Duration.ofMinutes(1)); // refills up to the burst, no further
    assertEquals(200, zones());
    assertEquals(200, zones());
    assertEquals(200, zones());
    assertEquals(429, zones());
    assertEquals(4, MOCK.server().counters().throttled());
    assertEquals(4, MOCK.server().counters().throttled("GET", "/v0/zones"));
    assertEquals(
        Collections.singletonMap("GET /v0/zones", 4), MOCK.server().counters().throttledByRoute());
    assertEquals(11, MOCK.server().counters().requests("GET", "/v0/zones"));
  }

  @ParameterizedTest
  @EnumSource(RetryAfter.class)
  void throttledAnswerIsTheErrorEnvelopeWithTheChosenHint(RetryAfter hint) {
    MOCK.server().rateLimit(4, 1, hint);
    assertEquals(200, zones());
    CLOCK.advance(Duration.ofMillis(100)); // 0.4 of a token: 150 ms to go

    Api.Answer throttled = api().get("/v1/nodes").expect(429);

    JsonObject error = throttled.error(429, "api_error");
    assertEquals(
        "rate_limited",
        error.getAsJsonArray("details").get(0).getAsJsonObject().get("code").getAsString());
    assertEquals(
        "Rate limit exceeded: at most 4 requests per second, in bursts of 1",
        error.get("message").getAsString());
    assertEquals(hint == RetryAfter.SECONDS ? "1" : null, throttled.header("Retry-After"));
    assertEquals(hint == RetryAfter.MILLIS ? "150" : null, throttled.header("Retry-After-Ms"));
  }

  @Test
  void throttledRedeployHasNoEffect() {
    MockNodesServer server = MOCK.server();
    server.rateLimitOff();
    String id = Nodes.create(api(), "throttled").get("id").getAsString();
    CLOCK.advance(Duration.ofSeconds(3));
    String vm = Nodes.currentVmId(api().get("/v1/nodes/" + id).expect(200).json());
    server.rateLimit(1, 1, RetryAfter.NONE);
    server.counters().reset();
    assertEquals(200, zones());

    api().put("/v1/nodes/" + id + "/redeploy", "{}", "Idempotency-Key", "k1").expect(429);

    assertEquals(vm, server.state().node(id).getCurrentVm().getId());
    assertEquals(0, server.counters().redeploys());
    assertEquals(0, server.counters().redeploys(id));
    assertEquals(0, server.counters().maxOutOfService());
    assertEquals(1, server.counters().throttled("PUT", "/v1/nodes/{id}/redeploy"));
    assertEquals(1, server.counters().requests("PUT", "/v1/nodes/{id}/redeploy"));
    // Nothing was stored under the key: sent again once allowed, the redeploy is applied.
    CLOCK.advance(Duration.ofSeconds(1));
    api().put("/v1/nodes/" + id + "/redeploy", "{}", "Idempotency-Key", "k1").expect(200);
    assertEquals(1, server.counters().redeploys(id));
    assertEquals(0, server.counters().idempotentReplays());
  }

  @Test
  void requestsWithoutAValidTokenUseNoneOfTheBudget() {
    MOCK.server().rateLimit(0.001, 1, RetryAfter.NONE);
    api().withToken("wrong").get("/v0/zones").error(401, "authentication_error");
    api().withToken("wrong").get("/v0/zones").error(401, "authentication_error");
    assertEquals(200, zones());
    assertEquals(429, zones());
  }

  @Test
  void injectedFaultsComeBeforeTheLimit() {
    MOCK.server().rateLimit(0.001, 1, RetryAfter.NONE);
    MOCK.server().faults().next(1, Fault.status(503));
    assertEquals(503, zones());
    assertEquals(200, zones());
    assertEquals(0, MOCK.server().counters().throttled());
  }

  @Test
  void limitChangesAtRunTimeAndResetRestoresTheBuildersLimit() {
    MockNodesServer server = MOCK.server();
    server.rateLimitOff();
    for (int i = 0; i < 10; i++) {
      assertEquals(200, zones());
    }
    server.rateLimit(0.001, 1, RetryAfter.SECONDS);
    assertEquals(200, zones());
    assertEquals("1000", api().get("/v0/zones").expect(429).header("Retry-After"));

    server.reset();

    assertEquals(0, server.counters().throttled());
    for (int i = 0; i < 3; i++) {
      assertEquals(200, zones());
    }
    Api.Answer throttled = api().get("/v0/zones").expect(429);
    assertNull(throttled.header("Retry-After")); // the builder's hint: none
  }

  @Test
  void badLimitsAreRefused() {
    MockNodesServer server = MOCK.server();
    assertThrows(IllegalArgumentException.class, () -> server.rateLimit(0, 1, RetryAfter.NONE));
    assertThrows(
        IllegalArgumentException.class, () -> server.rateLimit(Double.NaN, 1, RetryAfter.NONE));
    assertThrows(IllegalArgumentException.class, () -> server.rateLimit(1, 0, RetryAfter.NONE));
    assertThrows(NullPointerException.class, () -> server.rateLimit(1, 1, null));
    assertThrows(IllegalArgumentException.class, () -> MockNodesServer.builder().rateLimit(-1, 5));
  }
}
