package com.sfcompute.nodes.errors;

/** 400 Bad Request: the request was malformed or invalid ({@code invalid_request_error}). */
public final class BadRequestException extends SfcNodesServiceException {
  private static final long serialVersionUID = 1L;

  BadRequestException(Data data) {
    super(data);
  }
}
