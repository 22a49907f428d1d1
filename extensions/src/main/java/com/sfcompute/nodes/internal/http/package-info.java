/**
 * Internal: the SDK's JSON and HTTP plumbing. Not part of the public API; may change or disappear
 * in any release. Do not use.
 */
@NullMarked
package com.sfcompute.nodes.internal.http;

import org.jspecify.annotations.NullMarked;
