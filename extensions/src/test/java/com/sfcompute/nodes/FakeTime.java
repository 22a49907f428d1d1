package com.sfcompute.nodes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A clock that moves only when someone sleeps on it: the clock and sleeper given to a client under
 * test. Records every wait.
 */
final class FakeTime extends Clock {
  private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");
  final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Instant instant() {
    return now;
  }

  synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }

  /** Waits by moving the clock. */
  Sleeper sleeper() {
    return duration -> {
      waits.add(duration);
      advance(duration);
    };
  }

  /**
   * Gives a client under test this clock and sleeper: the public recipe, which also drives its
   * asynchronous waits.
   */
  SfcNodes.Builder install(SfcNodes.Builder builder) {
    return builder.clock(this).sleeper(sleeper());
  }

  Duration elapsedSinceStart() {
    return Duration.between(Instant.parse("2026-01-01T00:00:00Z"), now);
  }
}
