package com.sfcompute.nodes;

import java.time.Duration;

/**
 * Waits between retries and polls: with the client's {@link java.time.Clock}, the one time source
 * of every wait, blocking or asynchronous. The default sleeps the calling thread (asynchronous
 * waits then use a timer thread instead, holding no thread while they wait); tests inject one that
 * advances a fake clock, so that they run in milliseconds and never flake.
 */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps the calling thread. */
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  /** Waits {@code duration}, or throws when the thread is interrupted. */
  void sleep(Duration duration) throws InterruptedException;
}
