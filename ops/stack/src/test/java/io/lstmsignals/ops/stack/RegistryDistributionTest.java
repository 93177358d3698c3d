package io.lstmsignals.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uses the {@code tar} command, as the code under test does. */
class RegistryDistributionTest {

  @TempDir Path temp;

  @Test
  void shouldUnpackOnceAndThenServeTheCachedCopy() throws Exception {
    // Given
    Path archive = fakeDistribution();
    Path cache = temp.resolve("cache");

    // When
    Path first = RegistryDistribution.unpacked(archive, "9.9.9", cache);
    Files.delete(archive);
    Path second = RegistryDistribution.unpacked(archive, "9.9.9", cache);

    // Then
    assertThat(first).isEqualTo(cache.resolve("apicurio-registry-9.9.9")).isEqualTo(second);
    assertThat(first.resolve("quarkus-run.jar")).hasContent("runner");
  }

  @Test
  void concurrentCallersShouldAllGetOneCompleteCopy() throws Exception {
    // Given
    Path archive = fakeDistribution();
    Path cache = temp.resolve("cache");
    List<Callable<Path>> callers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      callers.add(() -> RegistryDistribution.unpacked(archive, "9.9.9", cache));
    }

    // When
    List<Path> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (Future<Path> result : pool.invokeAll(callers)) {
        results.add(result.get());
      }
    }

    // Then
    assertThat(results).containsOnly(cache.resolve("apicurio-registry-9.9.9"));
    assertThat(entries(cache))
        .containsExactlyInAnyOrder("apicurio-registry-9.9.9", "apicurio-registry-9.9.9.lock");
  }

  @Test
  void shouldRemoveWhatAKilledUnpackLeftBehind() throws Exception {
    // Given
    Path archive = fakeDistribution();
    Path cache = temp.resolve("cache");
    Files.createDirectories(cache.resolve("apicurio-registry-9.9.9.unpacking-123/lib"));

    // When
    RegistryDistribution.unpacked(archive, "9.9.9", cache);

    // Then
    assertThat(entries(cache))
        .containsExactlyInAnyOrder("apicurio-registry-9.9.9", "apicurio-registry-9.9.9.lock");
  }

  @Test
  void cacheRootShouldFollowTheEnvironment() {
    assertThat(RegistryDistribution.cacheRoot(Map.of("LSTM_STACK_CACHE", "/somewhere")))
        .isEqualTo(Path.of("/somewhere"));
    assertThat(RegistryDistribution.cacheRoot(Map.of()))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "lstm-signals"));
  }

  private Path fakeDistribution() throws IOException, InterruptedException {
    Path content = Files.createDirectories(temp.resolve("content"));
    Files.writeString(content.resolve("quarkus-run.jar"), "runner");
    Path archive = temp.resolve("dist.tar.gz");
    Process tar =
        new ProcessBuilder(
                "tar", "-czf", archive.toString(), "-C", content.toString(), "quarkus-run.jar")
            .inheritIO()
            .start();
    assertThat(tar.waitFor()).as("tar exit code").isZero();
    return archive;
  }

  private static List<String> entries(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(path -> path.getFileName().toString()).toList();
    }
  }
}
