/**
 * Internal: support classes generated with the Retrofit interfaces. Not part of the public API; may
 * change in any release. Do not use.
 */
package com.sfcompute.nodes.internal.invoker;
