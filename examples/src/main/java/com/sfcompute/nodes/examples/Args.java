package com.sfcompute.nodes.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The examples' command line: {@code --name value} options and {@code --flag}s, checked against
 * what each example accepts, so a typo fails before anything is sent.
 */
final class Args {
  private final Map<String, String> values = new HashMap<>();
  private final Set<String> flags = new HashSet<>();

  private Args() {}

  /**
   * Parses {@code args}.
   *
   * @param options the accepted {@code --name value} options
   * @param flagNames the accepted {@code --flag}s
   * @throws IllegalArgumentException naming the argument at fault
   */
  static Args parse(String[] args, List<String> options, List<String> flagNames) {
    Args parsed = new Args();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (flagNames.contains(arg)) {
        parsed.flags.add(arg);
      } else if (options.contains(arg)) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(arg + " needs a value");
        }
        parsed.values.put(arg, args[++i]);
      } else {
        List<String> known = new ArrayList<>(options);
        known.addAll(flagNames);
        throw new IllegalArgumentException("unknown argument " + arg + "; known: " + known);
      }
    }
    return parsed;
  }

  @Nullable String value(String option) {
    return values.get(option);
  }

  String value(String option, String otherwise) {
    String value = values.get(option);
    return value == null ? otherwise : value;
  }

  /** A comma-separated list, empty when the option is absent. */
  List<String> list(String option) {
    String value = values.get(option);
    return value == null || value.isEmpty()
        ? new ArrayList<>()
        : new ArrayList<>(Arrays.asList(value.split(",")));
  }

  boolean flag(String flag) {
    return flags.contains(flag);
  }
}
