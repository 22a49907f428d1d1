/**
 * Structured events of a client's work: every call, each of its HTTP attempts, every resend the SDK
 * decides, every wait and its polls, every fleet and its nodes. Register a {@link
 * com.sfcompute.nodes.events.SfcNodesListener} with {@code SfcNodes.Builder.listener}; the {@code
 * sfc-nodes-opentelemetry} artifact is one, turning the events into spans and metrics.
 *
 * <p>Events are told on the thread that does the work (the caller's, OkHttp's, or the client's
 * scheduler's): keep listeners quick and never block in them. The event objects are views of the
 * SDK's own state: read them during the call to the listener, not later.
 */
@NullMarked
package com.sfcompute.nodes.events;

import org.jspecify.annotations.NullMarked;
