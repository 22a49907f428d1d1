package com.sfcompute.nodes.events;

import org.jspecify.annotations.Nullable;

/**
 * Something that lasts: a call, a wait, a fleet or one node of a fleet. It is the same object from
 * its start event to its end event, and a listener may keep its own state on it (a span, a start
 * time) with {@link #put} and {@link #get}, keyed by an object of its own.
 */
public interface EventScope {
  /**
   * What this was done for: the wait that issued a poll, the fleet node that issued a redeploy, the
   * fleet of a node; null for what the user called directly.
   */
  @Nullable EventScope parent();

  /** The value a listener put under {@code key}, or null. */
  @Nullable Object get(Object key);

  /** Keeps {@code value} under {@code key} (by identity) on this scope until it ends. */
  void put(Object key, @Nullable Object value);
}
