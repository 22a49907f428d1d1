package com.sfcompute.nodes.internal.http;

import com.google.gson.Gson;
import com.google.gson.JsonIOException;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import com.sfcompute.nodes.internal.api.Operation;
import java.io.EOFException;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.http.Body;
import retrofit2.http.Path;
import retrofit2.http.Query;

/**
 * One operation of a generated interface, read once from its Retrofit annotations: how to build its
 * request from the method's arguments and how to decode its answer. The generated interfaces are
 * the declaration of every operation; building each request directly from it, with the client's
 * headers in one step, costs a call a third of what Retrofit's own request building followed by a
 * copy did.
 *
 * <p>The requests are the ones Retrofit builds from the same annotations (proved by {@code
 * EndpointTest} against Retrofit itself): the path relative to the base URL, path values
 * percent-encoded as one segment, query values by OkHttp, {@code @Headers}' {@code Content-Type} on
 * the body, an empty body for a {@code POST}, {@code PUT} or {@code PATCH} without one; answers
 * decode as Retrofit's Gson converter decodes them (proved by {@code DecodeEquivalenceTest}).
 *
 * <p>That is all it handles, and everything else is refused when a method is read, naming the
 * method and the shape: any annotation but the HTTP method, {@code @Headers} and
 * {@code @Deprecated} on a method ({@code @Multipart}, {@code @FormUrlEncoded}, {@code @Streaming},
 * ...), any but {@code @Path}, {@code @Query}, {@code @Header} and {@code @Body} on a parameter
 * ({@code @Url}, {@code @QueryMap}, {@code @HeaderMap}, {@code @Field}, {@code @Part}, ...), a raw
 * OkHttp body sent or answered ({@code @Body RequestBody}, {@code Operation<ResponseBody>}), and a
 * return type other than {@code Operation<T>} (see {@link Shapes}). {@code GeneratedInterfacesTest}
 * reads every generated method in the build, so a new spec that needs more fails the build, not a
 * call.
 */
final class Endpoint {
  private static final MediaType JSON = MediaType.get("application/json; charset=UTF-8");

  private static final byte[] EMPTY = new byte[0];

  private enum Kind {
    PATH,
    QUERY,
    HEADER,
    BODY
  }

  final Method method;
  final String httpMethod;
  private final boolean hasBody;

  /** The path relative to the base URL, one entry per segment: literals and parameter names. */
  private final String[] segments;

  /** For each segment, the index of the parameter it is, or -1 for a literal. */
  private final int[] segmentParams;

  private final Kind[] kinds;

  /** Each parameter's name: path, query or header name; the body's is unused. */
  private final String[] names;

  private final @Nullable Type bodyType;
  private final @Nullable MediaType contentType;
  private final Headers fixedHeaders;

  /** What the answer decodes into; null for an operation without one ({@code Operation<Void>}). */
  private final @Nullable Type answerType;

  /**
   * Its adapter, looked up on the first answer: Gson builds an adapter by reflection over the model
   * and every type it holds, and a client that makes one call should not pay for fifteen.
   */
  private volatile @Nullable TypeAdapter<?> answer;

  private final Gson gson;
  private final String answerName;

  private Endpoint(Method method, Gson gson) {
    this.method = method;
    this.gson = gson;
    String http = null;
    String path = null;
    boolean body = false;
    for (Annotation annotation : method.getAnnotations()) {
      if (!Shapes.handledOnMethod(annotation)) {
        throw unsupported("the method annotation " + Shapes.nameOf(annotation));
      }
      String[] found = Shapes.httpOf(annotation);
      if (found != null) {
        if (http != null) {
          throw unsupported("two HTTP method annotations");
        }
        http = found[0];
        path = found[1];
        body = found[2] != null;
      }
    }
    if (http == null || path == null) {
      throw unsupported("no HTTP method annotation");
    }
    if (path.contains("?") || path.contains("://") || path.startsWith("/")) {
      throw unsupported("a path that is not relative or carries a query: " + path);
    }
    this.httpMethod = http;
    this.hasBody = body;

    MediaType type = null;
    Headers.Builder fixed = new Headers.Builder();
    retrofit2.http.Headers headers = method.getAnnotation(retrofit2.http.Headers.class);
    if (headers != null) {
      for (String header : headers.value()) {
        int colon = header.indexOf(':');
        if (colon <= 0) {
          throw unsupported("a header without a name: " + header);
        }
        String name = header.substring(0, colon).trim();
        String value = header.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Content-Type")) {
          type = MediaType.get(value);
        } else {
          fixed.add(name, value);
        }
      }
    }
    this.contentType = type;
    this.fixedHeaders = fixed.build();

