package com.sfcompute.nodes;

import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.Vm;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What a waiter saw at one read: the node, how long it has waited, how many reads it made. */
public final class WaitProgress {
  private final Node node;
  private final Duration elapsed;
  private final int polls;

  WaitProgress(Node node, Duration elapsed, int polls) {
    this.node = node;
    this.elapsed = elapsed;
    this.polls = polls;
  }

  /** The node as this read returned it. */
  public Node node() {
    return node;
  }

  /** The node's status as sent ({@code running}, ...). */
  public String nodeStatus() {
    return node.getStatus();
  }

  /** The id of the node's current VM, or null. */
  public @Nullable String vmId() {
    Vm vm = node.getCurrentVm();
    return vm == null ? null : vm.getId();
  }

  /** The status of the node's current VM as sent ({@code Running} or {@code running}, ...). */
  public @Nullable String vmStatus() {
    Vm vm = node.getCurrentVm();
    return vm == null ? null : vm.getStatus();
  }

  /** How long the wait had lasted at this read, by the client's clock. */
  public Duration elapsed() {
    return elapsed;
  }

  /** Reads made so far, this one included. */
  public int polls() {
    return polls;
  }

  /** Whether this read shows the same node status, current VM and VM status as {@code other}. */
  boolean sameState(@Nullable WaitProgress other) {
    return other != null
        && Objects.equals(nodeStatus(), other.nodeStatus())
        && Objects.equals(vmId(), other.vmId())
        && Objects.equals(vmStatus(), other.vmStatus());
  }

  /** Like {@code node n_1 running, VM vm_2 Pending (12.0 s)}. */
  @Override
  public String toString() {
    String vm = vmId() == null ? "no VM" : "VM " + vmId() + " " + vmStatus();
    return "node "
        + node.getId()
        + " "
        + nodeStatus()
        + ", "
        + vm
        + " ("
        + Math.floorDiv(elapsed.toMillis(), 100) / 10.0 // whole tenths of a second
        + " s)";
  }
}
