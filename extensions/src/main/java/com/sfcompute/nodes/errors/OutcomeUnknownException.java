package com.sfcompute.nodes.errors;

/**
 * A call with side effects (create, extend, release, redeploy, delete, script create) may or may
 * not have been applied: the request may have reached the server, but no trustworthy answer came
 * back (a 5xx, a connection reset after sending, a read timeout).
 *
 * <p>The SDK does not repeat such a call by itself: a blind repeat could buy twice or redeploy
 * twice. Check the state (for example {@code client.nodes().get(id)}), or repeat the call with the
 * same {@link #idempotencyKey()} so that a server honouring keys applies it at most once. The cause
 * is the failure seen: a {@link SfcNodesServiceException} or a {@link SfcNodesIoException}.
 */
public final class OutcomeUnknownException extends SfcNodesException {
  private static final long serialVersionUID = 1L;

  /** See {@link #idempotencyKey()}. */
  private final String idempotencyKey;

  /** See {@link #method()}. */
  private final String method;

  /** See {@link #path()}. */
  private final String path;

  /**
   * An exception for the call {@code method path}, sent with {@code idempotencyKey} (empty if it
   * had none), that failed with {@code cause}; the message says how to recover.
   */
  public OutcomeUnknownException(
      String method, String path, String idempotencyKey, SfcNodesException cause) {
    super(
        "Outcome unknown: "
            + method
            + " "
            + path
            + " may have been applied ("
            + cause.getMessage()
            + "). Check the state, or repeat with Idempotency-Key "
            + idempotencyKey,
        cause);
    this.idempotencyKey = idempotencyKey;
    this.method = method;
    this.path = path;
  }

  /** The key the call was sent with: repeat the call with it to apply it at most once. */
  public String idempotencyKey() {
    return idempotencyKey;
  }

  /** The call's HTTP method, such as {@code POST}. */
  public String method() {
    return method;
  }

  /** The call's path, with its query. */
  public String path() {
    return path;
  }

  @Override
  public synchronized SfcNodesException getCause() {
    return (SfcNodesException) super.getCause();
  }
}
