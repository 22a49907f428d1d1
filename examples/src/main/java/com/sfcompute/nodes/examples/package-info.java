/** Runnable programs using the SDK (README "Examples"), including the demo. Not published. */
@NullMarked
package com.sfcompute.nodes.examples;

import org.jspecify.annotations.NullMarked;
