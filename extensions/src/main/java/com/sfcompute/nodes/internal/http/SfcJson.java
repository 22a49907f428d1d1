package com.sfcompute.nodes.internal.http;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.sfcompute.nodes.internal.json.WireFormats;

/**
 * The one Gson configuration the SDK reads and writes the API's JSON with.
 *
 * <p>Internal: not part of the public API and may change in any release.
 *
 * <p>Gson's defaults do not fit this API ({@code format: byte} would go out as an array of numbers,
 * {@code =} escaped as a Unicode escape); {@link WireFormats} fixes both. Unknown JSON fields are
 * ignored (Gson's default, relied upon); a model without one of its required fields is marked, so
 * that reading the field throws, or refused when the answer is decoded strictly ({@link
 * RequiredFields}).
 */
public final class SfcJson {
  private static final Gson GSON =
      WireFormats.apply(new GsonBuilder())
          .registerTypeAdapterFactory(new RequiredFields())
          .create();

  private SfcJson() {}

  /** The shared, thread-safe instance. */
  public static Gson gson() {
    return GSON;
  }
}
