package com.sfcompute.nodes.internal.http;

import com.sfcompute.nodes.internal.api.Operation;
import org.jspecify.annotations.Nullable;

/**
 * An {@link Operation} as {@link Transport#api} implements it: the {@link Endpoint} and the
 * method's arguments, nothing sent yet. A value, not a running call: {@link Transport} runs it, and
 * each attempt builds a fresh request from it. It is not a {@code retrofit2.Call} on purpose: the
 * SDK's runs retry and throw its typed exceptions, which is not that type's contract.
 */
final class GeneratedCall<T extends @Nullable Object> implements Operation<T> {
  final Endpoint endpoint;
  final @Nullable Object[] args;

  GeneratedCall(Endpoint endpoint, @Nullable Object[] args) {
    this.endpoint = endpoint;
    this.args = args;
  }

  @Override
  public String toString() {
    return "GeneratedCall{" + endpoint + "}";
  }
}
