package com.sfcompute.nodes.internal.http;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Converter;
import retrofit2.Retrofit;
import retrofit2.converter.gson.GsonConverterFactory;

/**
 * A plain {@link Retrofit} over the generated interfaces with the SDK's JSON and value formats:
 * what the SDK's {@link Endpoint} must build the same requests as ({@code EndpointTest}), and what
 * the generated interfaces are tested through on their own ({@code GeneratedClientWireTest}).
 */
final class SfcRetrofit {
  private SfcRetrofit() {}

  /**
   * A Retrofit over {@code client} for the API at {@code baseUrl}. A base URL with a path keeps it
   * ({@code https://proxy.example/sfc} + {@code v1/nodes}): the generated paths are relative.
   */
  static Retrofit create(OkHttpClient client, HttpUrl baseUrl, Gson gson) {
    Objects.requireNonNull(client, "client == null");
    Objects.requireNonNull(baseUrl, "baseUrl == null");
    Objects.requireNonNull(gson, "gson == null");
    return builder(baseUrl, gson).client(client).build();
  }

  /**
   * A Retrofit builder for the API at {@code baseUrl}, with the SDK's converters; no client yet.
   */
  static Retrofit.Builder builder(HttpUrl baseUrl, Gson gson) {
    return new Retrofit.Builder()
        .baseUrl(withTrailingSlash(baseUrl))
        .addConverterFactory(QueryValues.INSTANCE)
        .addConverterFactory(new JsonBodies(gson))
        .addConverterFactory(new InvalidBodies(GsonConverterFactory.create(gson)));
  }

  /**
   * Request bodies as one UTF-8 JSON string. Retrofit's Gson converter writes through an {@code
   * OutputStreamWriter}, whose encoder allocates an 8 KiB buffer on every call: for the API's small
   * bodies that is most of what a write allocates. The bytes sent are the same.
   */
  static final class JsonBodies extends Converter.Factory {
    private static final MediaType JSON = MediaType.get("application/json; charset=UTF-8");

    private final Gson gson;

    JsonBodies(Gson gson) {
      this.gson = gson;
    }

    @Override
    public @Nullable Converter<?, RequestBody> requestBodyConverter(
        Type type,
        Annotation[] parameterAnnotations,
        Annotation[] methodAnnotations,
        Retrofit retrofit) {
      return value -> RequestBody.create(gson.toJson(value, type), JSON);
    }
  }

  /**
   * Tells a body that is not the expected JSON (wrong shape, malformed, truncated) apart from a
   * connection that failed while the body was read: the first is an invalid answer, the second a
   * network failure. Gson signals the first with JsonParseException, MalformedJsonException or
   * EOFException ("End of input"); OkHttp signals the second with other IOExceptions, which pass.
   */
  static final class InvalidBodies extends Converter.Factory {
    private final Converter.Factory delegate;

    InvalidBodies(Converter.Factory delegate) {
      this.delegate = delegate;
    }

    @Override
    public @Nullable Converter<ResponseBody, ?> responseBodyConverter(
        Type type, Annotation[] annotations, Retrofit retrofit) {
      Converter<ResponseBody, ?> converter =
          delegate.responseBodyConverter(type, annotations, retrofit);
      if (converter == null) {
        return null;
      }
      return body -> {
        try {
          return converter.convert(body);
        } catch (JsonParseException | MalformedJsonException | EOFException e) {
          throw new InvalidBodyException("response body is not a valid " + typeName(type), e);
        }
      };
    }

    private static String typeName(Type type) {
      String name = type.getTypeName();
      return name.substring(name.lastIndexOf('.') + 1);
    }
  }

  static HttpUrl withTrailingSlash(HttpUrl url) {
    String path = url.encodedPath();
    return path.endsWith("/") ? url : url.newBuilder().encodedPath(path + "/").build();
  }

  /**
   * Query and path values as the API wants them. Retrofit's default, {@code toString()}, drops the
   * seconds of an {@code OffsetDateTime} at :00, which is not RFC 3339.
   */
  static final class QueryValues extends Converter.Factory {
    static final QueryValues INSTANCE = new QueryValues();

    @Override
    public @Nullable Converter<?, String> stringConverter(
        Type type, Annotation[] annotations, Retrofit retrofit) {
      if (type == OffsetDateTime.class) {
        return (Converter<OffsetDateTime, String>) DateTimeFormatter.ISO_OFFSET_DATE_TIME::format;
      }
      return null;
    }
  }
}
