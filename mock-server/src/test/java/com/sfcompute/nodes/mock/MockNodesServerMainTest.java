package com.sfcompute.nodes.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MockNodesServerMainTest {
  @Test
  void optionsConfigureTheServer() {
    MockNodesServer.Builder builder =
        MockNodesServerMain.parse(
            new String[] {
              "--port",
              "0",
              "--token=cli",
              "--transition-delay",
              "50ms",
              "--seed",
              "3",
              "--vm-status-case",
              "lower",
              "--script-form",
              "BYTES",
              "--allow-unknown-fields"
            });
    try (MockNodesServer server = builder.start()) {
      assertEquals("cli", server.token());
      assertEquals(3, server.seed());
      new Api(server).get("/v0/zones?unknown=1").expect(200);
    }
  }

  @Test
  void rateLimitOptionsThrottleWithTheChosenHint() {
    MockNodesServer.Builder builder =
        MockNodesServerMain.parse(
            new String[] {
              "--rate-limit",
              "0.001",
              "--burst=2",
              "--retry-after",
              "seconds",
              "--transition-delay",
              "3s"
            });
    try (MockNodesServer server = builder.start()) {
      Api api = new Api(server);
      api.get("/v0/zones").expect(200);
      api.get("/v0/zones").expect(200);
      assertEquals("1000", api.get("/v0/zones").expect(429).header("Retry-After"));
    }
  }

  @Test
  void burstDefaultsToOneSecondOfTheRate() {
    try (MockNodesServer server =
        MockNodesServerMain.parse(new String[] {"--rate-limit", "0.5", "--retry-after=MILLIS"})
            .start()) {
      Api api = new Api(server);
      api.get("/v0/zones").expect(200);
      Api.Answer throttled = api.get("/v0/zones").expect(429);
      assertNull(throttled.header("Retry-After"));
      assertTrue(Long.parseLong(throttled.header("Retry-After-Ms")) > 1000);
    }
  }

  @Test
  void badRateLimitOptionsAreRefused() {
    assertEquals(
        "--burst needs --rate-limit",
        assertThrows(
                IllegalArgumentException.class,
                () -> MockNodesServerMain.parse(new String[] {"--burst", "5"}))
            .getMessage());
    for (String[] args :
        new String[][] {
          {"--rate-limit", "0"},
          {"--rate-limit", "-3"},
          {"--rate-limit", "fast"},
          {"--rate-limit", "5", "--burst", "0"},
          {"--retry-after", "sometimes"}
        }) {
      assertThrows(IllegalArgumentException.class, () -> MockNodesServerMain.parse(args));
    }
  }

  @Test
  void helpAsksForUsage() {
    assertNull(MockNodesServerMain.parse(new String[] {"--help"}));
    assertNull(MockNodesServerMain.parse(new String[] {"--port", "1", "-h"}));
  }

  @Test
  void badOptionsAreRefusedWithAReason() {
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> MockNodesServerMain.parse(new String[] {"--nope"}));
    assertEquals("unknown option --nope", unknown.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> MockNodesServerMain.parse(new String[] {"--port"}));
    assertThrows(
        IllegalArgumentException.class,
        () -> MockNodesServerMain.parse(new String[] {"--port", "http"}));
    assertThrows(
        IllegalArgumentException.class,
        () -> MockNodesServerMain.parse(new String[] {"--vm-status-case", "shouting"}));
  }

  @Test
  void durationsTakeUnitsIsoOrMilliseconds() {
    assertEquals(Duration.ofSeconds(2), MockNodesServerMain.parseDuration("2s"));
    assertEquals(Duration.ofMillis(1500), MockNodesServerMain.parseDuration("1.5s"));
    assertEquals(Duration.ofMillis(50), MockNodesServerMain.parseDuration("50ms"));
    assertEquals(Duration.ofMinutes(1), MockNodesServerMain.parseDuration("1m"));
    assertEquals(Duration.ofSeconds(2), MockNodesServerMain.parseDuration("PT2S"));
    assertEquals(Duration.ofMillis(250), MockNodesServerMain.parseDuration("250"));
    assertThrows(IllegalArgumentException.class, () -> MockNodesServerMain.parseDuration("soon"));
  }
}