    Annotation[][] annotations = method.getParameterAnnotations();
    Type[] types = method.getGenericParameterTypes();
    this.kinds = new Kind[annotations.length];
    this.names = new String[annotations.length];
    Type bodyOf = null;
    for (int i = 0; i < annotations.length; i++) {
      for (Annotation annotation : annotations[i]) {
        Kind kind = null;
        String name = "";
        if (annotation instanceof Path) {
          if (((Path) annotation).encoded()) {
            throw unsupported("an encoded @Path");
          }
          kind = Kind.PATH;
          name = ((Path) annotation).value();
        } else if (annotation instanceof Query) {
          if (((Query) annotation).encoded()) {
            throw unsupported("an encoded @Query");
          }
          kind = Kind.QUERY;
          name = ((Query) annotation).value();
        } else if (annotation instanceof retrofit2.http.Header) {
          kind = Kind.HEADER;
          name = ((retrofit2.http.Header) annotation).value();
          if (name.equalsIgnoreCase("Content-Type")) {
            throw unsupported("a Content-Type parameter");
          }
        } else if (annotation instanceof Body) {
          if (!body || bodyOf != null) {
            throw unsupported("a @Body where the method takes none, or two");
          }
          if (Shapes.isRawBody(types[i])) {
            throw unsupported("a @Body of type " + types[i].getTypeName() + ", sent as it is");
          }
          kind = Kind.BODY;
          bodyOf = types[i];
        } else {
          throw unsupported(
              "the parameter annotation " + Shapes.nameOf(annotation) + " on parameter " + i);
        }
        if (kind != null) {
          if (kinds[i] != null) {
            throw unsupported("two annotations on parameter " + i);
          }
          kinds[i] = kind;
          names[i] = name;
        }
      }
      if (kinds[i] == null) {
        throw unsupported("parameter " + i + " without @Path, @Query, @Header or @Body");
      }
    }
    this.bodyType = bodyOf;

    String[] parts = path.isEmpty() ? new String[0] : path.split("/", -1);
    this.segments = parts;
    this.segmentParams = new int[parts.length];
    for (int s = 0; s < parts.length; s++) {
      String part = parts[s];
      segmentParams[s] = -1;
      if (part.startsWith("{") && part.endsWith("}")) {
        String name = part.substring(1, part.length() - 1);
        for (int i = 0; i < kinds.length; i++) {
          if (kinds[i] == Kind.PATH && names[i].equals(name)) {
            segmentParams[s] = i;
          }
        }
        if (segmentParams[s] < 0) {
          throw unsupported("no @Path(\"" + name + "\") for " + path);
        }
        segments[s] = name;
      } else if (part.contains("{") || part.contains("}")) {
        throw unsupported("a path parameter that is not a whole segment: " + path);
      }
    }
    for (int i = 0; i < kinds.length; i++) {
      if (kinds[i] == Kind.PATH && !pathHas(names[i])) {
        throw unsupported("@Path(\"" + names[i] + "\") missing from " + path);
      }
    }

