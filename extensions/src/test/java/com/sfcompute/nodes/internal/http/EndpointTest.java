package com.sfcompute.nodes.internal.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.sfcompute.nodes.internal.api.NodesApi;
import com.sfcompute.nodes.internal.api.Operation;
import com.sfcompute.nodes.internal.api.VmsApi;
import com.sfcompute.nodes.internal.api.ZonesApi;
import com.sfcompute.nodes.model.CreateNodesRequest;
import com.sfcompute.nodes.model.ExtendNodeRequest;
import com.sfcompute.nodes.model.NodeType;
import com.sfcompute.nodes.model.RedeployNodeRequest;
import com.sfcompute.nodes.model.VmLogsOrderBy;
import com.sfcompute.nodes.model.VmScript;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import retrofit2.Retrofit;

/**
 * The SDK builds each request itself from the generated interfaces' annotations ({@link Endpoint});
 * Retrofit, given the same interfaces and the SDK's value and JSON formats, is the reference. For
 * every operation of every generated interface, and for each parameter in turn taking every value
 * of a hostile set (reserved and non-ASCII characters, lone surrogates, empty, null, lists, every
 * enum constant, timestamps), the two requests must agree on method, URL, body bytes and content
 * type, and carry the same call headers; where Retrofit refuses the arguments, so does the SDK.
 */
class EndpointTest {
  private static final HttpUrl BASE = HttpUrl.get("https://api.example/base/");
  private static final OkHttpClient NO_NETWORK = new OkHttpClient();
  private static final Gson GSON = SfcJson.gson();

  private static final Retrofit RETROFIT =
      SfcRetrofit.builder(BASE, GSON).callFactory(NO_NETWORK).build();

  private static final Transport TRANSPORT =
      Transport.builder()
          .token("sk-test-endpoint-0123456789")
          .baseUrl(HttpUrl.get("https://api.example/base"))
          .userAgent("sfc-nodes-java/test")
          .time(
              java.time.Clock.systemUTC(),
              com.sfcompute.nodes.Sleeper.SYSTEM,
              (task, delay) -> CompletableFuture.completedFuture(null))
          .build();

  private static final List<Class<?>> APIS =
      Arrays.asList(NodesApi.class, VmsApi.class, ZonesApi.class);

  private static final List<@Nullable String> STRINGS =
      Arrays.asList(
          "n_b4b9b0e4",
          "my node",
          "a/b",
          "a%2Fb",
          "100%",
          "?x=1#frag",
          "~*'()!$&+,;=:@[]",
          " \"<>^`{}|\\",
          "é€😀",
          "\uD800",
          "...",
          ".x",
          "",
          null);

  @AfterAll
  static void close() {
    TRANSPORT.close();
  }

