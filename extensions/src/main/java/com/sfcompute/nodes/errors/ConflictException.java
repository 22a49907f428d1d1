package com.sfcompute.nodes.errors;

/**
 * 409 Conflict: the request conflicts with the current state, e.g. a node already released ({@code
 * conflict}).
 */
public final class ConflictException extends SfcNodesServiceException {
  private static final long serialVersionUID = 1L;

  ConflictException(Data data) {
    super(data);
  }
}
