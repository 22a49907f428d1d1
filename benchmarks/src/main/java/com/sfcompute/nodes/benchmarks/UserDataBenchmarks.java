package com.sfcompute.nodes.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sfcompute.nodes.UserData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of encoding 16 KiB of cloud-config for a redeploy ({@code UserData.ofBytes(...)
 * .toBase64()}) and of gzipping it. No raw floor and no goal: printed as absolute figures.
 */
@State(Scope.Benchmark)
public class UserDataBenchmarks {
  static final byte[] CLOUD_CONFIG = cloudConfig();

  @Benchmark
  public String toBase64() {
    return UserData.ofBytes(CLOUD_CONFIG).toBase64();
  }

  @Benchmark
  public UserData gzip() {
    return UserData.ofBytes(CLOUD_CONFIG).gzip();
  }

  static byte[] cloudConfig() {
    StringBuilder script = new StringBuilder("#cloud-config\nruncmd:\n");
    while (script.length() < 16 * 1024) {
      script
          .append("  - echo preparing the GPU node for training, step ")
          .append(script.length())
          .append('\n');
    }
    return script.toString().getBytes(UTF_8);
  }
}
