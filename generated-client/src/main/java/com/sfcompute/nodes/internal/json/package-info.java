/**
 * Internal: the JSON wire formats of the generated models. Not part of the public API; may change
 * in any release. Do not use.
 */
@NullMarked
package com.sfcompute.nodes.internal.json;

import org.jspecify.annotations.NullMarked;
