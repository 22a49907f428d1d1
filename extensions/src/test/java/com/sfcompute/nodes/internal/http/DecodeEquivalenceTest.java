package com.sfcompute.nodes.internal.http;

import static com.sfcompute.nodes.TestHttp.published;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sfcompute.nodes.RequestOptions;
import com.sfcompute.nodes.Sleeper;
import com.sfcompute.nodes.errors.SfcNodesInvalidDataException;
import com.sfcompute.nodes.internal.api.NodesApi;
import com.sfcompute.nodes.internal.api.Operation;
import com.sfcompute.nodes.internal.api.VmsApi;
import com.sfcompute.nodes.internal.api.ZonesApi;
import com.sfcompute.nodes.mock.MockClock;
import com.sfcompute.nodes.mock.MockNodesServer;
import com.sfcompute.nodes.model.CreateNodesRequest;
import com.sfcompute.nodes.model.ExtendNodeRequest;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.NodeList;
import com.sfcompute.nodes.model.NodeType;
import com.sfcompute.nodes.model.RedeployNodeRequest;
import com.sfcompute.nodes.model.VmLogsOrderBy;
import com.sfcompute.nodes.model.VmScript;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import retrofit2.Retrofit;

/**
 * The SDK decodes each answer itself ({@link Endpoint#decode}); Retrofit with {@code
 * GsonConverterFactory} over the SDK's {@link Gson} is the reference. For every generated operation
 * with an answer body, sample answers (what the stand-in sent for a real call of it, and variants:
 * an unknown field, every field missing, the published page's node) are served byte for byte to
 * both, each through its whole path over real HTTP; the two values must be equal, field for field.
 * What is not one JSON document must be refused by both.
 */
class DecodeEquivalenceTest {
  private static final Gson GSON = SfcJson.gson();
  private static final OkHttpClient HTTP = new OkHttpClient();

  /** What the stand-in answered, by operation; filled once by {@link #recordTheStandIn}. */
  private static final List<Sample> SAMPLES = new ArrayList<>();

  private static final MockWebServer SERVER = new MockWebServer();
  private static Transport sdk;
  private static Transport strictSdk;
  private static Apis viaSdk;
  private static Apis viaRetrofit;

  /** The three generated interfaces, as one implementation provides them. */
  private static final class Apis {
    final NodesApi nodes;
    final VmsApi vms;
    final ZonesApi zones;

    Apis(NodesApi nodes, VmsApi vms, ZonesApi zones) {
      this.nodes = nodes;
      this.vms = vms;
      this.zones = zones;
    }

    static Apis of(Object all) {
      return new Apis((NodesApi) all, (VmsApi) all, (ZonesApi) all);
    }
  }

  /** One call of an operation and the answer the stand-in gave it. */
  private static final class Sample {
    final String operation;
    final Function<Apis, Operation<?>> call;
    final byte[] body;

    Sample(String operation, Function<Apis, Operation<?>> call, byte[] body) {
      this.operation = operation;
      this.call = call;
      this.body = body;
    }
  }

  @BeforeAll
  static void recordTheStandIn() throws IOException {
    MockClock clock = MockClock.create();
    try (MockNodesServer standIn = MockNodesServer.builder().clock(clock).start()) {
      Transport recorder = transport(HttpUrl.get(standIn.baseUrl()), standIn.token());
      try {
        record(recorder, standIn, clock);
      } finally {
        recorder.close();
      }
    }
    SERVER.start();
    sdk = transport(SERVER.url("/"), "sk-test-decode-0123456789");
    strictSdk = sdk.withOptions(RequestOptions.builder().strictDecoding(true).build());
    viaSdk = Apis.of(sdk.apis(NodesApi.class, VmsApi.class, ZonesApi.class));
    Retrofit retrofit = SfcRetrofit.builder(SERVER.url("/"), GSON).client(HTTP).build();
    viaRetrofit =
        new Apis(
            retrofit.create(NodesApi.class),
            retrofit.create(VmsApi.class),
            retrofit.create(ZonesApi.class));
  }

