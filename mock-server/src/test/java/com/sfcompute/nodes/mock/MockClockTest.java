package com.sfcompute.nodes.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MockClockTest {
  @Test
  void startsAtTheSpecsExampleTimeAndMovesOnlyWhenTold() {
    MockClock clock = MockClock.create();
    assertEquals(Instant.parse("2025-02-08T00:00:00Z"), clock.instant());
    assertEquals(clock.instant(), clock.instant());
    clock.advance(Duration.ofMillis(1500));
    assertEquals(Instant.parse("2025-02-08T00:00:01.500Z"), clock.instant());
    clock.set(Instant.EPOCH);
    assertEquals(0, clock.millis());
  }

  @Test
  void zonedViewsShareTheTime() {
    MockClock clock = MockClock.at(Instant.EPOCH);
    Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));
    clock.advance(Duration.ofHours(1));
    assertEquals(clock.instant(), paris.instant());
  }

  @Test
  void refusesToRunBackwardsByAdvance() {
    assertThrows(
        IllegalArgumentException.class, () -> MockClock.create().advance(Duration.ofSeconds(-1)));
  }
}
