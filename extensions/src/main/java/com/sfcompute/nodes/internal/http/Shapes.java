package com.sfcompute.nodes.internal.http;

import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.HEAD;
import retrofit2.http.HTTP;
import retrofit2.http.OPTIONS;
import retrofit2.http.PATCH;
import retrofit2.http.POST;
import retrofit2.http.PUT;

/**
 * Which shapes of the generated Retrofit declarations {@link Endpoint} handles, in one place: the
 * method annotations it reads, and the types it cannot send or decode as Retrofit would. Anything
 * else is refused when a method is read (see {@link Endpoint}); widening this list needs the new
 * shape in {@code EndpointTest} and {@code DecodeEquivalenceTest}, which prove the SDK and Retrofit
 * agree.
 */
final class Shapes {
  private Shapes() {}

  /**
   * For an HTTP method annotation: the method, the path, and non-null when it takes a body; null
   * for any other annotation.
   */
  static String @Nullable [] httpOf(Annotation annotation) {
    if (annotation instanceof GET) {
      return new String[] {"GET", ((GET) annotation).value(), null};
    } else if (annotation instanceof POST) {
      return new String[] {"POST", ((POST) annotation).value(), "body"};
    } else if (annotation instanceof PUT) {
      return new String[] {"PUT", ((PUT) annotation).value(), "body"};
    } else if (annotation instanceof PATCH) {
      return new String[] {"PATCH", ((PATCH) annotation).value(), "body"};
    } else if (annotation instanceof DELETE) {
      return new String[] {"DELETE", ((DELETE) annotation).value(), null};
    } else if (annotation instanceof HEAD) {
      return new String[] {"HEAD", ((HEAD) annotation).value(), null};
    } else if (annotation instanceof OPTIONS) {
      return new String[] {"OPTIONS", ((OPTIONS) annotation).value(), null};
    } else if (annotation instanceof HTTP) {
      HTTP http = (HTTP) annotation;
      return new String[] {http.method(), http.path(), http.hasBody() ? "body" : null};
    }
    return null;
  }

  /**
   * Whether a method annotation is one the SDK reads or may ignore: an HTTP method, {@code
   * Headers}, {@code Deprecated}. Not {@code Multipart}, {@code FormUrlEncoded}, {@code Streaming}
   * or anything unknown, which would change what is sent or read.
   */
  static boolean handledOnMethod(Annotation annotation) {
    return httpOf(annotation) != null
        || annotation instanceof retrofit2.http.Headers
        || annotation instanceof Deprecated;
  }

  /**
   * Whether {@code answer}, the {@code T} of {@code Operation<T>}, is a type Gson decodes as
   * Retrofit's converter would: a class or a parameterized type, not a raw body or a response.
   */
  static boolean decodable(Type answer) {
    return (answer instanceof Class || answer instanceof ParameterizedType)
        && !isRawBody(answer)
        && rawOf(answer) != retrofit2.Response.class;
  }

  /** OkHttp's own bodies and parts, which Retrofit passes through untouched and Gson cannot. */
  static boolean isRawBody(Type type) {
    Class<?> raw = rawOf(type);
    return RequestBody.class.isAssignableFrom(raw)
        || ResponseBody.class.isAssignableFrom(raw)
        || raw == MultipartBody.Part.class;
  }

  private static Class<?> rawOf(Type type) {
    if (type instanceof ParameterizedType) {
      return rawOf(((ParameterizedType) type).getRawType());
    }
    return type instanceof Class ? (Class<?>) type : Object.class;
  }

  /** {@code @Name}, as a refusal names an annotation. */
  static String nameOf(Annotation annotation) {
    return "@" + annotation.annotationType().getSimpleName();
  }
}
