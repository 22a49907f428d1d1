package com.sfcompute.nodes.internal.http;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Refuses a generated model read without one of its required fields, so that {@code {}} where a
 * {@code Node} is expected is invalid data rather than a {@code Node} whose id is null.
 *
 * <p>The spec's {@code required} lists reach the models as nullness: the model package is
 * {@code @NullMarked} and only optional or nullable properties carry {@code @Nullable}. A field
 * without it is required, which is what this checks, once per model class.
 */
final class RequiredFields implements TypeAdapterFactory {
  private static final String MODELS = "com.sfcompute.nodes.model.";

  @Override
  public <T> @Nullable TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
    Class<? super T> raw = type.getRawType();
    if (!raw.getName().startsWith(MODELS) || raw.isEnum()) {
      return null;
    }
    Field[] required = requiredFields(raw).toArray(new Field[0]);
    if (required.length == 0) {
      return null;
    }
    TypeAdapter<T> delegate = gson.getDelegateAdapter(this, type);
    String name = raw.getSimpleName();
    return new TypeAdapter<T>() {
      @Override
      public void write(JsonWriter out, T value) throws IOException {
        delegate.write(out, value);
      }

      @Override
      public T read(JsonReader in) throws IOException {
        T value = delegate.read(in);
        if (value != null) {
          List<String> missing = null;
          for (int i = 0; i < required.length; i++) { // Indexed: every model read runs this.
            Field field = required[i];
            if (get(field, value) == null) {
              if (missing == null) {
                missing = new ArrayList<>();
              }
              missing.add("`" + wireName(field) + "`");
            }
          }
          if (missing != null) {
            throw new JsonParseException(
                name
                    + " at "
                    + in.getPreviousPath()
                    + " without its required field"
                    + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing));
          }
        }
        return value;
      }
    };
  }

  private static @Nullable Object get(Field field, Object model) {
    try {
      return field.get(model);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e); // setAccessible succeeded when the class was first seen.
    }
  }

  private static List<Field> requiredFields(Class<?> model) {
    List<Field> required = new ArrayList<>();
    for (Class<?> c = model; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())
            || field.getType().isPrimitive()
            || field.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
          continue;
        }
        field.setAccessible(true);
        required.add(field);
      }
    }
    return required;
  }

  private static String wireName(Field field) {
    com.google.gson.annotations.SerializedName serialized =
        field.getAnnotation(com.google.gson.annotations.SerializedName.class);
    return serialized != null ? serialized.value() : field.getName();
  }
}
