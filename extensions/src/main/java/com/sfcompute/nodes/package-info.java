/**
 * The SF Compute nodes SDK: what users program against.
 *
 * <p>Everything here is non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package com.sfcompute.nodes;

import org.jspecify.annotations.NullMarked;
