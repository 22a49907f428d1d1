package com.sfcompute.nodes.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Plain HTTP to a mock server, the way any client would talk to it, with every answer on a spec
 * route checked against the spec.
 */
final class Api {
  private static final MediaType JSON = MediaType.get("application/json");

  // Retries off: a test must see every dropped connection, not OkHttp's silent second try.
  static final OkHttpClient CLIENT =
      new OkHttpClient.Builder()
          .retryOnConnectionFailure(false)
          .readTimeout(Duration.ofSeconds(20))
          .build();

  private final MockNodesServer server;
  private final String token;
  private final boolean checkSpec;

  Api(MockNodesServer server) {
    this(server, server.token(), true);
  }

  private Api(MockNodesServer server, String token, boolean checkSpec) {
    this.server = server;
    this.token = token;
    this.checkSpec = checkSpec;
  }

  /** The same API without spec checks on answers, for routes and bodies the spec does not have. */
  Api unchecked() {
    return new Api(server, token, false);
  }

  Api withToken(String token) {
    return new Api(server, token, checkSpec);
  }

  Answer get(String path) {
    return send("GET", path, null);
  }

  Answer post(String path, String json, String... headers) {
    return send("POST", path, json, headers);
  }

  Answer put(String path, String json, String... headers) {
    return send("PUT", path, json, headers);
  }

  Answer patch(String path, String json, String... headers) {
    return send("PATCH", path, json, headers);
  }

  Answer delete(String path, String... headers) {
    return send("DELETE", path, null, headers);
  }

  /** Like {@link #send} but lets I/O errors out, for faults that break the connection. */
  Answer sendOrThrow(String method, String path, String json, String... headers)
      throws IOException {
    Request.Builder request = new Request.Builder().url(server.baseUrl() + path);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    RequestBody body = null;
    if (json != null) {
      body = RequestBody.create(json, JSON);
    } else if (method.equals("PATCH") || method.equals("PUT") || method.equals("POST")) {
      body = RequestBody.create(new byte[0]); // As Retrofit sends a body-less PATCH: no type.
    }
    request.method(method, body);
    try (Response response = CLIENT.newCall(request.build()).execute()) {
      String text = response.body() == null ? "" : response.body().string();
      Answer answer =
          new Answer(response.code(), text, response.header("Content-Type"), response.headers());
      if (checkSpec) {
        List<String> problems =
            SpecValidator.get(true)
                .checkResponse(method, pathOnly(path), answer.status, answer.contentType, text);
        if (!problems.isEmpty()) {
          fail("Answer to " + method + " " + path + " breaks the spec: " + problems + "\n" + text);
        }
      }
      return answer;
    }
  }

  Answer send(String method, String path, String json, String... headers) {
    try {
      return sendOrThrow(method, path, json, headers);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    }
  }

  private static String pathOnly(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  /** One answer, read whole. */
  static final class Answer {
    final int status;
    final String body;
    final String contentType;
    final Headers headers;

    Answer(int status, String body, String contentType, Headers headers) {
      this.status = status;
      this.body = body;
      this.contentType = contentType;
      this.headers = headers;
    }

    JsonObject json() {
      return JsonParser.parseString(body).getAsJsonObject();
    }

    Answer expect(int expected) {
      assertEquals(expected, status, () -> "status of answer " + body);
      return this;
    }

    /** The {@code error} object of an error envelope, after checking the status and type. */
    JsonObject error(int expectedStatus, String expectedType) {
      expect(expectedStatus);
      JsonObject error = json().getAsJsonObject("error");
      assertEquals(expectedType, error.get("type").getAsString(), body);
      return error;
    }

    /** The {@code field} of each detail of an error envelope. */
    static List<String> fields(JsonObject error) {
      List<String> fields = new ArrayList<>();
      JsonArray details = error.getAsJsonArray("details");
      for (JsonElement detail : details) {
        JsonElement field = detail.getAsJsonObject().get("field");
        fields.add(field == null || field.isJsonNull() ? null : field.getAsString());
      }
      return fields;
    }

    String header(String name) {
      return headers.get(name);
    }
  }
}
