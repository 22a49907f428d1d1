/**
 * Internal: how the SDK tells its {@link com.sfcompute.nodes.events.SfcNodesListener}s of its work
 * ({@link com.sfcompute.nodes.internal.events.Listeners}) and the records behind the events. Not
 * part of the public API; may change or disappear in any release. Do not use.
 */
@NullMarked
package com.sfcompute.nodes.internal.events;

import org.jspecify.annotations.NullMarked;