  static Stream<Arguments> everyOperationAndArgument() {
    List<Arguments> cases = new ArrayList<>();
    for (Class<?> api : APIS) {
      for (Method method : api.getMethods()) {
        Type[] types = method.getGenericParameterTypes();
        cases.add(
            Arguments.of(api.getSimpleName() + "." + method.getName(), method, typical(types)));
        for (int i = 0; i < types.length; i++) {
          for (Object value : valuesOf(types[i])) {
            Object[] args = typical(types);
            args[i] = value;
            cases.add(
                Arguments.of(
                    api.getSimpleName() + "." + method.getName() + " #" + i + "=" + show(value),
                    method,
                    args));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyOperationAndArgument")
  void theRequestIsTheOneRetrofitBuilds(String name, Method method, @Nullable Object[] args)
      throws Exception {
    Request expected;
    try {
      expected =
          SfcRetrofit.call(
                  (Operation<?>) invoke(RETROFIT.create(method.getDeclaringClass()), method, args))
              .request();
    } catch (IllegalArgumentException refused) {
      Operation<?> call =
          (Operation<?>) invoke(TRANSPORT.api(method.getDeclaringClass()), method, args);
      assertThrows(IllegalArgumentException.class, () -> request(call), name);
      return;
    }
    Request actual =
        request((Operation<?>) invoke(TRANSPORT.api(method.getDeclaringClass()), method, args));

    assertEquals(expected.method(), actual.method(), name);
    assertEquals(UrlText.rfc3986Query(expected.url()).toString(), actual.url().toString(), name);
    assertBodiesEqual(expected.body(), actual.body(), name);
    Headers own = expected.headers();
    for (String header : own.names()) {
      assertEquals(own.values(header), actual.headers(header), name + ": " + header);
    }
    for (String header : actual.headers().names()) {
      if (own.get(header) == null) {
        assertTrue(
            Arrays.asList("Accept", "User-Agent", "Authorization").contains(header),
            name + ": the client's headers only, not " + header);
      }
    }
  }

  @Test
  void everyGeneratedMethodIsCovered() {
    long methods = APIS.stream().mapToLong(api -> api.getMethods().length).sum();
    long covered =
        everyOperationAndArgument().map(arguments -> arguments.get()[1]).distinct().count();
    assertEquals(methods, covered);
    assertTrue(methods >= 15, "the spec has 15 operations, found " + methods);
  }

  @Test
  void theCallsHeadersReplaceTheClientsOfTheSameName() {
    Transport keyed =
        Transport.builder()
            .token("sk-test-endpoint-0123456789")
            .baseUrl(BASE)
            .headers(Collections.singletonMap("Idempotency-Key", "from-the-client"))
            .time(
                java.time.Clock.systemUTC(),
                com.sfcompute.nodes.Sleeper.SYSTEM,
                (task, delay) -> CompletableFuture.completedFuture(null))
            .build();
    try {
      NodesApi api = keyed.api(NodesApi.class);
      assertEquals(
          Collections.singletonList("from-the-call"),
          request(keyed, api.releaseNode("n_1", "from-the-call")).headers("Idempotency-Key"));
      assertEquals(
          Collections.singletonList("from-the-client"),
          request(keyed, api.releaseNode("n_1", null)).headers("Idempotency-Key"));
    } finally {
      keyed.close();
    }
  }

  @Test
  void anEmptyBodyIsSentForAWriteWithoutOne() throws Exception {
    Request request = request(TRANSPORT.api(NodesApi.class).releaseNode("n_1", null));
    assertEquals("PATCH", request.method());
    RequestBody body = request.body();
    assertNotNull(body);
    assertEquals(0, body.contentLength());
    assertNull(body.contentType());
  }

  @Test
  void aReadCarriesNoBody() {
    assertNull(request(TRANSPORT.api(NodesApi.class).getNode("n_1")).body());
  }

  @Test
  void aCallIsAValueEachAttemptBuildsAFreshRequestFrom() {
    Operation<?> call = TRANSPORT.api(NodesApi.class).getNode("n_1");
    Request first = request(call);
    Request second = request(call);
    assertEquals(first.url(), second.url());
    assertNotSame(first, second);
  }

  @Test
  void theProxyAnswersObjectsMethodsWithoutSendingAnything() {
    NodesApi api = TRANSPORT.api(NodesApi.class);
    assertEquals(api, api);
    assertFalse(api.equals(TRANSPORT.api(NodesApi.class)));
    assertEquals(System.identityHashCode(api), api.hashCode());
    assertEquals("NodesApi(sfc-nodes transport)", api.toString());
  }

  @Test
  void oneObjectImplementsSeveralGeneratedInterfaces() {
    Object both = TRANSPORT.apis(NodesApi.class, ZonesApi.class);
    assertEquals(
        "/base/v1/nodes/n_1", request(((NodesApi) both).getNode("n_1")).url().encodedPath());
    assertEquals(
        "/base/v0/zones/z_1", request(((ZonesApi) both).getZone("z_1")).url().encodedPath());
    assertEquals("NodesApi+ZonesApi(sfc-nodes transport)", both.toString());
    assertThrows(
        IllegalArgumentException.class, () -> TRANSPORT.apis(NodesApi.class, String.class));
  }

  @Test
  void aCallOfAnotherImplementationIsRefused() {
    Operation<?> retrofitCall = RETROFIT.create(NodesApi.class).getNode("n_1");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TRANSPORT.execute(retrofitCall));
    assertTrue(e.getMessage().contains("Not a call of an interface this transport implements"));
  }

  /**
   * A view's timeout bounds its calls and nothing else: the request of a view with only a timeout
   * is the client's, header for header (a view rebuilds the headers, so one that dropped the
   * client's token or user agent would show here). The same comparison sees a view's own header.
   */
  @Test
  void aTimeoutOfTheViewDoesNotChangeTheRequest() throws Exception {
    Transport slow =
        TRANSPORT.withOptions(
            com.sfcompute.nodes.RequestOptions.builder().timeout(Duration.ofSeconds(5)).build());
    Transport tagged =
        TRANSPORT.withOptions(
            com.sfcompute.nodes.RequestOptions.builder().header("X-Trace", "t-1").build());
    NodesApi api = TRANSPORT.api(NodesApi.class);
    Request plain = request(api.releaseNode("n_1", "key-1"));

    assertSameRequest(plain, request(slow, api.releaseNode("n_1", "key-1")));
    assertFalse(plain.headers().names().isEmpty());
    AssertionError different =
        assertThrows(
            AssertionError.class,
            () -> assertSameRequest(plain, request(tagged, api.releaseNode("n_1", "key-1"))));
    assertTrue(
        String.valueOf(different.getMessage()).contains("x-trace=[t-1]"), different.getMessage());
  }

  private static void assertSameRequest(Request expected, Request actual) throws Exception {
    assertEquals(expected.method(), actual.method());
    assertEquals(expected.url(), actual.url());
    // The token is compared, never printed.
    assertTrue(
        Objects.equals(expected.header("Authorization"), actual.header("Authorization")),
        "Authorization differs");
    assertEquals(
        expected.headers().newBuilder().removeAll("Authorization").build().toMultimap(),
        actual.headers().newBuilder().removeAll("Authorization").build().toMultimap(),
        "headers");
    assertBodiesEqual(expected.body(), actual.body(), "body");
  }

  private static void assertBodiesEqual(
      @Nullable RequestBody expected, @Nullable RequestBody actual, String name) throws Exception {
    if (expected == null) {
      assertNull(actual, name);
      return;
    }
    assertNotNull(actual, name);
    assertEquals(
        String.valueOf(expected.contentType()), String.valueOf(actual.contentType()), name);
    assertEquals(expected.contentLength(), actual.contentLength(), name);
    Buffer a = new Buffer();
    Buffer b = new Buffer();
    expected.writeTo(a);
    actual.writeTo(b);
    assertArrayEquals(a.readByteArray(), b.readByteArray(), name);
  }

  private static Request request(Operation<?> call) {
    return request(TRANSPORT, call);
  }

  /** The request the first attempt of {@code call}, run by {@code transport}, would send. */
  private static Request request(Transport transport, Operation<?> call) {
    return transport.requestOf((GeneratedCall<?>) call);
  }

  private static Object invoke(Object api, Method method, @Nullable Object[] args)
      throws Exception {
    try {
      return method.invoke(api, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw cause instanceof Exception ? (Exception) cause : new RuntimeException(cause);
    }
  }

  /** A plausible argument of each type: what a service passes. */
  private static @Nullable Object[] typical(Type[] types) {
    @Nullable Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      args[i] = valuesOf(types[i]).get(0);
    }
    return args;
  }

  private static List<@Nullable Object> valuesOf(Type type) {
    List<@Nullable Object> values = new ArrayList<>();
    if (type == String.class) {
      values.addAll(STRINGS);
    } else if (type == Integer.class) {
      values.addAll(Arrays.asList(42, 0, -1, null));
    } else if (type == Long.class) {
      values.addAll(Arrays.asList(1700000000L, Long.MAX_VALUE, null));
    } else if (type == OffsetDateTime.class) {
      values.add(OffsetDateTime.of(2026, 11, 30, 9, 0, 0, 0, ZoneOffset.UTC));
      values.add(OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 600_000_000, ZoneOffset.ofHours(-8)));
      values.add(null);
    } else if (type instanceof Class && ((Class<?>) type).isEnum()) {
      values.addAll(Arrays.asList(((Class<?>) type).getEnumConstants()));
      values.add(null);
    } else if (type instanceof ParameterizedType
        && ((ParameterizedType) type).getRawType() == List.class) {
      values.add(Arrays.asList("a", "b c", "é/~*"));
      values.add(Collections.emptyList());
      values.add(Arrays.asList("x", null, "y"));
      values.add(null);
    } else if (type == RedeployNodeRequest.class) {
      values.add(
          new RedeployNodeRequest()
              .imageId("vmi_1")
              .cloudInitUserData("#cloud-config\n=é".getBytes(UTF_8))
              .overrideEmpty(false));
      values.add(new RedeployNodeRequest());
      values.add(null);
    } else if (type == CreateNodesRequest.class) {
      values.add(
          new CreateNodesRequest()
              .desiredCount(2)
              .maxPricePerNodeHour(1000L)
              .zone("richmond")
              .nodeType(NodeType.AUTORESERVED)
              .names(Arrays.asList("a", "b")));
      values.add(null);
    } else if (type == ExtendNodeRequest.class) {
      values.add(new ExtendNodeRequest().durationSeconds(3600L).maxPricePerNodeHour(1000L));
      values.add(null);
    } else if (type == VmScript.class) {
      values.add(new VmScript().script(new com.google.gson.JsonPrimitive("#!/bin/sh\necho \"é\"")));
      values.add(null);
    } else if (type == VmLogsOrderBy.class) {
      values.addAll(Arrays.asList(VmLogsOrderBy.values()));
    } else {
      throw new AssertionError("no values for " + type + ": add them to this test");
    }
    return values;
  }

  private static String show(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    String text = value instanceof String ? "\"" + value + "\"" : value.toString();
    text = text.replace("\n", "\\n");
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
