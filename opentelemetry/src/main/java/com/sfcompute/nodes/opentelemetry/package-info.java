/**
 * OpenTelemetry for the SF Compute nodes SDK: {@link
 * com.sfcompute.nodes.opentelemetry.SfcNodesTelemetry}, a listener that records the SDK's calls,
 * attempts, waits and fleets as spans and metrics.
 */
@NullMarked
package com.sfcompute.nodes.opentelemetry;

import org.jspecify.annotations.NullMarked;
