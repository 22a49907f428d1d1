package com.sfcompute.nodes.errors;

/** 402 Payment Required: the balance does not cover the purchase ({@code payment_required}). */
public final class PaymentRequiredException extends SfcNodesServiceException {
  private static final long serialVersionUID = 1L;

  PaymentRequiredException(Data data) {
    super(data);
  }
}
