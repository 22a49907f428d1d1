package com.sfcompute.nodes;

import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.NodeStatus;
import com.sfcompute.nodes.model.Vm;
import com.sfcompute.nodes.model.VmStatus;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What a wait waits for, and which states mean it never will happen. */
abstract class WaitGoal {
  /** What one read of the node says of the goal. */
  enum Verdict {
    DONE,
    WAIT,
    FAILED
  }

  abstract String description();

  abstract Verdict check(Node node);

  abstract String failure(Node node);

  static WaitGoal running() {
    return new WaitGoal() {
      @Override
      String description() {
        return "run";
      }

      @Override
      Verdict check(Node node) {
        if (nodeIsFinished(node) || vmIs(node, VmStatus.NODE_FAILURE)) {
          return Verdict.FAILED;
        }
        Vm vm = node.getCurrentVm();
        boolean vmRuns = vm == null || KnownValues.is(vm.getStatus(), VmStatus.RUNNING);
        return KnownValues.is(node.getStatus(), NodeStatus.RUNNING) && vmRuns
            ? Verdict.DONE
            : Verdict.WAIT;
      }

      @Override
      String failure(Node node) {
        return "Node " + describe(node) + " will not run: " + state(node);
      }
    };
  }

  static WaitGoal redeployed(@Nullable String previousVmId) {
    return new WaitGoal() {
      @Override
      String description() {
        return "run a VM other than " + (previousVmId == null ? "none" : previousVmId);
      }

      @Override
      Verdict check(Node node) {
        if (nodeIsFinished(node)) {
          return Verdict.FAILED;
        }
        Vm vm = node.getCurrentVm();
        if (vm == null || Objects.equals(vm.getId(), previousVmId)) {
          return Verdict.WAIT;
        }
        if (vmIs(node, VmStatus.NODE_FAILURE) || vmIs(node, VmStatus.DESTROYED)) {
          return Verdict.FAILED;
        }
        return KnownValues.is(vm.getStatus(), VmStatus.RUNNING) ? Verdict.DONE : Verdict.WAIT;
      }

      @Override
      String failure(Node node) {
        return "Redeploy of node " + describe(node) + " failed: " + state(node);
      }
    };
  }

  /**
   * The end of a redeploy whose answer named {@code answerVmId}: that VM runs. The answer, not the
   * VM read before, says which VM to wait for: when the answer is a replay (the call was repeated
   * with its idempotency key after the first answer was lost), the node read before already runs
   * the new VM. Should the node move on to yet another VM (a later redeploy), that one running ends
   * the wait too. An answer without a current VM falls back to {@link #redeployed}.
   */
  static WaitGoal redeployedTo(@Nullable String answerVmId, @Nullable String previousVmId) {
    if (answerVmId == null) {
      return redeployed(previousVmId);
    }
    return new WaitGoal() {
      @Override
      String description() {
        return "run VM " + answerVmId;
      }

      @Override
      Verdict check(Node node) {
        if (nodeIsFinished(node)) {
          return Verdict.FAILED;
        }
        Vm vm = node.getCurrentVm();
        if (vm == null
            || (!answerVmId.equals(vm.getId()) && Objects.equals(vm.getId(), previousVmId))) {
          return Verdict.WAIT;
        }
        if (vmIs(node, VmStatus.NODE_FAILURE) || vmIs(node, VmStatus.DESTROYED)) {
          return Verdict.FAILED;
        }
        return KnownValues.is(vm.getStatus(), VmStatus.RUNNING) ? Verdict.DONE : Verdict.WAIT;
      }

      @Override
      String failure(Node node) {
        return "Redeploy of node " + describe(node) + " failed: " + state(node);
      }
    };
  }

  private static boolean nodeIsFinished(Node node) {
    String status = node.getStatus();
    return KnownValues.is(status, NodeStatus.FAILED)
        || KnownValues.is(status, NodeStatus.TERMINATED)
        || KnownValues.is(status, NodeStatus.DELETED)
        || KnownValues.is(status, NodeStatus.RELEASED);
  }

  private static boolean vmIs(Node node, VmStatus status) {
    Vm vm = node.getCurrentVm();
    return vm != null && KnownValues.is(vm.getStatus(), status);
  }

  static String describe(Node node) {
    return node.getName() + " (" + node.getId() + ")";
  }

  private static String state(Node node) {
    Vm vm = node.getCurrentVm();
    return "node is "
        + node.getStatus()
        + (vm == null ? ", no VM" : ", VM " + vm.getId() + " is " + vm.getStatus());
  }
}