    Type returned = method.getGenericReturnType();
    if (!(returned instanceof ParameterizedType)
        || ((ParameterizedType) returned).getRawType() != Operation.class) {
      throw unsupported("the return type " + returned.getTypeName() + ", not Operation<T>");
    }
    Type answered = ((ParameterizedType) returned).getActualTypeArguments()[0];
    if (!Shapes.decodable(answered)) {
      throw unsupported("an answer of type " + answered.getTypeName() + ", not a decoded model");
    }
    this.answerType = answered == Void.class ? null : answered;
    String typeName = answered.getTypeName();
    this.answerName = typeName.substring(typeName.lastIndexOf('.') + 1);
  }

  /**
   * The operation {@code method} of a generated interface declares.
   *
   * @throws IllegalArgumentException when it uses what the SDK does not build requests from
   */
  static Endpoint of(Method method, Gson gson) {
    return new Endpoint(method, gson);
  }

  /** The operations of the generated interface {@code service}: every method, or a failure. */
  static List<Endpoint> of(Class<?> service, Gson gson) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (Method method : service.getMethods()) {
      if (!method.isDefault() && !java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
        endpoints.add(new Endpoint(method, gson));
      }
    }
    return endpoints;
  }

  /** The path as the spec writes it, e.g. {@code /v1/nodes/{id}}: for events, never sent. */
  String pathTemplate() {
    StringBuilder template = new StringBuilder();
    for (int s = 0; s < segments.length; s++) {
      template.append('/');
      template.append(segmentParams[s] >= 0 ? "{" + segments[s] + "}" : segments[s]);
    }
    return template.toString();
  }

  /** The value {@code args} give the first path parameter (a node's id or name), or null. */
  @Nullable String firstPathArgument(@Nullable Object[] args) {
    for (int s = 0; s < segments.length; s++) {
      if (segmentParams[s] >= 0) {
        Object value = args[segmentParams[s]];
        return value == null ? null : UrlText.text(value);
      }
    }
    return null;
  }

  /** The value {@code args} give the header parameter {@code name}, or null. */
  @Nullable String headerArgument(@Nullable Object[] args, String name) {
    for (int i = 0; i < kinds.length; i++) {
      if (kinds[i] == Kind.HEADER && names[i].equalsIgnoreCase(name) && args[i] != null) {
        return UrlText.text(args[i]);
      }
    }
    return null;
  }

  /** Whether answers of this operation carry a body ({@code Operation<Void>} not). */
  boolean expectsBody() {
    return answerType != null;
  }

  /**
   * The request for {@code args} under {@code settings}: the client's headers, then
   * {@code @Headers}' own, then the call's ({@code Idempotency-Key}), each replacing one of the
   * same name.
   */
  Request request(HttpUrl baseUrl, CallSettings settings, @Nullable Object[] args) {
    // The whole path in one string, resolved as Retrofit resolves it against the base URL: segment
    // by segment, an empty value would be dropped instead of kept between two slashes.
    StringBuilder path = new StringBuilder(baseUrl.encodedPath());
    for (int s = 0; s < segments.length; s++) {
      if (s > 0) {
        path.append('/');
      }
      int param = segmentParams[s];
      if (param < 0) {
        path.append(segments[s]);
      } else {
        Object value = args[param];
        if (value == null) {
          throw new IllegalArgumentException(
              "Path parameter \"" + names[param] + "\" value must not be null.");
        }
        path.append(UrlText.pathSegment(names[param], UrlText.text(value)));
      }
    }
    HttpUrl.Builder url = baseUrl.newBuilder().encodedPath(path.toString());
    Request.Builder request = new Request.Builder().headers(settings.headers);
    for (int i = 0; i < fixedHeaders.size(); i++) {
      request.header(fixedHeaders.name(i), fixedHeaders.value(i));
    }
    RequestBody body = null;
    for (int i = 0; i < kinds.length; i++) {
      Object value = args[i];
      switch (kinds[i]) {
        case QUERY:
          addQuery(url, names[i], value);
          break;
        case HEADER:
          addHeader(request, names[i], value);
          break;
        case BODY:
          if (value == null) {
            throw new IllegalArgumentException("Body parameter value must not be null.");
          }
          body =
              RequestBody.create(
                  gson.toJson(value, bodyType).getBytes(StandardCharsets.UTF_8),
                  contentType != null ? contentType : JSON);
          break;
        default:
          break;
      }
    }
    if (body == null && hasBody) {
      body = RequestBody.create(EMPTY, contentType);
    }
    return request.url(UrlText.rfc3986Query(url.build())).method(httpMethod, body).build();
  }

  /**
   * The answer's body decoded; a body that is not the expected JSON is an {@link
   * InvalidBodyException}, an I/O failure while reading it the attempt's failure. Closes the body.
   * Strict, a model without one of its required fields is not the expected JSON; otherwise it is
   * marked, and reading that field throws ({@link RequiredFields}).
   */
  @Nullable Object decode(ResponseBody body, boolean strict) throws IOException {
    try (ResponseBody b = body) {
      Type type = answerType;
      if (type == null) {
        return null;
      }
      TypeAdapter<?> adapter = answer;
      if (adapter == null) { // Gson caches adapters: a race builds at most one more.
        adapter = gson.getAdapter(TypeToken.get(type));
        answer = adapter;
      }
      JsonReader reader =
          strict ? new StrictReader(b.charStream()) : gson.newJsonReader(b.charStream());
      Object value = adapter.read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new JsonIOException("JSON document was not fully consumed.");
      }
      return value;
    } catch (JsonParseException | MalformedJsonException | EOFException e) {
      // Gson's signs of a body that is not the expected JSON; OkHttp's failures pass as they are.
      throw new InvalidBodyException("response body is not a valid " + answerName, e);
    }
  }

  private boolean pathHas(String name) {
    for (int s = 0; s < segments.length; s++) {
      if (segmentParams[s] >= 0 && segments[s].equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static void addQuery(HttpUrl.Builder url, String name, @Nullable Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof Iterable) {
      for (Object each : (Iterable<?>) value) {
        if (each != null) {
          url.addQueryParameter(name, UrlText.text(each));
        }
      }
    } else {
      url.addQueryParameter(name, UrlText.text(value));
    }
  }

  private static void addHeader(Request.Builder request, String name, @Nullable Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof Iterable) {
      request.removeHeader(name);
      for (Object each : (Iterable<?>) value) {
        if (each != null) {
          request.addHeader(name, each.toString());
        }
      }
    } else {
      request.header(name, value.toString());
    }
  }

  private IllegalArgumentException unsupported(String what) {
    return new IllegalArgumentException(
        "The generated "
            + method.getDeclaringClass().getSimpleName()
            + "."
            + method.getName()
            + " uses what the SDK does not build requests from: "
            + what);
  }

  @Override
  public String toString() {
    return httpMethod.toUpperCase(Locale.ROOT) + " " + String.join("/", segments);
  }
}
