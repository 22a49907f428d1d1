package com.sfcompute.nodes.mock;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer, complete before it is sent, so it can be kept for idempotent replays. */
final class MockResponse {
  static final String JSON = "application/json";

  final int status;
  final Map<String, String> headers;
  final byte[] body;

  MockResponse(int status, Map<String, String> headers, byte[] body) {
    this.status = status;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.body = body;
  }

  static MockResponse json(int status, Object model) {
    return new MockResponse(
        status,
        Collections.singletonMap("Content-Type", JSON),
        MockJson.utf8(MockJson.GSON.toJson(model)));
  }

  static MockResponse noContent() {
    return new MockResponse(204, Collections.emptyMap(), new byte[0]);
  }

  static MockResponse error(ApiException e) {
    Map<String, String> headers = new LinkedHashMap<>(e.headers);
    headers.put("Content-Type", JSON);
    return new MockResponse(e.status, headers, MockJson.utf8(MockJson.GSON.toJson(e.toEnvelope())));
  }

  MockResponse withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new MockResponse(status, copy, body);
  }
}
