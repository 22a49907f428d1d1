package com.sfcompute.nodes;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Typed views of the enum values the server sends as strings.
 *
 * <p>The models keep every server-sent enum ({@code Node.getStatus()}, {@code Vm.getStatus()},
 * {@code Node.getGpuType()}, ...) as the raw {@code String}, so that a value this SDK does not know
 * yet, or a different spelling ({@code "running"} where the published enum says {@code Running}),
 * never fails a call and is never lost. This class maps such a string to the generated enum that
 * names the known values:
 *
 * <pre>{@code
 * VmStatus status = KnownValues.parse(VmStatus.class, vm.getStatus()); // null if unknown
 * if (KnownValues.is(vm.getStatus(), VmStatus.RUNNING)) { ... }
 * }</pre>
 *
 * <p>Matching ignores case, {@code _} and {@code -}: {@code "NodeFailure"}, {@code "node_failure"}
 * and {@code "NODE_FAILURE"} are all {@link com.sfcompute.nodes.model.VmStatus#NODE_FAILURE}.
 */
public final class KnownValues {
  private KnownValues() {}

  /**
   * The constant of {@code type} that {@code raw} names, or {@code null} when {@code raw} is null
   * or a value this SDK does not know.
   */
  public static <E extends Enum<E>> @Nullable E parse(Class<E> type, @Nullable String raw) {
    if (raw == null) {
      return null;
    }
    String wanted = normalize(raw);
    for (E constant : type.getEnumConstants()) {
      // Generated enums answer their wire value from toString(); the constant name is the other
      // spelling a caller may have.
      if (normalize(constant.toString()).equals(wanted)
          || normalize(constant.name()).equals(wanted)) {
        return constant;
      }
    }
    return null;
  }

  /** Whether {@code raw} names {@code expected}, in any of the spellings {@link #parse} accepts. */
  public static <E extends Enum<E>> boolean is(@Nullable String raw, E expected) {
    return parse(expected.getDeclaringClass(), raw) == expected;
  }

  private static String normalize(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '_' && c != '-') {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
