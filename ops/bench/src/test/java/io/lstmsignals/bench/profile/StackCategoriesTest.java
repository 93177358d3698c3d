package io.lstmsignals.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StackCategoriesTest {

  @Test
  void shouldChargeNativeInferenceToOnnxRuntime() {
    // Given OrtSession.run on top, called by the scorer from a Streams task
    List<String> stack =
        List.of(
            "ai.onnxruntime.OrtSession",
            "io.lstmsignals.scorer.onnx.OnnxScorer",
            "io.lstmsignals.scorer.stream.BarScoring",
            "org.apache.kafka.streams.processor.internals.StreamTask");

    assertThat(StackCategories.of(stack)).isEqualTo(StackCategories.INFERENCE);
  }

  @Test
  void shouldChargeJdkFramesToTheirCaller() {
    // Given a charset decoder on top, called by Avro's decoder
    List<String> stack =
        List.of(
            "java.lang.StringCoding",
            "java.lang.String",
            "org.apache.avro.io.BinaryDecoder",
            "io.lstmsignals.schemas.serde.AvroDeserializer",
            "org.apache.kafka.streams.processor.internals.RecordDeserializer");

    assertThat(StackCategories.of(stack)).isEqualTo(StackCategories.AVRO);
  }

  @Test
  void shouldTellTheStoreFromTheRestOfStreams() {
    assertThat(
            StackCategories.of(
                List.of(
                    "org.rocksdb.RocksDB",
                    "org.apache.kafka.streams.state.internals.RocksDBStore",
                    "org.apache.kafka.streams.processor.internals.StreamTask")))
        .isEqualTo(StackCategories.ROCKSDB);
    assertThat(
            StackCategories.of(
                List.of(
                    "java.util.TreeMap",
                    "org.apache.kafka.streams.state.internals.InMemoryKeyValueStore")))
        .isEqualTo(StackCategories.STATE_STORES);
    assertThat(
            StackCategories.of(
                List.of("org.apache.kafka.streams.processor.internals.TaskExecutor")))
        .isEqualTo(StackCategories.STREAMS);
  }

  @Test
  void shouldChargeChecksumsToRecordBatchesNotToTheProducer() {
    List<String> stack =
        List.of(
            "java.util.zip.CRC32C",
            "org.apache.kafka.common.utils.Crc32C",
            "org.apache.kafka.common.record.DefaultRecordBatch",
            "org.apache.kafka.clients.producer.internals.Sender");

    assertThat(StackCategories.of(stack)).isEqualTo(StackCategories.RECORDS);
  }

  @Test
  void shouldChargeALambdaFrameToTheFrameBelowIt() {
    // Given a store's put method reference that JFR names after another class's lambda
    List<String> stack =
        List.of(
            "java.util.HashMap",
            "io.lstmsignals.bench.scorer.InferenceBenchmark$$Lambda.0x00000000351d9e60",
            "io.lstmsignals.scorer.stream.BarScoring$WindowBytes$1",
            "org.apache.kafka.streams.processor.internals.StreamTask");

    assertThat(StackCategories.of(stack)).isEqualTo(StackCategories.SCORER);
  }

  @Test
  void aStackOfJdkFramesOnlyIsSaidToBeSo() {
    assertThat(StackCategories.of(List.of("java.lang.Thread", "jdk.internal.misc.Unsafe")))
        .isEqualTo(StackCategories.JDK);
  }

  @Test
  void shouldTellStreamThreadsFromTheirProducersNetworkThreads() {
    assertThat(StackCategories.threadRole("lstm.bench.scorer.1-3f2a-StreamThread-1"))
        .isEqualTo("stream threads");
    assertThat(
            StackCategories.threadRole(
                "kafka-producer-network-thread | lstm.bench.scorer.1-3f2a-StreamThread-1-producer"))
        .isEqualTo("producer I/O threads");
    assertThat(StackCategories.threadRole("main")).isEqualTo("other threads");
  }
}
