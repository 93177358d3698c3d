package io.lstmsignals.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkDirTest {

  @TempDir Path temp;

  @Test
  void secondClaimOfTheSameDirectoryShouldFailUntilTheFirstIsClosed() {
    // Given
    WorkDir first = WorkDir.claim(temp);

    // Then
    assertThatThrownBy(() -> WorkDir.claim(temp))
        .isInstanceOf(StackStartException.class)
        .hasMessage(
            "work dir "
                + temp
                + " is in use by another running local stack; give each stack its own"
                + " (LocalStackOptions.withWorkDir, or --data for bin/stack up)");

    // When
    first.close(Duration.ZERO);

    // Then
    WorkDir.claim(temp).close(Duration.ZERO);
  }

  @Test
  void keptDataShouldSurviveCloseAndTheNextClaimUnlessWiped() throws Exception {
    // Given a durable stack's data
    WorkDir first = WorkDir.claim(temp);
    Path data = first.kept("kafka-data", false);
    Files.writeString(data.resolve("meta.properties"), "cluster.id=abc");
    first.close(Duration.ZERO);

    // When the next stack claims the directory
    WorkDir second = WorkDir.claim(temp);

    // Then
    assertThat(second.kept("kafka-data", false).resolve("meta.properties"))
        .hasContent("cluster.id=abc");
    assertThat(second.kept("kafka-data", true)).isEmptyDirectory();
    second.close(Duration.ZERO);
  }

  @Test
  void scratchShouldStartEmptyAndBeDeletedOnCloseWhileLogsStay() throws Exception {
    // Given an earlier run's data and log
    Files.createDirectories(temp.resolve("kafka-data/old"));
    Files.writeString(temp.resolve("broker.log"), "earlier run");
    WorkDir workDir = WorkDir.claim(temp);

    // When
    Path data = workDir.scratch("kafka-data");

    // Then
    assertThat(data).doesNotExist();

    // When
    Files.createDirectories(data.resolve("topic-0"));
    workDir.close(Duration.ZERO);

    // Then
    assertThat(data).doesNotExist();
    assertThat(temp.resolve("broker.log")).hasContent("earlier run");
  }

  @Test
  void closedWorkDirShouldStartNoChild() {
    // Given
    WorkDir workDir = WorkDir.claim(temp);
    workDir.close(Duration.ZERO);

    // Then
    assertThatThrownBy(
            () ->
                workDir.startJava(
                    "Kafka broker", List.of("-version"), temp, Map.of(), temp.resolve("x.log")))
        .isInstanceOf(StackStartException.class)
        .hasMessage(
            "the local stack in " + temp + " was closed while starting; Kafka broker not started");
  }
}
