package com.sfcompute.nodes.mock;

import java.util.Locale;

/**
 * How the mock spells VM statuses.
 *
 * <p>The generated SDKs and the spec's {@code VmStatus} enum use PascalCase ({@code Running}); the
 * published redeploy example answers lower case ({@code running}). Clients must accept both, so
 * tests should try both.
 */
public enum VmStatusCase {
  /** {@code Pending}, {@code Running}, {@code Destroyed}, {@code NodeFailure}: the default. */
  PASCAL,
  /** {@code pending}, {@code running}, {@code destroyed}, {@code nodefailure}. */
  LOWER;

  String spell(String pascal) {
    return this == PASCAL ? pascal : pascal.toLowerCase(Locale.ROOT);
  }
}
