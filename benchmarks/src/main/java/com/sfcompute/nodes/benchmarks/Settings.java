package com.sfcompute.nodes.benchmarks;

/** How long each part runs. */
final class Settings {
  static final Settings FULL = new Settings("full", 1, 3, 4, 1000, 11, 200, 200, 3, 5, 10_000);

  /** Everything once, briefly, in this JVM where possible: proves the suite runs, not a figure. */
  static final Settings SMOKE = new Settings("smoke", 0, 0, 1, 100, 1, 200, 10, 0, 1, 640);

  final String name;
  final int forks;
  final int warmupIterations;
  final int measurementIterations;
  final long iterationMillis;
  final int coldForks;
  final int fleetNodes;
  final int sequentialNodes;
  final int fleetWarmups;
  final int fleetIterations;
  final int connectionCalls;

  Settings(
      String name,
      int forks,
      int warmupIterations,
      int measurementIterations,
      long iterationMillis,
      int coldForks,
      int fleetNodes,
      int sequentialNodes,
      int fleetWarmups,
      int fleetIterations,
      int connectionCalls) {
    this.name = name;
    this.forks = forks;
    this.warmupIterations = warmupIterations;
    this.measurementIterations = measurementIterations;
    this.iterationMillis = iterationMillis;
    this.coldForks = coldForks;
    this.fleetNodes = fleetNodes;
    this.sequentialNodes = sequentialNodes;
    this.fleetWarmups = fleetWarmups;
    this.fleetIterations = fleetIterations;
    this.connectionCalls = connectionCalls;
  }
}
