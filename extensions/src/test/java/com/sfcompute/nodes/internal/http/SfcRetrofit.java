package com.sfcompute.nodes.internal.http;

import com.google.gson.Gson;
import com.sfcompute.nodes.internal.api.Operation;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.CallAdapter;
import retrofit2.Converter;
import retrofit2.Retrofit;
import retrofit2.converter.gson.GsonConverterFactory;

/**
 * A plain {@link Retrofit} over the generated interfaces with the SDK's JSON and value formats: the
 * reference the SDK's {@link Endpoint} must build the same requests as ({@code EndpointTest}). The
 * interfaces return the SDK's {@link Operation}; here each one is a Retrofit {@link Call} ({@link
 * #call} unwraps it).
 */
final class SfcRetrofit {
  private SfcRetrofit() {}

  /**
   * A Retrofit builder for the API at {@code baseUrl}, with the SDK's converters; no client yet.
   */
  static Retrofit.Builder builder(HttpUrl baseUrl, Gson gson) {
    return new Retrofit.Builder()
        .baseUrl(withTrailingSlash(baseUrl))
        .addCallAdapterFactory(Operations.INSTANCE)
        .addConverterFactory(QueryValues.INSTANCE)
        .addConverterFactory(new JsonBodies(gson))
        .addConverterFactory(GsonConverterFactory.create(gson));
  }

  /** The Retrofit call an operation of a Retrofit-created interface is. */
  static <T> Call<T> call(Operation<T> operation) {
    if (!(operation instanceof RetrofitOperation)) {
      throw new IllegalArgumentException("Not an operation of a Retrofit interface: " + operation);
    }
    return ((RetrofitOperation<T>) operation).call;
  }

  /** A Retrofit call, as the generated interfaces' return type. */
  private static final class RetrofitOperation<T> implements Operation<T> {
    final Call<T> call;

    RetrofitOperation(Call<T> call) {
      this.call = call;
    }
  }

  /** Lets Retrofit implement methods returning {@code Operation<T>}: each a {@link Call}. */
  static final class Operations extends CallAdapter.Factory {
    static final Operations INSTANCE = new Operations();

    @Override
    public @Nullable CallAdapter<?, ?> get(
        Type returnType, Annotation[] annotations, Retrofit retrofit) {
      if (getRawType(returnType) != Operation.class) {
        return null;
      }
      Type answer = getParameterUpperBound(0, (ParameterizedType) returnType);
      return new CallAdapter<Object, Operation<Object>>() {
        @Override
        public Type responseType() {
          return answer;
        }

        @Override
        public Operation<Object> adapt(Call<Object> call) {
          return new RetrofitOperation<>(call);
        }
      };
    }
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
