package com.sfcompute.nodes.errors;

/** 429 Too Many Requests: slow down; reads and writes are retried on it automatically. */
public final class RateLimitException extends SfcNodesServiceException {
  private static final long serialVersionUID = 1L;

  RateLimitException(Data data) {
    super(data);
  }
}
