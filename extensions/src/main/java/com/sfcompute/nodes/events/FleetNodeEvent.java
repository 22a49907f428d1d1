package com.sfcompute.nodes.events;

import com.sfcompute.nodes.FleetResult;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One node of a fleet, from its start (its write is sent) to its result; its calls and its wait
 * have it as their {@link #parent}.
 */
public interface FleetNodeEvent extends EventScope {
  /** The fleet. */
  FleetEvent fleet();

  /** The node's place in the list the fleet was given. */
  int index();

  /** The node (id or name) as given. */
  String target();

  /** The key of the node's write. */
  String idempotencyKey();

  /** From the node's start until now, or until its result. */
  Duration duration();

  /** At the end: the node's result; null before. */
  FleetResult.@Nullable Outcome outcome();

  /** At the end: why the node did not succeed, or null. */
  @Nullable Throwable error();
}
