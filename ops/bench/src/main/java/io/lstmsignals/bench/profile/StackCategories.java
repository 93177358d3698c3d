package io.lstmsignals.bench.profile;

import java.util.List;

/**
 * Where a CPU sample's time went, by the first frame from the top of its stack that belongs to a
 * known part: native code called from Java is charged to the Java class that called it (ONNX
 * Runtime's {@code OrtSession.run}, RocksDB's JNI), and JDK frames on top (collections, charsets,
 * NIO) are charged to the part that called them.
 */
public final class StackCategories {
  public static final String INFERENCE = "ONNX Runtime inference";
  public static final String ROCKSDB = "RocksDB window store";
  public static final String STATE_STORES = "Streams state stores, changelog";
  public static final String AVRO = "Avro serdes";
  public static final String SCORER = "scorer logic (window, decision, metrics)";
  public static final String STREAMS = "Kafka Streams runtime (tasks, commits)";
  public static final String PRODUCER = "Kafka producer (send, transactions)";
  public static final String CONSUMER = "Kafka consumer (fetch, poll)";
  public static final String RECORDS = "Kafka record batches (CRC, compression)";
  public static final String KAFKA_OTHER = "Kafka network, metrics, other";
  public static final String LOGGING = "logging";
  public static final String HARNESS = "benchmark harness (bar producer, signal reader)";
  public static final String JDK = "JDK only (no project or library frame)";

  public static final String STREAM_THREADS = "stream threads";
  public static final String PRODUCER_THREADS = "producer I/O threads";
  public static final String OTHER_THREADS = "other threads";

  private record Rule(String prefix, String category) {}

  // First match wins, so more specific prefixes come first.
  private static final List<Rule> RULES =
      List.of(
          new Rule("ai.onnxruntime.", INFERENCE),
          new Rule("org.rocksdb.", ROCKSDB),
          new Rule("org.apache.avro.", AVRO),
          new Rule("io.lstmsignals.schemas.serde.", AVRO),
          new Rule("io.lstmsignals.schemas.registry.", AVRO),
          new Rule("io.lstmsignals.schemas.avro.", AVRO),
          new Rule("io.lstmsignals.bench.", HARNESS),
          new Rule("io.lstmsignals.", SCORER),
          new Rule("io.micrometer.", SCORER),
          new Rule("org.apache.kafka.streams.state.", STATE_STORES),
          new Rule("org.apache.kafka.streams.", STREAMS),
          new Rule("org.apache.kafka.clients.producer.", PRODUCER),
          new Rule("org.apache.kafka.clients.consumer.", CONSUMER),
          new Rule("org.apache.kafka.common.record.", RECORDS),
          new Rule("org.apache.kafka.common.compress.", RECORDS),
          new Rule("org.apache.kafka.common.utils.Crc32C", RECORDS),
          new Rule("net.jpountz.", RECORDS),
          new Rule("com.github.luben.", RECORDS),
          new Rule("org.xerial.snappy.", RECORDS),
          new Rule("org.apache.kafka.", KAFKA_OTHER),
          new Rule("org.slf4j.", LOGGING),
          new Rule("ch.qos.logback.", LOGGING));

  private StackCategories() {}

  /**
   * The category of a stack.
   *
   * @param classNames the frames' class names, top (innermost) first
   */
  public static String of(List<String> classNames) {
    for (String className : classNames) {
      if (className.contains("$$Lambda")) {
        continue;
      }
      for (Rule rule : RULES) {
        if (className.startsWith(rule.prefix())) {
          return rule.category();
        }
      }
    }
    return JDK;
  }

  /** The role of a thread, by the names Kafka gives its threads. */
  public static String threadRole(String threadName) {
    if (threadName == null) {
      return OTHER_THREADS;
    }
    if (threadName.startsWith("kafka-producer-network-thread")) {
      return PRODUCER_THREADS;
    }
    if (isStreamThread(threadName)) {
      return STREAM_THREADS;
    }
    return OTHER_THREADS;
  }

  /** Kafka Streams names its processing threads {@code <client id>-StreamThread-<n>}. */
  public static boolean isStreamThread(String threadName) {
    return threadName.matches(".*-StreamThread-\\d+");
  }
}
