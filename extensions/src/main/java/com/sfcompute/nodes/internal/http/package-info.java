/**
 * Internal: the SDK's HTTP path and JSON. Not part of the public API; may change or disappear in
 * any release. Do not use.
 *
 * <p>One call's path, top to bottom, one job per file: a service calls a method of a generated
 * Retrofit interface, which {@link com.sfcompute.nodes.internal.http.Transport} (the public face;
 * its stack assembled by {@link com.sfcompute.nodes.internal.http.TransportBuilder}) implements:
 * the call holds the operation ({@code Endpoint}, read once from the interface's annotations, which
 * builds each attempt's request and decodes a success) and its arguments. {@code BlockingRun} or
 * {@code AsyncRun} runs it as attempts, each one OkHttp call created by {@code Stack} and
 * registered with its {@code Attempt} in the client's {@code InFlight}, whose one thread bounds the
 * whole attempt; {@code CallGuard} (application interceptor) starts that bound and keeps OkHttp's
 * failures typed; {@code ConnectionEvents} (event listener) and {@code ExchangeFacts} (network
 * interceptor) record on the {@code Attempt}, per call, which connection it reached, whether it
 * came from the pool, and whether a response came. After each attempt, {@code SendAgain} alone
 * decides whether another follows (refused-stream resend, stale-connection replay, same-origin
 * redirect, {@code RetryPolicy}'s retry, the rate limiter's turn) in one step both runners call;
 * {@code ErrorTranslation} turns the outcome into a value or one of the SDK's exceptions, with
 * server text cleaned of the token by {@code Redactor}.
 */
@NullMarked
package com.sfcompute.nodes.internal.http;

import org.jspecify.annotations.NullMarked;
