package com.sfcompute.nodes.errors;

/** 404 Not Found: no such node, zone, VM or image ({@code not_found}). */
public final class NotFoundException extends SfcNodesServiceException {
  private static final long serialVersionUID = 1L;

  NotFoundException(Data data) {
    super(data);
  }
}
