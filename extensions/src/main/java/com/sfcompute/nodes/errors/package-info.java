/**
 * The SDK's exceptions: one unchecked hierarchy under {@link
 * com.sfcompute.nodes.errors.SfcNodesException}.
 *
 * <ul>
 *   <li>{@link com.sfcompute.nodes.errors.SfcNodesServiceException}: the API answered with an error
 *       status; one subclass per common status.
 *   <li>{@link com.sfcompute.nodes.errors.SfcNodesIoException}: no answer (connection failure);
 *       {@link com.sfcompute.nodes.errors.SfcNodesTimeoutException} when it timed out.
 *   <li>{@link com.sfcompute.nodes.errors.OutcomeUnknownException}: a call with side effects may
 *       have been applied but its answer was lost; retry it by hand with the same idempotency key.
 *   <li>{@link com.sfcompute.nodes.errors.SfcNodesInvalidDataException}: a success answer that
 *       could not be read; also thrown by the getter of a required field that answer lacked.
 * </ul>
 *
 * <p>Bad arguments fail before any network call with {@link IllegalArgumentException} or {@link
 * NullPointerException} naming the field.
 */
@NullMarked
package com.sfcompute.nodes.errors;

import org.jspecify.annotations.NullMarked;
