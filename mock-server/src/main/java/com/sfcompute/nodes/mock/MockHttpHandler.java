package com.sfcompute.nodes.mock;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.sfcompute.nodes.model.CreateNodesRequest;
import com.sfcompute.nodes.model.ExtendNodeRequest;
import com.sfcompute.nodes.model.RedeployNodeRequest;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Every request's way through the mock: record and count it, inject the fault it draws, check the
 * token and the rate limit, the JSON and the spec, honour its {@code Idempotency-Key}, apply it,
 * answer.
 */
final class MockHttpHandler implements HttpHandler {
  /** Where image downloads are served; {@code download_url} points here. */
  static final String DOWNLOAD_PREFIX = "/_mock/images/";

  private final Settings settings;
  private final World world;
  private final MockFaults faults;
  private final MockCounters counters;
  private final RequestLog requestLog;
  private final RateLimiter rateLimiter;
  private final Clock clock;
  private final IdempotencyStore idempotency = new IdempotencyStore();
  private static final Pattern JSON_POSITION = Pattern.compile("line \\d+ column \\d+");

  private final SpecValidator validator;
  private final List<Route> routes = new ArrayList<>();
  private final AtomicLong requestIds = new AtomicLong();

  MockHttpHandler(
      Settings settings,
      World world,
      MockFaults faults,
      MockCounters counters,
      RequestLog requestLog,
      RateLimiter rateLimiter,
      Clock clock,
      SpecValidator validator,
      Supplier<String> baseUrl) {
    this.settings = settings;
    this.world = world;
    this.faults = faults;
    this.counters = counters;
    this.requestLog = requestLog;
    this.rateLimiter = rateLimiter;
    this.clock = clock;
    this.validator = validator;

    api(
        "GET",
        "/v1/nodes",
        false,
        c -> ok(world.list(c.queryAll("id"), c.queryAll("name"), c.query("type"))));
    api(
        "POST",
        "/v1/nodes",
        true,
        c -> MockResponse.json(201, world.create(c.body(CreateNodesRequest.class))));
    api("GET", "/v1/nodes/{id}", false, c -> ok(world.get(c.path("id"))));
    api(
        "DELETE",
        "/v1/nodes/{id}",
        false,
        c -> {
          world.delete(c.path("id"));
          return MockResponse.noContent();
        });
    api(
        "PATCH",
        "/v1/nodes/{id}/extend",
        true,
        c -> ok(world.extend(c.path("id"), c.body(ExtendNodeRequest.class))));
    api("PATCH", "/v1/nodes/{id}/release", false, c -> ok(world.release(c.path("id"))));
    api(
        "PUT",
        "/v1/nodes/{id}/redeploy",
        true,
        c -> ok(world.redeploy(c.path("id"), c.body(RedeployNodeRequest.class))));
    api(
        "GET",
        "/v0/vms/logs2",
        false,
        c ->
            ok(
                world.logs(
                    required(c.query("instance_id")),
                    required(c.query("order_by")),
                    c.queryInt("limit"),
                    c.queryLong("since_seqnum"),
                    c.queryLong("before_seqnum"),
                    c.queryTime("since_realtime_timestamp"),
                    c.queryTime("before_realtime_timestamp"))));
    api("GET", "/v0/vms/ssh", false, c -> ok(world.ssh(required(c.query("vm_id")))));
    api("GET", "/v0/vms/script", false, c -> ok(world.script()));
    api(
        "POST",
        "/v0/vms/script",
        true,
        c -> ok(world.setScript(c.json().getAsJsonObject().get("script"))));
    api("GET", "/v1/vms/images", false, c -> ok(world.images()));
    api(
        "GET",
        "/v1/vms/images/{image_id}",
        false,
        c -> ok(world.image(c.path("image_id"), baseUrl.get())));
    api("GET", "/v0/zones", false, c -> ok(world.zones()));
    api("GET", "/v0/zones/{id}", false, c -> ok(world.zone(c.path("id"))));
    routes.add(new Route("GET", DOWNLOAD_PREFIX + "{image_id}", false, false, this::download));
  }

  private void api(String method, String template, boolean takesBody, Route.Action action) {
    routes.add(new Route(method, template, takesBody, true, action));
  }

