package com.sfcompute.nodes.mock;

import com.sfcompute.nodes.model.Node;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The mock's state as tests see it from Java: what only the server knows (a VM's user data), and
 * events the API cannot cause (a node failing, a log line).
 *
 * <p>Nodes are returned as fresh copies of the generated {@code Node} model, exactly as the API
 * would answer at this moment. Thread-safe.
 */
public final class MockState {
  private final World world;

  MockState(World world) {
    this.world = world;
  }

  /** The node with this ID or name, as {@code GET /v1/nodes/{id}} would answer; null if none. */
  public @Nullable Node node(String idOrName) {
    Objects.requireNonNull(idOrName, "idOrName == null");
    return world.node(idOrName);
  }

  /** Every node not deleted, oldest first. */
  public List<Node> nodes() {
    return world.nodes();
  }

  /**
   * The cloud-init user data a VM was started with (decoded from base64), or null if it has none.
   *
   * @throws NoSuchElementException if there is no VM {@code vmId}
   */
  public byte @Nullable [] userDataOf(String vmId) {
    Objects.requireNonNull(vmId, "vmId == null");
    return world.userDataOf(vmId);
  }

  /**
   * Appends {@code text} to a VM's log now, after the boot lines already due.
   *
   * @return the new chunk's sequence number
   * @throws NoSuchElementException if there is no VM {@code vmId}
   */
  public long appendLog(String vmId, String text) {
    Objects.requireNonNull(vmId, "vmId == null");
    Objects.requireNonNull(text, "text == null");
    return world.appendLog(vmId, text);
  }

  /**
   * Fails a node now: its status becomes {@code failed} and its current VM's {@code NodeFailure}.
   *
   * @throws NoSuchElementException if there is no such node
   */
  public void failNode(String idOrName) {
    Objects.requireNonNull(idOrName, "idOrName == null");
    world.failNode(idOrName);
  }

  /**
   * Ends a node now, as the end of its reservation would: its status becomes {@code terminated} and
   * its current VM is destroyed, so it can be deleted.
   *
   * @throws NoSuchElementException if there is no such node
   */
  public void terminateNode(String idOrName) {
    Objects.requireNonNull(idOrName, "idOrName == null");
    world.terminateNode(idOrName);
  }

  /** The account's VM start-up script as last set through {@code POST /v0/vms/script}, or null. */
  public byte @Nullable [] script() {
    return world.scriptBytes();
  }
}
