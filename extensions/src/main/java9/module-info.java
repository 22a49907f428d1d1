/**
 * The SF Compute nodes SDK: {@code requires com.sfcompute.nodes;} is all a module needs. The models
 * ({@code com.sfcompute.nodes.model}), Gson, OkHttp and JSpecify come with it; {@code internal}
 * packages are not exported.
 */
module com.sfcompute.nodes {
  requires transitive com.sfcompute.nodes.generated;
  // SfcNodes.Builder#httpClient takes an OkHttpClient.
  requires transitive okhttp3;
  requires transitive com.google.gson;
  requires transitive org.jspecify;
  requires retrofit2;
  requires okhttp3.logging;
  requires kotlin.stdlib;

  exports com.sfcompute.nodes;
  exports com.sfcompute.nodes.errors;
  exports com.sfcompute.nodes.events;
}
