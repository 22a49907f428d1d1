package com.sfcompute.nodes.events;

/**
 * Told of a client's work as it happens: register with {@code SfcNodes.Builder.listener} (several
 * may be; views from {@code withOptions} share them). Every method has an empty default: implement
 * what you need.
 *
 * <p>Order, for one call: {@link #callStarted}, then per attempt {@link #attemptStarted} and {@link
 * #attemptEnded}, with {@link #retryScheduled} between two attempts, then {@link #callEnded}. A
 * wait: {@link #waitStarted}, {@link #waitPolled} after each poll (its read is a call of its own,
 * whose {@link EventScope#parent} is the wait), {@link #waitEnded}. A fleet: {@link #fleetStarted},
 * per node {@link #fleetNodeStarted} and {@link #fleetNodeEnded} (its calls and wait have the node
 * as parent), {@link #fleetEnded}. A poll shared by several waits has as parent the fleet they all
 * belong to, if they do, else none.
 *
 * <p>A listener that throws never changes a call: its exception is logged once per listener, to the
 * client's logger, and later ones are dropped. Listeners are told on the thread doing the work;
 * they must be quick and thread-safe.
 */
public interface SfcNodesListener {
  /** A call starts: on the caller's thread, before anything is sent. */
  default void callStarted(CallEvent call) {}

  /** An attempt is about to be sent; it may still add headers ({@link AttemptEvent#setHeader}). */
  default void attemptStarted(AttemptEvent attempt) {}

  /** An attempt ended: its answer's headers came, or it failed. */
  default void attemptEnded(AttemptEvent attempt) {}

  /** The call will be sent again after {@link RetryEvent#delay()}. */
  default void retryScheduled(RetryEvent retry) {}

  /** The server answered with a redirect the SDK does not follow; the call ends with it. */
  default void redirectRefused(RedirectEvent redirect) {}

  /** A call ended, with its value or its exception ({@link CallEvent#error()}). */
  default void callEnded(CallEvent call) {}

  /** A wait starts. */
  default void waitStarted(WaitEvent wait) {}

  /** A wait took one poll, successful or not, and goes on after {@link WaitEvent#nextDelay()}. */
  default void waitPolled(WaitEvent wait) {}

  /** A wait ended: its goal reached, or {@link WaitEvent#error()}. */
  default void waitEnded(WaitEvent wait) {}

  /** A fleet call starts. */
  default void fleetStarted(FleetEvent fleet) {}

  /** One node of a fleet starts: its write is about to be sent. */
  default void fleetNodeStarted(FleetNodeEvent node) {}

  /** One node of a fleet has its result. */
  default void fleetNodeEnded(FleetNodeEvent node) {}

  /** A fleet call ended: every node has its result. */
  default void fleetEnded(FleetEvent fleet) {}
}
