package com.sfcompute.nodes.spec;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The spec-update report of {@code scripts/update-spec.sh}: classifies the change from one spec to
 * another (breaking / additive / docs-only), lists it one line per change, and drafts the CHANGELOG
 * entry.
 *
 * <pre>SpecDiff &lt;old openapi.yaml&gt; &lt;new openapi.yaml&gt; &lt;output directory&gt;</pre>
 *
 * <p>Prints the report and writes into the output directory: {@code kind} (BREAKING, ADDITIVE,
 * DOCS_ONLY or NONE), {@code changes.txt} and {@code changelog.md}. Lives with the tests because it
 * is the gate's own code (SpecCompatibility), run from the test classpath.
 */
public final class SpecDiff {
  private SpecDiff() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      throw new IllegalArgumentException(
          "usage: SpecDiff <old openapi.yaml> <new openapi.yaml> <output directory>");
    }
    Path oldSpec = Paths.get(args[0]);
    Path newSpec = Paths.get(args[1]);
    Path out = Files.createDirectories(Paths.get(args[2]));

    SpecCompatibility.Verdict verdict = SpecCompatibility.check(oldSpec, newSpec);
    List<String> lines = new ArrayList<>();
    for (JavaApiChanges.Change change : verdict.changes()) {
      lines.add(change.line());
    }
    if (verdict.breaking() && lines.stream().noneMatch(line -> line.startsWith("BREAKING"))) {
      lines.add(0, verdict.report()); // openapi-diff's finding, no Java name involved
    }

    StringBuilder report = new StringBuilder();
    report
        .append("Spec change: ")
        .append(describe(verdict.kind()))
        .append(" (info.version ")
        .append(verdict.oldVersion())
        .append(" -> ")
        .append(verdict.newVersion())
        .append(")\n");
    for (String line : lines) {
      report.append("  ").append(line).append('\n');
    }
    System.out.print(report);

    Files.writeString(out.resolve("kind"), verdict.kind().name() + "\n", UTF_8);
    Files.writeString(out.resolve("changes.txt"), report.toString(), UTF_8);
    Files.writeString(out.resolve("changelog.md"), changelog(verdict), UTF_8);
  }

  static String describe(SpecCompatibility.Kind kind) {
    switch (kind) {
      case BREAKING:
        return "BREAKING (Java code written for the old spec may stop compiling: a MAJOR release)";
      case ADDITIVE:
        return "ADDITIVE (the generated client only grows: a MINOR release)";
      case DOCS_ONLY:
        return "DOCS-ONLY (descriptions, summaries, examples; no generated API change: a PATCH)";
      default:
        return "NONE (the same API and documentation)";
    }
  }

  /** Keep a Changelog sections for the Unreleased heading, one bullet per change. */
  static String changelog(SpecCompatibility.Verdict verdict) {
    String versions = "spec " + verdict.oldVersion() + " -> " + verdict.newVersion();
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (JavaApiChanges.Change change : verdict.changes()) {
      String bullet =
          "- `sfc-nodes-generated-client`: "
              + change.what()
              + " `"
              + change.where()
              + "` ("
              + change.java()
              + ")";
      if (change.breaking()) {
        removed.add(bullet.replace("- `", "- **Breaking** `"));
      } else {
        added.add(bullet);
      }
    }
    StringBuilder md = new StringBuilder();
    if (verdict.breaking() && removed.isEmpty()) {
      removed.add(
          "- **Breaking** `sfc-nodes-api-spec`: incompatible for clients (openapi-diff); see the"
              + " spec diff.");
    }
    section(md, "Added", added, versions);
    section(md, "Removed", removed, versions);
    if (verdict.kind() == SpecCompatibility.Kind.DOCS_ONLY) {
      section(
          md,
          "Changed",
          List.of(
              "- `sfc-nodes-api-spec`: documentation only (descriptions, summaries, examples); the"
                  + " generated API is unchanged."),
          versions);
    }
    if (md.length() == 0) {
      md.append("(nothing to add: the spec did not change)\n");
    }
    return md.toString();
  }

  private static void section(StringBuilder md, String title, List<String> bullets, String why) {
    if (bullets.isEmpty()) {
      return;
    }
    boolean first = md.length() == 0;
    md.append("### ").append(title).append("\n\n");
    if (first) {
      md.append("- `sfc-nodes-api-spec`: updated the spec (").append(why).append(").\n");
    }
    bullets.forEach(bullet -> md.append(bullet).append('\n'));
    md.append('\n');
  }
}
