package com.sfcompute.nodes.internal.json;

/**
 * What a generated model read without some of its required fields throws when one of them is read.
 *
 * <p>Internal: not part of the public API and may change in any release.
 *
 * <p>The SDK's decoder sets one on such a model (a private field the model template declares), so
 * that the field's getter throws the SDK's {@code SfcNodesInvalidDataException}, naming the field
 * and its JSON path, rather than answer null for a type that says non-null. It lives here because
 * the models cannot see the SDK's exception types.
 */
public abstract class Absent {
  /** For the SDK's decoder. */
  protected Absent() {}

  /**
   * The exception to throw for the required field {@code wireName} (its JSON name), absent or null
   * in the answer this model was read from.
   */
  public abstract RuntimeException missing(String wireName);
}
