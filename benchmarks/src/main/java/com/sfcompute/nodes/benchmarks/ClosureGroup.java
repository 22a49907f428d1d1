package com.sfcompute.nodes.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.stream.Stream;

/** The closure group: what sfc-nodes brings onto a classpath. */
final class ClosureGroup extends Group {
  ClosureGroup(Settings settings, boolean verbose, Report report) {
    super(settings, verbose, report);
  }

  /** The sum of the sizes of sfc-nodes's runtime jars, as the build listed them. */
  @Override
  void run() throws IOException {
    Path list = outputDirectory().resolve("sfc-nodes-closure.txt");
    if (!Files.exists(list)) {
      absolute.add("closure      not measured: " + list + " is missing (build with mvn package)");
      return;
    }
    String text = new String(Files.readAllBytes(list), UTF_8).trim();
    long total = 0;
    StringBuilder jars = new StringBuilder();
    for (String entry : text.split(File.pathSeparator, -1)) {
      if (entry.trim().isEmpty()) {
        continue;
      }
      Path p = Paths.get(entry.trim());
      long size = size(p);
      total += size;
      jars.append(String.format(Locale.ROOT, "%n             %,10d  %s", size, p.getFileName()));
    }
    absolute.add("closure      runtime jars of sfc-nodes:" + jars);
    rows.add(Row.closure(total / (1024.0 * 1024.0), 4.0));
  }

  private static long size(Path p) throws IOException {
    if (!Files.isDirectory(p)) {
      return Files.size(p);
    }
    // A module's classes directory (a build without package): the uncompressed size, an upper
    // bound.
    long sum = 0;
    try (Stream<Path> files = Files.walk(p)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        sum += Files.size(f);
      }
    }
    return sum;
  }
}
