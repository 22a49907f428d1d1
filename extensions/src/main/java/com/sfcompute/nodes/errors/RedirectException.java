package com.sfcompute.nodes.errors;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * 3xx: the answer was a redirect the SDK did not follow. The API never redirects, so a redirect
 * comes from something in between (a proxy, a misconfigured base URL). Calls with side effects
 * never follow one (the request went nowhere else, nothing was repeated); reads follow redirects to
 * the same origin only, so the token and bodies never reach another origin.
 */
public final class RedirectException extends SfcNodesServiceException {
  private static final long serialVersionUID = 1L;

  RedirectException(Data data) {
    super(data);
  }

  /** The {@code Location} the redirect named, as sent, or null when it named none. */
  public @Nullable String location() {
    List<String> values = headers().get("location");
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
