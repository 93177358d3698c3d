package io.lstmsignals.ingest.app;

import io.lstmsignals.schemas.topic.Topics;
import picocli.CommandLine.Option;

/** The bars topic to publish to. */
final class TopicOption {

  @Option(
      names = "--topic",
      paramLabel = "NAME",
      description =
          "Topic of the 4h bars (default: ${DEFAULT-VALUE}); rejected input goes to NAME.dlq.")
  String topic = Topics.BARS.name();
}
