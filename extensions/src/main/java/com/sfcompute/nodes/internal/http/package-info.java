/**
 * Internal: the SDK's HTTP path and JSON. Not part of the public API; may change or disappear in
 * any release. Do not use.
 *
 * <p>One call's path, top to bottom: a service calls a method of a generated Retrofit interface,
 * which {@link com.sfcompute.nodes.internal.http.Transport#api} implements: the call holds the
 * operation ({@code Endpoint}, read once from the interface's annotations) and its arguments;
 * Transport runs it as one or more attempts and alone decides whether another follows (the
 * stale-connection replay, then {@code RetryPolicy}); each attempt is one OkHttp call whose request
 * the Endpoint builds with the client's headers, registered with its {@code Attempt} in the
 * client's {@code InFlight}, whose one thread bounds the whole attempt; {@code CallGuard}
 * (application interceptor) follows same-origin redirects of reads and keeps OkHttp's failures
 * typed; {@code ExchangeFacts} (network interceptor) records on the {@code Attempt} whether a
 * connection was reached and reused and whether a response came; the Endpoint decodes a success;
 * Transport turns the outcome into a value or one of the SDK's exceptions, with server text cleaned
 * of the token by {@code Redactor}.
 */
@NullMarked
package com.sfcompute.nodes.internal.http;

import org.jspecify.annotations.NullMarked;