  private static MockResponse ok(Object model) {
    return MockResponse.json(200, model);
  }

  private static String required(@Nullable String value) {
    if (value == null) {
      throw new IllegalStateException("The spec check let a required parameter through");
    }
    return value;
  }

  void reset() {
    synchronized (world) {
      idempotency.clear();
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      serve(exchange);
    } catch (IOException e) {
      // The client went away, or a fault cut the answer: there is no one left to answer.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      // A bug in the mock: say so in the API's words rather than drop the connection.
      ApiException failure =
          new ApiException(
              500,
              "api_error",
              "Mock server bug: " + e,
              Collections.singletonList(ApiException.detail("mock_bug", String.valueOf(e), null)));
      try {
        send(exchange, MockResponse.error(failure), null);
      } catch (IOException | RuntimeException | InterruptedException ignored) {
        // The answer has already started: nothing more can be said.
      }
    } finally {
      // Without an answer sent, this closes the connection: that is how drops work.
      exchange.close();
    }
  }

  private void serve(HttpExchange exchange) throws IOException, InterruptedException {
    String body = new String(readAll(exchange.getRequestBody()), StandardCharsets.UTF_8);
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    URI uri = exchange.getRequestURI();
    String rawPath = uri.getRawPath() == null ? "/" : uri.getRawPath();
    Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
    requestLog.add(new ReceivedRequest(method, rawPath, uri.getRawQuery(), headers, body));

    Route route = null;
    Map<String, String> pathParams = null;
    for (Route candidate : routes) {
      Map<String, String> params =
          candidate.method.equals(method) ? candidate.match(rawPath) : null;
      if (params != null) {
        route = candidate;
        pathParams = params;
        break;
      }
    }
    counters.requestSeen(route != null ? route.key() : method + " " + rawPath);

    MockFaults.Decision decision = faults.decide(method, rawPath);
    if (decision.delayMillis > 0) {
      Thread.sleep(decision.delayMillis);
    }
    Fault fault = decision.fault;
    if (fault != null && fault.kind == Fault.Kind.DROP_BEFORE_ACTION) {
      return;
    }
    if (fault != null && fault.kind == Fault.Kind.RESPOND) {
      send(exchange, faultResponse(fault), null);
      return;
    }

    MockResponse response;
    try {
      response =
          route == null || pathParams == null
              ? noRoute(method, rawPath)
              : process(route, pathParams, method, rawPath, uri.getRawQuery(), headers, body);
    } catch (ApiException e) {
      response = MockResponse.error(e);
    }
    if (fault != null && fault.kind == Fault.Kind.DROP_AFTER_ACTION) {
      return;
    }
    send(exchange, response, fault);
  }

  private MockResponse process(
      Route route,
      Map<String, String> pathParams,
      String method,
      String rawPath,
      @Nullable String rawQuery,
      Map<String, List<String>> headers,
      String body) {
    Map<String, List<String>> query = Route.parseQuery(rawQuery);
    if (!route.api) {
      return route.action.apply(new Call(pathParams, query, null));
    }
    authenticate(headers);
    try {
      rateLimiter.acquire(clock.millis());
    } catch (ApiException throttled) {
      counters.throttled(route.key());
      throw throttled;
    }
    JsonElement json = null;
    String contentType = header(headers, "Content-Type");
    boolean jsonBody = contentType == null || contentType.toLowerCase(Locale.ROOT).contains("json");
    // A body of another type is left to the spec check, which answers 415.
    if (route.takesBody && jsonBody && !body.trim().isEmpty()) {
      try {
        json = MockJson.parseStrict(body);
      } catch (JsonParseException e) {
        throw ApiException.invalid(
            "invalid_json", "The request body is not valid JSON" + where(e), null);
      }
    }
    validator.checkRequest(method, rawPath, query, headers, body);
    Call call = new Call(pathParams, query, json);
    String key = header(headers, "Idempotency-Key");
    synchronized (world) {
      if (key != null && route.mutating()) {
        JsonElement parsed = json;
        return idempotency.execute(
            key, method, rawPath, parsed, body, counters, () -> apply(route, call));
      }
      return apply(route, call);
    }
  }

