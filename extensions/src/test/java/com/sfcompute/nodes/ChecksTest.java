package com.sfcompute.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The bounds Checks holds as constants are the RFC 3339 instants they stand for. */
class ChecksTest {
  @Test
  void theRfc3339BoundsAreTheFirstAndLastInstantsOfFourDigitYears() {
    assertEquals(Instant.parse("0000-01-01T00:00:00Z"), Checks.RFC_3339_MIN);
    assertEquals(Instant.parse("9999-12-31T23:59:59.999999999Z"), Checks.RFC_3339_MAX);
  }

  @Test
  void theBoundsThemselvesAreAcceptedAndOneBeyondIsRefusedNamingTheField() {
    assertSame(Checks.RFC_3339_MIN, Checks.rfc3339(Checks.RFC_3339_MIN, "since"));
    assertSame(Checks.RFC_3339_MAX, Checks.rfc3339(Checks.RFC_3339_MAX, "since"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Checks.rfc3339(Checks.RFC_3339_MIN.minusNanos(1), "since"));
    assertEquals(true, e.getMessage().startsWith("since must be between"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Checks.rfc3339(Checks.RFC_3339_MAX.plusNanos(1), "until"));
  }

  @Test
  void aNullIsRefusedNamingTheField() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> Checks.notNull(null, "params"));
    assertEquals("params == null", e.getMessage());
  }
}
