package com.sfcompute.nodes;

/** Told by a waiter of the first state it reads and of every change of state after it. */
@FunctionalInterface
public interface WaitListener {
  /** The node's status, its current VM or that VM's status changed. Keep it quick. */
  void onChange(WaitProgress progress);
}
