/**
 * A JUnit 5 extension that runs a {@link com.sfcompute.nodes.mock.MockNodesServer} around tests.
 *
 * <p>Needs {@code junit-jupiter-api} on the test classpath; the mock server depends on it only
 * optionally.
 */
@NullMarked
package com.sfcompute.nodes.mock.junit5;

import org.jspecify.annotations.NullMarked;
