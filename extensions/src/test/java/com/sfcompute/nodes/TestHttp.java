package com.sfcompute.nodes;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * The answers, requests and clients the MockWebServer tests share.
 *
 * <p>Public only so that the tests of {@code internal.http} can use it too: test classes are not
 * packaged, so nothing outside this module's tests can see it.
 */
public final class TestHttp {
  private TestHttp() {}

  /**
   * A client of {@code server} with {@code token} and no retries: one answer, one call. Strict
   * decoding: the suites hold the SDK to the spec; {@code TolerantDecodingTest} turns it off.
   */
  public static SfcNodes.Builder clientBuilder(MockWebServer server, String token) {
    return SfcNodes.builder()
        .bearerToken(token)
        .baseUrl(server.url("/").toString())
        .maxRetries(0)
        .strictDecoding(true);
  }

  /** The next request the server received; fails the test if none arrives within 5 seconds. */
  public static RecordedRequest take(MockWebServer server) throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("no request reached the server");
    }
    return request;
  }

  /** A 200 answer with a JSON body. */
  public static MockResponse json(String body) {
    return json(200, body);
  }

  /** An answer with a JSON body. */
  public static MockResponse json(int code, String body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  /** An error answer in the API's envelope, as JSON. */
  public static MockResponse envelope(int code, String type, String message) {
    return envelope(code, type, message, "");
  }

  /**
   * An error answer in the API's envelope, as JSON, with {@code extraFields} (each led by a comma)
   * after the message.
   */
  public static MockResponse envelope(int code, String type, String message, String extraFields) {
    return json(
        code,
        "{\"error\":{\"type\":\""
            + type
            + "\",\"message\":\""
            + message
            + "\""
            + extraFields
            + "}}");
  }

  /** A running node with only the required fields; its name is its id. */
  public static String nodeJson(String id) {
    return "{\"object\":\"node\",\"id\":\""
        + id
        + "\",\"name\":\""
        + id
        + "\",\"owner\":\"o\",\"gpu_type\":\"H100\",\"status\":\"running\","
        + "\"node_type\":\"reserved\"}";
  }

  /** A body from the API's published documentation, kept under {@code /published/} in resources. */
  public static String published(String name) throws IOException {
    try (InputStream in = TestHttp.class.getResourceAsStream("/published/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource /published/" + name);
      }
      return new String(in.readAllBytes(), UTF_8);
    }
  }
}
