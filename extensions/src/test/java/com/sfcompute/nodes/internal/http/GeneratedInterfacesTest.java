package com.sfcompute.nodes.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.sfcompute.nodes.Sleeper;
import com.sfcompute.nodes.internal.api.NodesApi;
import com.sfcompute.nodes.internal.api.Operation;
import com.sfcompute.nodes.model.Node;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import okhttp3.HttpUrl;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.Field;
import retrofit2.http.FormUrlEncoded;
import retrofit2.http.GET;
import retrofit2.http.HeaderMap;
import retrofit2.http.Multipart;
import retrofit2.http.POST;
import retrofit2.http.Part;
import retrofit2.http.Query;
import retrofit2.http.QueryMap;
import retrofit2.http.Streaming;
import retrofit2.http.Tag;
import retrofit2.http.Url;

/**
 * The fence around the SDK's reading of the generated interfaces ({@link Endpoint}): every shape it
 * does not handle is refused when a method is read, naming the method and the shape, and every
 * method the generator wrote for this build's spec is read. A spec change that makes the generator
 * emit such a shape fails this test, so the build, not a user's call.
 */
class GeneratedInterfacesTest {
  private static final Gson GSON = SfcJson.gson();

  private static final Transport TRANSPORT =
      Transport.builder()
          .token("sk-test-interfaces-0123456789")
          .baseUrl(HttpUrl.get("https://api.example/"))
          .time(
              Clock.systemUTC(),
              Sleeper.SYSTEM,
              (task, delay) -> CompletableFuture.completedFuture(null))
          .build();

  @AfterAll
  static void close() {
    TRANSPORT.close();
  }

  /** An annotation neither Retrofit nor the SDK knows. */
  @Retention(RetentionPolicy.RUNTIME)
  @interface Unknown {}

  interface RawRequestBody {
    @POST("v1/things")
    Operation<Node> send(@Body RequestBody body);
  }

  interface MultipartPart {
    @POST("v1/things")
    Operation<Node> send(@Body MultipartBody.Part part);
  }

  interface RawAnswer {
    @GET("v1/things")
    Operation<ResponseBody> download();
  }

  interface WrappedAnswer {
    @GET("v1/things")
    Operation<retrofit2.Response<Node>> wrapped();
  }

  interface RetrofitCall {
    @GET("v1/things")
    Call<Node> call();
  }

  interface PlainReturn {
    @GET("v1/things")
    Node plain();
  }

  interface AnyAnswer {
    @GET("v1/things")
    Operation<?> any();
  }

  interface MultipartForm {
    @Multipart
    @POST("v1/things")
    Operation<Node> upload(@Part("name") String name);
  }

  interface UrlEncodedForm {
    @FormUrlEncoded
    @POST("v1/things")
    Operation<Node> form(@Field("name") String name);
  }

  interface StreamedAnswer {
    @Streaming
    @GET("v1/things")
    Operation<Node> stream();
  }

  interface UnknownOnMethod {
    @Unknown
    @GET("v1/things")
    Operation<Node> marked();
  }

  interface DynamicUrl {
    @GET
    Operation<Node> at(@Url String url);
  }

  interface QueryMapParam {
    @GET("v1/things")
    Operation<Node> filtered(@QueryMap Map<String, String> query);
  }

  interface HeaderMapParam {
    @GET("v1/things")
    Operation<Node> headed(@HeaderMap Map<String, String> headers);
  }

  interface TagParam {
    @GET("v1/things")
    Operation<Node> tagged(@Tag String tag);
  }

  interface UnknownOnParameter {
    @GET("v1/things")
    Operation<Node> marked(@Unknown @Query("q") String q);
  }

  interface EncodedPath {
    @GET("v1/things/{id}")
    Operation<Node> encoded(@retrofit2.http.Path(value = "id", encoded = true) String id);
  }

  interface MixedSegment {
    @GET("v1/things/{id}.json")
    Operation<Node> mixed(@retrofit2.http.Path("id") String id);
  }

  interface MissingPath {
    @GET("v1/things/{id}")
    Operation<Node> missing(@Query("id") String id);
  }

  interface BodyOnGet {
    @GET("v1/things")
    Operation<Node> body(@Body Node body);
  }

