package com.sfcompute.nodes.errors;

import com.sfcompute.nodes.model.Node;

/**
 * The node's state rules the action out, as seen by the client before sending anything or while
 * waiting: a redeploy asked to {@code requireRunning} found the node released; a waiter saw the
 * node fail, terminate or be deleted, or its new VM fail. Nothing more will happen by waiting.
 */
public final class NodeStateException extends SfcNodesException {
  private static final long serialVersionUID = 1L;

  private final transient Node node;

  /** An exception with {@code message}, about {@code node} as last read. */
  public NodeStateException(String message, Node node) {
    super(message);
    this.node = node;
  }

  /** The node as last read. */
  public Node node() {
    return node;
  }
}
