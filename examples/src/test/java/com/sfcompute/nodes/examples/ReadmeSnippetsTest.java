package com.sfcompute.nodes.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ```java block of the README compiles against the built SDK and stand-in, and every version
 * in it is the root POM's.
 *
 * <p>A block that declares a class is compiled as it is. Any other block is a fragment, compiled
 * inside one fixed wrapper: its own {@code import} lines first, then the {@link #IMPORTS} below,
 * and the rest as the body of a method that throws nothing checked (so a snippet that calls a
 * throwing method must say so, as the user's code would) or, when it declares test members
 * ({@code @Test}, {@code @RegisterExtension}), as a class body. The wrapper's fields are the
 * "givens" a fragment may use without declaring them: {@link #GIVENS}.
 */
class ReadmeSnippetsTest {
  private static final Path README = Paths.get("..", "README.md");

  static final String IMPORTS =
      String.join(
          "\n",
          "import com.sfcompute.nodes.*;",
          "import com.sfcompute.nodes.errors.*;",
          "import com.sfcompute.nodes.model.*;",
          "import com.sfcompute.nodes.mock.*;",
          "import java.net.InetSocketAddress;",
          "import java.net.Proxy;",
          "import java.time.Duration;",
          "import java.util.*;",
          "import okhttp3.OkHttpClient;",
          "import org.junit.jupiter.api.Test;",
          "import org.junit.jupiter.api.extension.RegisterExtension;",
          "import static org.junit.jupiter.api.Assertions.*;");

  /** What a fragment may use without declaring it: the README's running examples. */
  static final String GIVENS =
      String.join(
          "\n",
          "  SfcNodes client;",
          "  MockNodesServer server;",
          "  Vm vm;",
          "  String vmId;",
          "  String script;",
          "  String token;",
          "  OkHttpClient myOkHttpClient;",
          "  java.util.logging.Logger log;",
          "  String password;",
          "  javax.net.ssl.SSLSocketFactory factory;",
          "  javax.net.ssl.X509TrustManager trustManager;",
          "  io.opentelemetry.api.OpenTelemetry openTelemetry;");

  /** A fenced block: its language, its first line in the README, and its text. */
  static final class Block {
    final String language;
    final int line;
    final String code;

    Block(String language, int line, String code) {
      this.language = language;
      this.line = line;
      this.code = code;
    }

    @Override
    public String toString() {
      return language + " block at README.md:" + line;
    }
  }

  static List<Block> blocks(String markdown) {
    List<Block> blocks = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("```") && lines[i].length() > 3) {
        String language = lines[i].substring(3).trim();
        int start = i + 1;
        StringBuilder code = new StringBuilder();
        for (i = start; i < lines.length && !lines[i].startsWith("```"); i++) {
          code.append(lines[i]).append('\n');
        }
        blocks.add(new Block(language, start, code.toString()));
      }
    }
    return blocks;
  }

  static Stream<Block> javaBlocks() throws IOException {
    List<Block> java =
        blocks(new String(Files.readAllBytes(README), UTF_8)).stream()
            .filter(b -> b.language.equals("java"))
            .collect(Collectors.toList());
    assertFalse(java.isEmpty(), "no ```java block found in " + README.toAbsolutePath());
    return java.stream();
  }

  /** The compilation unit for a block, as the class comment describes. */
  static String source(Block block, String className) {
    if (Pattern.compile("(?m)^(public )?(final )?class \\w+").matcher(block.code).find()) {
      return block.code.replaceFirst("class \\w+", "class " + className);
    }
    StringBuilder imports = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (String line : block.code.split("\n", -1)) {
      (line.startsWith("import ") ? imports : body).append(line).append('\n');
    }
    boolean members = body.indexOf("@Test") >= 0 || body.indexOf("@RegisterExtension") >= 0;
    return imports
        + IMPORTS
        + "\nclass "
        + className
        + " {\n"
        + GIVENS
        + "\n"
        + (members ? body : "  void snippet() {\n" + body + "\n  }\n")
        + "}\n";
  }

  /** Compiles one unit against the test class path; the compiler's errors, or an empty list. */
  static List<String> compile(String className, String source) throws IOException {
    return compile(className, source, Files.createTempDirectory("readme-snippet"));
  }

  /** As {@link #compile(String, String)}, the classes written to {@code out}. */
  static List<String> compile(String className, String source, Path out) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileObject file =
        new SimpleJavaFileObject(
            URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    // Surefire puts the test class path here (java.class.path may be a manifest-only jar).
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> options =
        Arrays.asList("-classpath", classPath, "-d", out.toString(), "-proc:none", "-Xlint:none");
    boolean ok = javac.getTask(null, null, diagnostics, options, null, Arrays.asList(file)).call();
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add("line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
      }
    }
    if (!ok && errors.isEmpty()) {
      errors.add("javac failed without a message");
    }
    return errors;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("javaBlocks")
  void javaSnippetCompiles(Block block) throws IOException {
    String className = "ReadmeSnippet" + block.line;
    String source = source(block, className);
    List<String> errors = compile(className, source);
    assertTrue(
        errors.isEmpty(),
        block
            + " does not compile:\n  "
            + String.join("\n  ", errors)
            + "\n--- as compiled:\n"
            + source);
  }

  @Test
  void aBrokenSnippetFails() throws IOException {
    // The check itself: the Quickstart as it once was (Paths not imported, IOException unhandled).
    Block broken =
        new Block(
            "java",
            0,
            "import com.sfcompute.nodes.UserData;\n"
                + "UserData data = UserData.ofFile(Paths.get(\"cloud-init.yaml\"));\n");
    List<String> errors = compile("BrokenSnippet", source(broken, "BrokenSnippet"));
    assertFalse(errors.isEmpty(), "a snippet that cannot compile passed");
    String all = String.join("\n", errors);
    assertTrue(all.contains("Paths"), all);
  }

  @Test
  void everyVersionIsTheRootPomVersion() throws IOException {
    String version = rootPomVersion();
    String readme = new String(Files.readAllBytes(README), UTF_8);
    List<String> wrong = new ArrayList<>();
    Matcher m =
        Pattern.compile(
                "<version>([^<]+)</version>|com\\.sfcompute:[\\w-]+:([\\w.-]+)"
                    + "|sfc-nodes-[a-z-]+?-(\\d[\\w.]*(?:-SNAPSHOT)?)-standalone\\.jar")
            .matcher(readme);
    int found = 0;
    while (m.find()) {
      found++;
      String v = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      if (!v.equals(version)) {
        wrong.add(m.group());
      }
    }
    assertTrue(found >= 3, "expected the install section's versions, found " + found);
    assertEquals(new ArrayList<String>(), wrong, "README versions other than " + version);
    // The prose names the release that is not on Central yet: the same version, released.
    Matcher release =
        Pattern.compile("(\\d+\\.\\d+\\.\\d+) is not on Maven Central").matcher(readme);
    if (release.find()) {
      assertEquals(version.replace("-SNAPSHOT", ""), release.group(1));
    }
  }

  /** The root POM's own version: the first {@code <version>} outside {@code <parent>}. */
  static String rootPomVersion() throws IOException {
    String pom = new String(Files.readAllBytes(Paths.get("..", "pom.xml")), UTF_8);
    pom = pom.replaceAll("(?s)<!--.*?-->", "").replaceAll("(?s)<parent>.*?</parent>", "");
    Matcher m = Pattern.compile("<version>\\s*([^<\\s]+)\\s*</version>").matcher(pom);
    assertTrue(m.find(), "no <version> in the root POM");
    return m.group(1);
  }
}
