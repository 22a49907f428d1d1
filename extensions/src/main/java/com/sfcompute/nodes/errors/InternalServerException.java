package com.sfcompute.nodes.errors;

/** A 5xx status: the API failed ({@code api_error}, {@code service_unavailable}). */
public final class InternalServerException extends SfcNodesServiceException {
  private static final long serialVersionUID = 1L;

  InternalServerException(Data data) {
    super(data);
  }
}