  interface Unannotated {
    @GET("v1/things")
    Operation<Node> bare(String q);
  }

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(RawRequestBody.class, "a @Body of type okhttp3.RequestBody"),
        Arguments.of(MultipartPart.class, "a @Body of type okhttp3.MultipartBody$Part"),
        Arguments.of(RawAnswer.class, "an answer of type okhttp3.ResponseBody"),
        Arguments.of(WrappedAnswer.class, "an answer of type retrofit2.Response<"),
        Arguments.of(RetrofitCall.class, "the return type retrofit2.Call<"),
        Arguments.of(PlainReturn.class, "the return type " + Node.class.getName()),
        Arguments.of(AnyAnswer.class, "an answer of type ?"),
        Arguments.of(MultipartForm.class, "the method annotation @Multipart"),
        Arguments.of(UrlEncodedForm.class, "the method annotation @FormUrlEncoded"),
        Arguments.of(StreamedAnswer.class, "the method annotation @Streaming"),
        Arguments.of(UnknownOnMethod.class, "the method annotation @Unknown"),
        Arguments.of(DynamicUrl.class, "the parameter annotation @Url on parameter 0"),
        Arguments.of(QueryMapParam.class, "the parameter annotation @QueryMap on parameter 0"),
        Arguments.of(HeaderMapParam.class, "the parameter annotation @HeaderMap on parameter 0"),
        Arguments.of(TagParam.class, "the parameter annotation @Tag on parameter 0"),
        Arguments.of(UnknownOnParameter.class, "the parameter annotation @Unknown on parameter 0"),
        Arguments.of(EncodedPath.class, "an encoded @Path"),
        Arguments.of(MixedSegment.class, "a path parameter that is not a whole segment"),
        Arguments.of(MissingPath.class, "no @Path(\"id\")"),
        Arguments.of(BodyOnGet.class, "a @Body where the method takes none"),
        Arguments.of(Unannotated.class, "parameter 0 without @Path, @Query, @Header or @Body"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void aShapeTheSdkDoesNotHandleIsRefusedWhenReadNamingTheMethodAndTheShape(
      Class<?> api, String shape) {
    Method method = api.getMethods()[0];
    IllegalArgumentException read =
        assertThrows(IllegalArgumentException.class, () -> Endpoint.of(api, GSON));

    String expected =
        "The generated "
            + api.getSimpleName()
            + "."
            + method.getName()
            + " uses what the SDK does not build requests from: ";
    assertTrue(read.getMessage().startsWith(expected), read.getMessage());
    assertTrue(read.getMessage().contains(shape), read.getMessage());
    // Through the transport a method is read when first called: the same refusal, nothing sent.
    Object proxy = TRANSPORT.api(api);
    IllegalArgumentException called =
        assertThrows(
            IllegalArgumentException.class,
            () -> invoke(proxy, method, new Object[method.getParameterCount()]));
    assertEquals(read.getMessage(), called.getMessage());
  }

  interface Handled {
    @Deprecated
    @retrofit2.http.Headers({"Content-Type:application/json", "X-Kind:test"})
    @POST("v1/things/{id}")
    Operation<List<Node>> all(
        @retrofit2.http.Path("id") String id,
        @Query("q") String q,
        @retrofit2.http.Header("Idempotency-Key") String key,
        @Body Node body);

    @GET("v1/things")
    Operation<Void> none();
  }

  @Test
  void everyShapeTheSdkHandlesIsRead() {
    assertEquals(2, Endpoint.of(Handled.class, GSON).size());
  }

  /**
   * Every interface the generator wrote into the generated-client artifact, found there rather than
   * listed, so a new tag of the spec is read too; each method is read, or this fails naming it.
   */
  @Test
  void everyGeneratedMethodIsReadWhole() throws Exception {
    List<Class<?>> interfaces = generatedInterfaces();
    int methods = 0;
    for (Class<?> api : interfaces) {
      assertEquals(api.getMethods().length, Endpoint.of(api, GSON).size(), api.getName());
      methods += api.getMethods().length;
    }
    assertTrue(interfaces.size() >= 3, "the spec has 3 tags, found " + interfaces);
    assertTrue(methods >= 15, "the spec has 15 operations, found " + methods);
  }

  private static List<Class<?>> generatedInterfaces() throws Exception {
    String pkg = NodesApi.class.getPackage().getName().replace('.', '/') + "/";
    Path location =
        Paths.get(NodesApi.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.list(location.resolve(pkg))) {
        files.forEach(file -> names.add(pkg + file.getFileName()));
      }
    } else {
      try (ZipFile jar = new ZipFile(location.toFile())) {
        Enumeration<? extends ZipEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
          names.add(entries.nextElement().getName());
        }
      }
    }
    List<Class<?>> interfaces = new ArrayList<>();
    for (String name : names) {
      String rest = name.startsWith(pkg) ? name.substring(pkg.length()) : "";
      if (rest.endsWith(".class")
          && !rest.contains("/")
          && !rest.contains("$")
          && !rest.equals("package-info.class")) {
        Class<?> type = Class.forName(name.substring(0, name.length() - 6).replace('/', '.'));
        if (type.isInterface() && type != Operation.class) {
          interfaces.add(type);
        }
      }
    }
    return interfaces;
  }

  private static Object invoke(Object api, Method method, Object[] args) throws Exception {
    try {
      return method.invoke(api, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw cause instanceof Exception ? (Exception) cause : new RuntimeException(cause);
    }
  }
}
