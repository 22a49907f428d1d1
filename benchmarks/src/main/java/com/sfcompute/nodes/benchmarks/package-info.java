/** Benchmarks that print figures. Not published. */
@NullMarked
package com.sfcompute.nodes.benchmarks;

import org.jspecify.annotations.NullMarked;
