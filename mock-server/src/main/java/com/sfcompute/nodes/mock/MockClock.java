package com.sfcompute.nodes.mock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when a test moves it, so that state transitions happen without sleeping.
 *
 * <pre>{@code
 * MockClock clock = MockClock.create();
 * try (MockNodesServer server = MockNodesServer.builder().clock(clock).start()) {
 *   // create a node: it is pending
 *   clock.advance(Duration.ofSeconds(2));
 *   // get it again: it is running
 * }
 * }</pre>
 *
 * <p>Thread-safe: tests may advance it while the server reads it.
 */
public final class MockClock extends Clock {
  /** 2025-02-08T00:00:00Z, the timestamp the spec's examples use. */
  public static final Instant DEFAULT_START = Instant.ofEpochSecond(1_738_972_800L);

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MockClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock standing at {@link #DEFAULT_START}, so that timestamps are the same on every run. */
  public static MockClock create() {
    return at(DEFAULT_START);
  }

  /** A clock standing at {@code start}. */
  public static MockClock at(Instant start) {
    Objects.requireNonNull(start, "start == null");
    return new MockClock(new AtomicReference<>(start), ZoneOffset.UTC);
  }

  /**
   * Moves the clock forward by {@code duration}.
   *
   * @return this clock
   * @throws IllegalArgumentException if {@code duration} is negative
   */
  public MockClock advance(Duration duration) {
    Objects.requireNonNull(duration, "duration == null");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration < 0: " + duration);
    }
    now.updateAndGet(t -> t.plus(duration));
    return this;
  }

  /**
   * Sets the clock to {@code instant}; going back in time is allowed, though the mock's state never
   * moves back with it.
   *
   * @return this clock
   */
  public MockClock set(Instant instant) {
    Objects.requireNonNull(instant, "instant == null");
    now.set(instant);
    return this;
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view of the same moving time in another zone: advancing either advances both. */
  @Override
  public Clock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone == null");
    return zone.equals(this.zone) ? this : new MockClock(now, zone);
  }

  @Override
  public String toString() {
    return "MockClock[" + now.get() + "]";
  }
}
