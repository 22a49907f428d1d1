/**
 * The API's models, generated from the spec at build time. Properties are non-null unless annotated
 * {@code @Nullable}: optional or nullable in the spec.
 *
 * <p>Enums the server sends are {@code String} properties (the raw value always survives); the
 * enums of this package name their known values.
 */
@NullMarked
package com.sfcompute.nodes.model;

import org.jspecify.annotations.NullMarked;
