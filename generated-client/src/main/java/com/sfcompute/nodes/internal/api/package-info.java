/**
 * Internal: the Retrofit interfaces generated from the spec. Reached only through the SDK's {@code
 * SfcNodes} client; not part of the public API, excluded from the compatibility checks, and may
 * change in any release. Do not use.
 *
 * <p>Not {@code @NullMarked}: optional query, header and body parameters are passed as null.
 */
package com.sfcompute.nodes.internal.api;
