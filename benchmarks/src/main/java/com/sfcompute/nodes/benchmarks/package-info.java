/**
 * The performance record: a JMH suite that measures the SDK as ratios against a raw OkHttp + Gson
 * floor in the same run ({@link com.sfcompute.nodes.benchmarks.Suite}). Not published.
 */
@NullMarked
package com.sfcompute.nodes.benchmarks;

import org.jspecify.annotations.NullMarked;
