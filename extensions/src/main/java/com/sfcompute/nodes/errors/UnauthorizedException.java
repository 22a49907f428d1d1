package com.sfcompute.nodes.errors;

/** 401 Unauthorized: the bearer token is missing or wrong ({@code authentication_error}). */
public final class UnauthorizedException extends SfcNodesServiceException {
  private static final long serialVersionUID = 1L;

  UnauthorizedException(Data data) {
    super(data);
  }
}
