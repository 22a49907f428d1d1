/** Runnable programs using the SDK, including the README's demo. Not published. */
@NullMarked
package com.sfcompute.nodes.examples;

import org.jspecify.annotations.NullMarked;