  /** A real call of every operation with an answer body, in an order the stand-in accepts. */
  private static void record(Transport recorder, MockNodesServer standIn, MockClock clock)
      throws IOException {
    Apis apis = Apis.of(recorder.apis(NodesApi.class, VmsApi.class, ZonesApi.class));
    String image = MockNodesServer.DEFAULT_IMAGE.imageId();
    String zone = MockNodesServer.DEFAULT_ZONES.get(0).name();
    record(recorder, apis, "listZones", a -> a.zones.listZones());
    record(recorder, apis, "getZone", a -> a.zones.getZone(zone));
    record(recorder, apis, "listImages", a -> a.vms.listImages());
    record(recorder, apis, "getImage", a -> a.vms.getImage(image));
    VmScript script = new VmScript().script(new com.google.gson.JsonPrimitive("#!/bin/sh\n"));
    record(recorder, apis, "createVmScript", a -> a.vms.createVmScript(script, "key-script"));
    record(recorder, apis, "getVmScript", a -> a.vms.getVmScript());
    long endAt = clock.instant().getEpochSecond() + 7200;
    CreateNodesRequest reserved =
        new CreateNodesRequest()
            .desiredCount(1)
            .maxPricePerNodeHour(1000L)
            .zone(zone)
            .nodeType(NodeType.RESERVED)
            .endAt(endAt)
            .names(Collections.singletonList("reserved-1"))
            .imageId(image);
    CreateNodesRequest spot =
        new CreateNodesRequest()
            .desiredCount(1)
            .maxPricePerNodeHour(1000L)
            .zone(zone)
            .nodeType(NodeType.AUTORESERVED)
            .names(Collections.singletonList("auto-1"))
            .imageId(image);
    record(recorder, apis, "createNodes", a -> a.nodes.createNodes(reserved, "key-reserved"));
    NodeList created = recorder.execute(apis.nodes.createNodes(spot, "key-spot"));
    Node node = created.getData().get(0);
    clock.advance(Duration.ofMinutes(10)); // Past the stand-in's transition delay: running.
    String id = node.getId();
    record(recorder, apis, "getNode", a -> a.nodes.getNode(id));
    record(recorder, apis, "listNodes", a -> a.nodes.listNodes(null, null, null));
    record(
        recorder,
        apis,
        "extendNode",
        a ->
            a.nodes.extendNode(
                "reserved-1",
                new ExtendNodeRequest().durationSeconds(3600L).maxPricePerNodeHour(1000L),
                "key-extend"));
    record(
        recorder,
        apis,
        "redeployNode",
        a -> a.nodes.redeployNode(id, new RedeployNodeRequest().imageId(image), "key-redeploy"));
    clock.advance(Duration.ofMinutes(10)); // The new VM boots: logs and host keys.
    String vm = recorder.execute(apis.nodes.getNode(id)).getCurrentVm().getId();
    record(
        recorder,
        apis,
        "getVmLogs",
        a -> a.vms.getVmLogs(vm, VmLogsOrderBy.SEQNUM_ASC, 10, null, null, null, null));
    record(recorder, apis, "getVmSsh", a -> a.vms.getVmSsh(vm));
    record(recorder, apis, "releaseNode", a -> a.nodes.releaseNode(id, "key-release"));
    assertFalse(standIn.requests().isEmpty());
  }

  /** Sends {@code call} as the SDK would, and keeps the stand-in's answer byte for byte. */
  private static void record(
      Transport recorder, Apis apis, String operation, Function<Apis, Operation<?>> call)
      throws IOException {
    Request request = recorder.requestOf((GeneratedCall<?>) call.apply(apis));
    try (okhttp3.Response response = HTTP.newCall(request).execute()) {
      byte[] body = response.body().bytes();
      assertTrue(response.isSuccessful(), operation + ": " + new String(body, UTF_8));
      SAMPLES.add(new Sample(operation, call, body));
    }
  }

  private static Transport transport(HttpUrl baseUrl, String token) {
    return Transport.builder()
        .token(token)
        .baseUrl(baseUrl)
        .maxRetries(0)
        .time(
            Clock.systemUTC(),
            Sleeper.SYSTEM,
            (task, delay) -> CompletableFuture.completedFuture(null))
        .build();
  }

  @AfterAll
  static void tearDown() throws IOException {
    if (sdk != null) {
      sdk.close();
    }
    SERVER.shutdown();
  }

