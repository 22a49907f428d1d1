package com.sfcompute.nodes.events;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** One wait for a node: its polls (each a {@code nodes.get} or a shared {@code nodes.list}). */
public interface WaitEvent extends EventScope {
  /** The node waited for (id or name). */
  String target();

  /** What the wait waits for, in words: {@code run}, {@code run a new VM}, ... */
  String goal();

  /** How many polls were taken so far (failed ones too). */
  int polls();

  /** The node's status at the last poll, or null before the first or after a failed one. */
  @Nullable String nodeStatus();

  /** The status of the node's current VM at the last poll, or null. */
  @Nullable String vmStatus();

  /** Why the last poll failed, or null when it read the node. */
  @Nullable Throwable pollError();

  /** After a poll: how long until the next one; zero at the end. */
  Duration nextDelay();

  /** From the wait's start until now, or until its end once it ended. */
  Duration elapsed();

  /**
   * At the end: why the wait did not reach its goal ({@code WaitTimeoutException}, {@code
   * NodeStateException}, a cancellation), or null when it did.
   */
  @Nullable Throwable error();
}
