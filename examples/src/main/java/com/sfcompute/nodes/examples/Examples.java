package com.sfcompute.nodes.examples;

import java.util.Arrays;
import java.util.List;

/** Command-line helpers shared by the examples. */
final class Examples {
  private Examples() {}

  /** Parses the arguments, or prints the usage and exits with status 2. */
  static Args parse(String[] args, String usage, List<String> options, String... flags) {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.println(usage);
      System.exit(0);
    }
    try {
      return Args.parse(args, options, Arrays.asList(flags));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\n" + usage);
      System.exit(2);
      throw e;
    }
  }

  /** An option the real-API run needs, or the usage and exit status 2. */
  static String required(Args args, String option, String usage) {
    String value = args.value(option);
    if (value == null) {
      System.err.println(option + " is required with a token set (the real API)\n" + usage);
      System.exit(2);
      throw new IllegalStateException("unreachable");
    }
    return value;
  }
}