  static Stream<Arguments> samples() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    JsonElement page = JsonParser.parseString(published("redeploy-response.json"));
    for (Sample sample : SAMPLES) {
      String sent = new String(sample.body, UTF_8);
      cases.add(Arguments.of(sample.operation + " as the stand-in sent it", sample, sent));
      JsonElement tree = JsonParser.parseString(sent);
      if (tree.isJsonObject()) {
        JsonObject extra = tree.getAsJsonObject().deepCopy();
        extra.add("a_field_from_a_newer_api", JsonParser.parseString("{\"x\":[1,\"y\",null]}"));
        cases.add(
            Arguments.of(sample.operation + " with an unknown field", sample, extra.toString()));
        cases.add(Arguments.of(sample.operation + " with every field missing", sample, "{}"));
      }
      if (returns(sample.operation, Node.class)) {
        cases.add(
            Arguments.of(sample.operation + " as the published page", sample, page.toString()));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void theSdkDecodesTheAnswerAsRetrofitAndGsonDo(String name, Sample sample, String body)
      throws Exception {
    Object expected = retrofitDecodes(sample, body);
    Object actual = sdkDecodes(sdk, sample, body);

    assertEquals(expected, actual, name);
    assertEquals(GSON.toJsonTree(expected), GSON.toJsonTree(actual), name);
  }

  /** Complete answers, as the stand-in sends them, decode the same when the SDK is strict too. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void aCompleteAnswerDecodesTheSameWhenStrict(String name, Sample sample, String body)
      throws Exception {
    if (!body.equals(new String(sample.body, UTF_8))) {
      return;
    }
    assertEquals(retrofitDecodes(sample, body), sdkDecodes(strictSdk, sample, body), name);
  }

  /** Not one JSON document: cut short, or followed by more than whitespace. */
  static Stream<Arguments> notOneDocument() {
    List<Arguments> cases = new ArrayList<>();
    for (Sample sample : SAMPLES) {
      String sent = new String(sample.body, UTF_8);
      cases.add(
          Arguments.of(
              sample.operation + " cut short", sample, sent.substring(0, sent.length() / 2)));
      cases.add(Arguments.of(sample.operation + " followed by more", sample, sent + " {}"));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notOneDocument")
  void anAnswerThatIsNotOneJsonDocumentIsRefusedByBoth(String name, Sample sample, String body)
      throws Exception {
    serve(body);
    assertThrows(
        Exception.class, () -> SfcRetrofit.call(sample.call.apply(viaRetrofit)).execute(), name);
    SERVER.takeRequest();
    serve(body);
    assertThrows(
        SfcNodesInvalidDataException.class, () -> sdk.execute(sample.call.apply(viaSdk)), name);
    SERVER.takeRequest();
  }

  /**
   * The one deliberate difference: a JSON {@code null} is a null body to Retrofit, and to the SDK,
   * whose operations return a value, an invalid answer.
   */
  @Test
  void aNullAnswerIsNullToRetrofitAndRefusedByTheSdk() throws Exception {
    for (Sample sample : SAMPLES) {
      assertEquals(null, retrofitDecodes(sample, "null"), sample.operation);
      serve("null");
      assertThrows(
          SfcNodesInvalidDataException.class,
          () -> sdk.execute(sample.call.apply(viaSdk)),
          sample.operation);
      SERVER.takeRequest();
    }
  }

  /** Every generated operation that answers a body was called on the stand-in, and only those. */
  @Test
  void everyOperationWithAnAnswerBodyHasSamples() {
    TreeSet<String> withBody = new TreeSet<>();
    for (Class<?> api : Arrays.asList(NodesApi.class, VmsApi.class, ZonesApi.class)) {
      for (Method method : api.getMethods()) {
        if (answerOf(method) != Void.class) {
          withBody.add(method.getName());
        }
      }
    }
    TreeSet<String> sampled = new TreeSet<>();
    SAMPLES.forEach(sample -> sampled.add(sample.operation));
    assertEquals(withBody, sampled);
    assertTrue(withBody.size() >= 14, "the spec has 14 operations with a body: " + withBody);
  }

  private static Object retrofitDecodes(Sample sample, String body) throws Exception {
    serve(body);
    retrofit2.Response<?> response = SfcRetrofit.call(sample.call.apply(viaRetrofit)).execute();
    SERVER.takeRequest();
    assertTrue(response.isSuccessful());
    return response.body();
  }

  private static Object sdkDecodes(Transport transport, Sample sample, String body)
      throws Exception {
    serve(body);
    Object decoded = transport.execute(sample.call.apply(viaSdk));
    SERVER.takeRequest();
    return decoded;
  }

  private static void serve(String body) {
    SERVER.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "application/json")
            .setBody(new Buffer().writeUtf8(body)));
  }

  private static boolean returns(String operation, Class<?> type) {
    for (Class<?> api : Arrays.asList(NodesApi.class, VmsApi.class, ZonesApi.class)) {
      for (Method method : api.getMethods()) {
        if (method.getName().equals(operation)) {
          return answerOf(method) == type;
        }
      }
    }
    return false;
  }

  private static java.lang.reflect.Type answerOf(Method method) {
    return ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[0];
  }
}
