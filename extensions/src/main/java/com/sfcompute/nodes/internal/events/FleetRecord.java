package com.sfcompute.nodes.internal.events;

import com.sfcompute.nodes.FleetResult;
import com.sfcompute.nodes.events.EventScope;
import com.sfcompute.nodes.events.FleetEvent;
import com.sfcompute.nodes.events.FleetNodeEvent;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** One fleet as its listeners see it, and the records of its nodes. */
public final class FleetRecord extends Scope implements FleetEvent {
  private final String operation;
  private final int size;
  private final boolean waits;
  private final long startNanos = System.nanoTime();
  private volatile long endNanos;
  private final AtomicInteger finished = new AtomicInteger();
  private final AtomicInteger succeeded = new AtomicInteger();

  public FleetRecord(@Nullable EventScope parent, String operation, int size, boolean waits) {
    super(parent);
    this.operation = operation;
    this.size = size;
    this.waits = waits;
  }

  /** The record of the node at {@code index}, whose write carries {@code key}. */
  public Node node(int index, String target, String key) {
    return new Node(index, target, key);
  }

  /** Every node has its result. */
  public void ended() {
    endNanos = System.nanoTime();
  }

  @Override
  public String operation() {
    return operation;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean waits() {
    return waits;
  }

  @Override
  public int finished() {
    return finished.get();
  }

  @Override
  public int succeeded() {
    return succeeded.get();
  }

  @Override
  public Duration duration() {
    long end = endNanos;
    return Duration.ofNanos((end != 0 ? end : System.nanoTime()) - startNanos);
  }

  @Override
  public String toString() {
    return "FleetEvent{" + operation + ", " + size + " nodes}";
  }

  /** One node of the fleet. */
  public final class Node extends Scope implements FleetNodeEvent {
    private final int index;
    private final String target;
    private final String key;
    private final long nodeStartNanos = System.nanoTime();
    private volatile long nodeEndNanos;
    private volatile FleetResult.@Nullable Outcome outcome;
    private volatile @Nullable Throwable error;

    Node(int index, String target, String key) {
      super(FleetRecord.this);
      this.index = index;
      this.target = target;
      this.key = key;
    }

    /** The node has its result. */
    public void ended(FleetResult.Outcome outcome, @Nullable Throwable error) {
      this.outcome = outcome;
      this.error = error;
      this.nodeEndNanos = System.nanoTime();
      finished.incrementAndGet();
      if (outcome == FleetResult.Outcome.SUCCEEDED) {
        succeeded.incrementAndGet();
      }
    }

    @Override
    public FleetEvent fleet() {
      return FleetRecord.this;
    }

    @Override
    public int index() {
      return index;
    }

    @Override
    public String target() {
      return target;
    }

    @Override
    public String idempotencyKey() {
      return key;
    }

    @Override
    public Duration duration() {
      long end = nodeEndNanos;
      return Duration.ofNanos((end != 0 ? end : System.nanoTime()) - nodeStartNanos);
    }

    @Override
    public FleetResult.@Nullable Outcome outcome() {
      return outcome;
    }

    @Override
    public @Nullable Throwable error() {
      return error;
    }

    @Override
    public String toString() {
      return "FleetNodeEvent{" + target + " #" + index + "}";
    }
  }
}
