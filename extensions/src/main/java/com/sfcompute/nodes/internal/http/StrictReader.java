package com.sfcompute.nodes.internal.http;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.Reader;

/**
 * The reader of an answer decoded strictly: {@link RequiredFields} refuses a model read from it
 * without one of its required fields, rather than mark it. A reader, not a second Gson, so that one
 * set of adapters serves both ways and the choice can be made per call.
 */
final class StrictReader extends JsonReader {
  StrictReader(Reader in) {
    super(in);
    setStrictness(
        Strictness.LEGACY_STRICT); // What SfcJson's Gson.newJsonReader sets: it sets none.
  }
}