  /** Gson's position of a syntax error, without its advice on lenient parsing. */
  private static String where(JsonParseException e) {
    Matcher position = JSON_POSITION.matcher(String.valueOf(e.getMessage()));
    return position.find() ? " (at " + position.group() + ")" : "";
  }

  private static MockResponse apply(Route route, Call call) {
    try {
      return route.action.apply(call);
    } catch (ApiException e) {
      return MockResponse.error(e);
    }
  }

  private void authenticate(Map<String, List<String>> headers) {
    String authorization = header(headers, "Authorization");
    if (authorization == null) {
      throw ApiException.of(
          401,
          "authentication_error",
          "missing_token",
          "Missing bearer token: send Authorization: Bearer <token>",
          null);
    }
    String prefix = "bearer ";
    boolean bearer =
        authorization.length() > prefix.length()
            && authorization.substring(0, prefix.length()).equalsIgnoreCase(prefix);
    if (!bearer || !authorization.substring(prefix.length()).trim().equals(settings.token)) {
      throw ApiException.of(
          401, "authentication_error", "invalid_token", "Invalid bearer token", null);
    }
  }

  private MockResponse noRoute(String method, String rawPath) {
    Set<String> allowed = new LinkedHashSet<>();
    for (Route route : routes) {
      if (route.match(rawPath) != null) {
        allowed.add(route.method);
      }
    }
    if (allowed.isEmpty()) {
      return MockResponse.error(ApiException.notFound("No route for " + method + " " + rawPath));
    }
    return MockResponse.error(
        ApiException.of(
                405,
                "invalid_request_error",
                "method_not_allowed",
                method
                    + " is not allowed on "
                    + rawPath
                    + "; allowed: "
                    + String.join(", ", allowed),
                null)
            .withHeader("Allow", String.join(", ", allowed)));
  }

  private MockResponse download(Call call) {
    MockImage image = settings.image(call.path("image_id"));
    if (image == null) {
      return MockResponse.error(ApiException.notFound("No such image"));
    }
    return new MockResponse(
        200,
        Collections.singletonMap("Content-Type", "application/octet-stream"),
        image.contentUnsafe());
  }

  private static MockResponse faultResponse(Fault fault) {
    MockResponse response;
    if (fault.rawBody != null && fault.contentType != null) {
      response =
          new MockResponse(
              fault.status,
              Collections.singletonMap("Content-Type", fault.contentType),
              MockJson.utf8(fault.rawBody));
    } else {
      String type = fault.errorType != null ? fault.errorType : ApiException.typeFor(fault.status);
      response =
          MockResponse.error(
              ApiException.of(
                  fault.status,
                  type,
                  "injected_fault",
                  "Injected fault: HTTP " + fault.status,
                  null));
    }
    for (Map.Entry<String, String> header : fault.headers.entrySet()) {
      response = response.withHeader(header.getKey(), header.getValue());
    }
    return response;
  }

  private void send(HttpExchange exchange, MockResponse response, @Nullable Fault fault)
      throws IOException, InterruptedException {
    Headers headers = exchange.getResponseHeaders();
    response.headers.forEach(headers::set);
    headers.set("x-request-id", String.format("req_mock_%08d", requestIds.incrementAndGet()));
    if (fault != null) {
      fault.headers.forEach(headers::set);
    }
    byte[] body = response.body;
    if (body.length == 0) {
      exchange.sendResponseHeaders(response.status, -1);
      return;
    }
    exchange.sendResponseHeaders(response.status, body.length);
    OutputStream out = exchange.getResponseBody();
    if (fault != null && fault.kind == Fault.Kind.SLOW_BODY) {
      for (int offset = 0; offset < body.length; offset += fault.bytes) {
        Thread.sleep(fault.delay.toMillis());
        out.write(body, offset, Math.min(fault.bytes, body.length - offset));
        out.flush();
      }
    } else if (fault != null && fault.kind == Fault.Kind.TRUNCATED_BODY) {
      // Fewer bytes than announced; closing the exchange then closes the connection.
      out.write(body, 0, Math.min(fault.bytes, body.length));
      out.flush();
      return;
    } else {
      out.write(body);
    }
    out.close();
  }

  private static @Nullable String header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
        return header.getValue().get(0);
      }
    }
    return null;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) != -1; ) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
