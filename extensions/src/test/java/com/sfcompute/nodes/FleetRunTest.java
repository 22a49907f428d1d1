package com.sfcompute.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.sfcompute.nodes.FleetResult.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet's bookkeeping under racing completions: calls answered on other threads while the
 * caller is still starting nodes, with some nodes refused before anything is sent. Every node must
 * have its result when the fleet completes.
 */
class FleetRunTest {
  private final ExecutorService answers = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() throws InterruptedException {
    answers.shutdownNow();
    answers.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Test
  void everyNodeHasItsResultWhenTheFleetCompletes() {
    List<String> targets = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      targets.add("n_" + i);
      keys.add("k_" + i);
    }
    FleetOptions options = FleetOptions.builder().concurrency(6).build();
    for (int round = 0; round < 500; round++) {
      boolean waits = round % 2 == 0;
      FleetRun<String> run =
          new FleetRun<>(
              targets,
              keys,
              options,
              index -> {
                if (index % 5 == 1) {
                  throw new IllegalArgumentException("node " + index + ": bad input");
                }
                return CompletableFuture.supplyAsync(() -> "answer " + index, answers);
              },
              waits
                  ? (index, answer) ->
                      CompletableFuture.supplyAsync(() -> "running " + index, answers)
                  : null);

      List<FleetResult<String>> results = run.start().join();

      assertEquals(targets.size(), results.size());
      for (int i = 0; i < targets.size(); i++) {
        FleetResult<String> result = results.get(i);
        assertNotNull(result, "round " + round + ", node " + i);
        assertEquals(targets.get(i), result.target());
        if (i % 5 == 1) {
          assertEquals(Outcome.NOT_APPLIED, result.outcome());
        } else {
          assertEquals((waits ? "running " : "answer ") + i, result.getOrThrow());
        }
      }
    }
  }
}
