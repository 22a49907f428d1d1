package com.sfcompute.nodes.errors;

import com.sfcompute.nodes.model.Node;
import org.jspecify.annotations.Nullable;

/**
 * The node's state rules the action out, as seen by the client before sending anything or while
 * waiting: a redeploy asked to {@code requireRunning} found the node released, or to keep the
 * current image found no current VM or image; a waiter saw the node fail, terminate, be released or
 * deleted (read as {@code deleted}, or answered 404 after it was seen), or its new VM fail. Nothing
 * more will happen by waiting.
 */
public final class NodeStateException extends SfcNodesException {
  private static final long serialVersionUID = 1L;

  private final transient Node node;

  /** An exception with {@code message}, about {@code node} as last read. */
  public NodeStateException(String message, Node node) {
    this(message, node, null);
  }

  /**
   * An exception with {@code message}, about {@code node} as last read, caused by {@code cause}
   * (the 404 that showed the node deleted; null if none).
   */
  public NodeStateException(String message, Node node, @Nullable Throwable cause) {
    super(message, cause);
    this.node = node;
  }

  /** The node as last read. */
  public Node node() {
    return node;
  }
}
