package com.sfcompute.nodes.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
