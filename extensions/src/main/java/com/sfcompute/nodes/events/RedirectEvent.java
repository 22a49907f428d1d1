package com.sfcompute.nodes.events;

import org.jspecify.annotations.Nullable;

/**
 * The server answered a call with a redirect the SDK does not follow (a write, another origin, too
 * many hops): the call ends with it.
 */
public interface RedirectEvent {
  /** The call redirected. */
  CallEvent call();

  /** The answer's status: 301, 302, 303, 307 or 308. */
  int statusCode();

  /** The redirect's target, without its query or user info, or null when none was given. */
  @Nullable String location();
}
