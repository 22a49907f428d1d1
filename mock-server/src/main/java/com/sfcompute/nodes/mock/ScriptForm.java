package com.sfcompute.nodes.mock;

/**
 * How the mock answers a VM start-up script (the spec's {@code StartupScriptData}) on {@code GET}
 * and {@code POST /v0/vms/script}.
 *
 * <p>The API may answer the same script either way, so clients must accept both. Requests are
 * accepted in both forms whatever this setting.
 */
public enum ScriptForm {
  /**
   * A JSON string: the default. A script that is not valid UTF-8 is answered as {@link #BYTES}, as
   * the API does.
   */
  STRING,
  /** A JSON array of byte values, 0 to 255. */
  BYTES
}
