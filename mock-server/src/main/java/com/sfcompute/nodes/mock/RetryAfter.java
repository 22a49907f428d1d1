package com.sfcompute.nodes.mock;

/**
 * Which retry hint a {@link MockNodesServer} sends with a {@code 429} for its {@linkplain
 * MockNodesServer.Builder#rateLimit rate limit}; the wait it names is until the next request would
 * be let through.
 */
public enum RetryAfter {
  /** No hint: the client must choose its own back-off. The default. */
  NONE,
  /** {@code Retry-After} in whole seconds, rounded up (so at least 1). */
  SECONDS,
  /** {@code Retry-After-Ms} in milliseconds, rounded up (so at least 1). */
  MILLIS
}
