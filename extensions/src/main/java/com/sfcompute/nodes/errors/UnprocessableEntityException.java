package com.sfcompute.nodes.errors;

/**
 * 422 Unprocessable Entity: valid, but not possible now, e.g. redeploying a node that is not
 * running ({@code unprocessable_entity}).
 */
public final class UnprocessableEntityException extends SfcNodesServiceException {
  private static final long serialVersionUID = 1L;

  UnprocessableEntityException(Data data) {
    super(data);
  }
}
