package com.sfcompute.nodes.errors;

/** 403 Forbidden: the token may not do this ({@code forbidden}). */
public final class PermissionDeniedException extends SfcNodesServiceException {
  private static final long serialVersionUID = 1L;

  PermissionDeniedException(Data data) {
    super(data);
  }
}
