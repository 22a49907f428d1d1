package com.sfcompute.nodes.internal.events;

import com.sfcompute.nodes.events.EventScope;
import com.sfcompute.nodes.events.WaitEvent;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** One wait as its listeners see it; times on the client's clock, as the wait's own. */
public final class WaitRecord extends Scope implements WaitEvent {
  private final String target;
  private final String goal;
  private volatile int polls;
  private volatile @Nullable String nodeStatus;
  private volatile @Nullable String vmStatus;
  private volatile @Nullable Throwable pollError;
  private volatile Duration nextDelay = Duration.ZERO;
  private volatile Duration elapsed = Duration.ZERO;
  private volatile @Nullable Throwable error;

  public WaitRecord(@Nullable EventScope parent, String target, String goal) {
    super(parent);
    this.target = target;
    this.goal = goal;
  }

  /** A poll read the node. */
  public void polled(
      int polls, Duration elapsed, String nodeStatus, @Nullable String vmStatus, Duration next) {
    this.polls = polls;
    this.elapsed = elapsed;
    this.nodeStatus = nodeStatus;
    this.vmStatus = vmStatus;
    this.pollError = null;
    this.nextDelay = next;
  }

  /** A poll failed. */
  public void pollFailed(int polls, Duration elapsed, Throwable error, Duration next) {
    this.polls = polls;
    this.elapsed = elapsed;
    this.nodeStatus = null;
    this.vmStatus = null;
    this.pollError = error;
    this.nextDelay = next;
  }

  /** The wait ended: its goal reached when {@code error} is null. */
  public void ended(Duration elapsed, @Nullable Throwable error) {
    this.elapsed = elapsed;
    this.nextDelay = Duration.ZERO;
    this.error = error;
  }

  @Override
  public String target() {
    return target;
  }

  @Override
  public String goal() {
    return goal;
  }

  @Override
  public int polls() {
    return polls;
  }

  @Override
  public @Nullable String nodeStatus() {
    return nodeStatus;
  }

  @Override
  public @Nullable String vmStatus() {
    return vmStatus;
  }

  @Override
  public @Nullable Throwable pollError() {
    return pollError;
  }

  @Override
  public Duration nextDelay() {
    return nextDelay;
  }

  @Override
  public Duration elapsed() {
    return elapsed;
  }

  @Override
  public @Nullable Throwable error() {
    return error;
  }

  @Override
  public String toString() {
    return "WaitEvent{" + target + " to " + goal + ", " + polls + " polls}";
  }
}
