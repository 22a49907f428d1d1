package com.sfcompute.nodes.events;

import java.time.Duration;

/** One fleet call: many nodes, each with its own scope ({@link FleetNodeEvent}). */
public interface FleetEvent extends EventScope {
  /** The operation: {@code fleet.redeploy}, {@code fleet.release} or {@code fleet.extend}. */
  String operation();

  /** How many nodes the fleet was given. */
  int size();

  /** Whether each node is waited for until it runs again. */
  boolean waits();

  /** How many nodes finished so far, and how many of those succeeded. */
  int finished();

  /** How many of the finished nodes succeeded. */
  int succeeded();

  /** From the fleet's start until now, or until its end once it ended. */
  Duration duration();
}
