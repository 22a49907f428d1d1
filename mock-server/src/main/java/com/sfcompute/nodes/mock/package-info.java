/**
 * An in-memory, stateful stand-in for the SF Compute nodes API, for tests and demos.
 *
 * <p>Start one with {@link com.sfcompute.nodes.mock.MockNodesServer#builder()}. It serves all
 * fifteen operations of the spec over real HTTP on the loopback interface, validates every request
 * against the spec, moves nodes and VMs through their states on an injectable clock, and injects
 * faults on demand. Everything public here is API; the package-private classes are its
 * implementation.
 */
@NullMarked
package com.sfcompute.nodes.mock;

import org.jspecify.annotations.NullMarked;
