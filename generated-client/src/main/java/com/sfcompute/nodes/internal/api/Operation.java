package com.sfcompute.nodes.internal.api;

/**
 * One call of an operation of the generated interfaces, answering a {@code T}: the operation and
 * its arguments, nothing sent yet. What the interfaces return instead of Retrofit's {@code Call}:
 * the SDK does not run Retrofit, and a call it runs (retries, typed errors, its own cancellation)
 * does not keep {@code Call}'s contract, so it does not claim to. Only the SDK's transport, which
 * implements the interfaces, runs one; it has no methods of its own.
 *
 * @param <T> what the answer's body decodes into; {@code Void} for an operation without one
 */
public interface Operation<T> {}
