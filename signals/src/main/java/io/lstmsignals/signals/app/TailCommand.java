package io.lstmsignals.signals.app;

import io.lstmsignals.schemas.serde.AvroDeserializer;
import io.lstmsignals.service.cli.ServiceOptions;
import io.lstmsignals.service.config.CommonKeys;
import io.lstmsignals.service.config.Settings;
import io.lstmsignals.service.preflight.StartupChecks;
import io.lstmsignals.service.preflight.TopicUse;
import io.lstmsignals.signals.stream.SignalsConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Follows a topic and prints each decoded record as a line (or a JSON line). Reads with a fresh,
 * uncommitted assignment of every partition, so it never disturbs consumer groups; reads committed
 * records only. A record it cannot decode is reported on stderr with its topic, partition, offset
 * and the reason, and skipped.
 */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description =
        "Print the records of the signals (default), P&L, fills or dead-letter topic as they arrive.")
final class TailCommand implements Callable<Integer> {

  @Mixin ServiceOptions options;
  @Spec CommandSpec spec;

  @Option(
      names = "--topic",
      defaultValue = "signals",
      description = "signals, pnl, fills, signals-dlq or bars-dlq (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(
      names = "--symbol",
      description = "Only records of this symbol (the key), e.g. BTCUSDT or PORTFOLIO.")
  String symbol;

  @Option(
      names = "--from-beginning",
      description = "Start at the oldest record instead of the newest.")
  boolean fromBeginning;

  @Option(names = "--json", description = "One JSON object per line instead of readable lines.")
  boolean json;

  @Option(
      names = "--max-records",
      paramLabel = "N",
      description = "Stop after N records (default: follow forever).")
  long maxRecords = Long.MAX_VALUE;

  @Option(
      names = "--idle-exit",
      paramLabel = "DURATION",
      description = "Stop when nothing arrives for this long, e.g. PT10S (default: never).")
  Duration idleExit;

  @Override
  public Integer call() throws Exception {
    Settings settings = options.settings(SignalsConfig.SPEC);
    SignalsConfig config = SignalsConfig.from(settings);
    TopicChoice choice = TopicChoice.valueOf(topic.toUpperCase(Locale.ROOT).replace('-', '_'));
    String name = choice.topic(config);
    StartupChecks.requireBrokerAndTopics(
        CommonKeys.clientConfig(settings), List.of(TopicUse.reads(name, "--topic " + topic)));
    StartupChecks.requireRegistry(config.serdeConfig());
    Map<String, Object> props = CommonKeys.clientConfig(settings);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "signals-tail-" + UUID.randomUUID());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AtomicBoolean stop = new AtomicBoolean();
    Thread main = Thread.currentThread();
    Thread hook =
        new Thread(
            () -> {
              stop.set(true);
              main.interrupt();
            },
            "signals-tail-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    AvroDeserializer<IndexedRecord> values = new AvroDeserializer<>(choice.type, null);
    values.configure(config.serdeConfig(), false);
    // Values are decoded here rather than by the consumer, so that a record that cannot be decoded
    // is reported with its coordinates and skipped instead of stopping the partition.
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(name, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(name, info.partition()))
              .toList();
      consumer.assign(partitions);
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
      }
      long printed = 0;
      long idleSince = System.nanoTime();
      while (!stop.get() && printed < maxRecords) {
        var records = consumer.poll(Duration.ofMillis(500));
        if (records.isEmpty()) {
          if (idleExit != null && System.nanoTime() - idleSince > idleExit.toNanos()) {
            break;
          }
          continue;
        }
        idleSince = System.nanoTime();
        for (ConsumerRecord<String, byte[]> record : records) {
          if (symbol != null && !symbol.equals(record.key())) {
            continue;
          }
          IndexedRecord value;
          try {
            value = values.deserialize(record.topic(), record.headers(), record.value());
          } catch (RuntimeException e) {
            err.println(
                "skipped "
                    + record.topic()
                    + "-"
                    + record.partition()
                    + "@"
                    + record.offset()
                    + " key="
                    + record.key()
                    + ": cannot decode it: "
                    + e.getMessage());
            err.flush();
            continue;
          }
          out.println(
              json ? RecordText.json(record.key(), value) : RecordText.line(record.key(), value));
          out.flush();
          if (++printed >= maxRecords) {
            break;
          }
        }
      }
    } catch (org.apache.kafka.common.errors.InterruptException e) {
      // stopped by the shutdown hook
    } finally {
      if (!stop.get()) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    }
    return 0;
  }
}
