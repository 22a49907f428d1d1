package com.sfcompute.nodes.internal.http;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import com.sfcompute.nodes.errors.SfcNodesInvalidDataException;
import com.sfcompute.nodes.internal.json.Absent;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Marks, or in strict decoding refuses, a generated model read without one of its required fields,
 * so that a required field never reads as null: {@code {}} where a {@code Node} is expected is a
 * {@code Node} whose {@code getId()} throws {@link SfcNodesInvalidDataException} naming {@code id}
 * and its JSON path, or (strict) the whole answer refused.
 *
 * <p>Lenient by default, as the official SDKs are: a node whose second VM lacks its zone is still
 * returned, and one odd element does not cost a whole list. The mark is the model's {@code
 * sfcAbsent} field, which the model template declares for models with required fields and checks in
 * their getters; it is set only when something is missing.
 *
 * <p>The spec's {@code required} lists reach the models as nullness: the model package is
 * {@code @NullMarked} and only optional or nullable properties carry {@code @Nullable}. A field
 * without it is required, which is what this checks, once per model class.
 */
final class RequiredFields implements TypeAdapterFactory {
  private static final String MODELS = "com.sfcompute.nodes.model.";

  /** The field of the model template that holds the mark. */
  private static final String MARK = "sfcAbsent";

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
    Field mark = markOf(raw);
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
            String path = in.getPreviousPath();
            if (mark == null || in instanceof StrictReader) {
              throw new JsonParseException(
                  name
                      + " at "
                      + path
                      + " without its required field"
                      + (missing.size() == 1 ? " " : "s ")
                      + String.join(", ", missing));
            }
            set(mark, value, new Missing(name, path));
          }
        }
        return value;
      }
    };
  }

  /**
   * What a getter of a required field absent from the answer throws: the field, its JSON path and
   * the model it belongs to.
   */
  private static final class Missing extends Absent {
    private final String model;
    private final String path;

    Missing(String model, String path) {
      this.model = model;
      this.path = path;
    }

    @Override
    public RuntimeException missing(String wireName) {
      return new SfcNodesInvalidDataException(
          "Invalid response: "
              + model
              + " at "
              + path
              + " without its required field `"
              + wireName
              + "` ("
              + path
              + "."
              + wireName
              + " is null or absent)",
          null);
    }
  }

  /**
   * The model's mark, or null if it has none: the template declares it where the spec requires a
   * field, and a model this class takes for one with required fields without it (a {@code byte[]},
   * whose {@code @Nullable} annotates the element type) is refused rather than marked.
   */
  private static @Nullable Field markOf(Class<?> model) {
    try {
      Field mark = model.getDeclaredField(MARK);
      mark.setAccessible(true);
      return mark;
    } catch (NoSuchFieldException e) {
      return null;
    }
  }

  private static void set(Field field, Object model, Object value) {
    try {
      field.set(model, value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e); // setAccessible succeeded when the class was first seen.
    }
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
            || Modifier.isTransient(field.getModifiers())
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
