package io.lstmsignals.service.cli;

import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.contract.signing.SigningKey;
import io.lstmsignals.schemas.lifecycle.LifecycleRecords;
import io.lstmsignals.schemas.lifecycle.ModelLifecycle;
import io.lstmsignals.schemas.topic.Topics;
import io.lstmsignals.service.config.CommonKeys;
import io.lstmsignals.service.config.Settings;
import io.lstmsignals.service.preflight.StartupChecks;
import io.lstmsignals.service.preflight.TopicUse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Option;

/**
 * {@code --models-topic} and {@code --promotions-topic}, and the lifecycle they name: what every
 * command that releases or promotes models ({@code trainer}, {@code scorer release}, {@code
 * models}) opens, and how they all report a release.
 */
public final class LifecycleOptions {

  @Option(
      names = "--models-topic",
      paramLabel = "NAME",
      description = {"The models topic;", "default: ${DEFAULT-VALUE}."})
  String modelsTopic = Topics.MODELS.name();

  @Option(
      names = "--promotions-topic",
      paramLabel = "NAME",
      description = {"The promotions topic;", "default: ${DEFAULT-VALUE}."})
  String promotionsTopic = Topics.MODEL_PROMOTIONS.name();

  @Option(
      names = "--signing-key",
      paramLabel = "FILE",
      defaultValue = "${env:LSTM_SIGNING_KEY}",
      description =
          "The key file releases are signed with (bin/models keys generate; default: the"
              + " LSTM_SIGNING_KEY environment variable). Scorers refuse unsigned releases unless"
              + " told to allow them.")
  Path signingKey;

  /**
   * The lifecycle on the broker and registry of {@code settings}, with their security settings,
   * after the start-up checks: broker and registry answer, both topics exist, and the principal may
   * read them (and write them, when {@code writes}); close it.
   */
  public ModelLifecycle open(Settings settings, boolean writes) {
    List<TopicUse> topics = new ArrayList<>();
    topics.add(TopicUse.reads(modelsTopic, "--models-topic"));
    topics.add(TopicUse.reads(promotionsTopic, "--promotions-topic"));
    if (writes) {
      topics.add(TopicUse.writes(modelsTopic, "--models-topic"));
      topics.add(TopicUse.writes(promotionsTopic, "--promotions-topic"));
    }
    StartupChecks.requireBrokerAndTopics(CommonKeys.clientConfig(settings), topics);
    StartupChecks.requireRegistry(CommonKeys.serdeConfig(settings));
    return new ModelLifecycle(
        CommonKeys.clientConfig(settings),
        CommonKeys.serdeConfig(settings),
        Topics.MODELS.named(modelsTopic),
        Topics.MODEL_PROMOTIONS.named(promotionsTopic));
  }

  /**
   * Publishes a release after the lifecycle's checks and, when asked, puts it in force from the
   * next bar; says what it did on {@code out}.
   *
   * @param reason why it is promoted, for the record (ignored unless {@code promote})
   * @throws IllegalArgumentException listing what is wrong with the release (nothing is written)
   */
  public void release(
      Settings settings, ModelRelease release, boolean promote, String reason, PrintWriter out)
      throws InterruptedException {
    ModelRelease published = release;
    if (signingKey != null) {
      SigningKey key = readSigningKey();
      published = LifecycleRecords.signed(release, key);
    }
    try (ModelLifecycle lifecycle = open(settings, true)) {
      RecordMetadata meta = lifecycle.release(published);
      out.printf(
          "released   %s@%s (symbols %s, W=%d, sha256 %s, %s) to %s partition %d offset %d%n",
          release.getModelName(),
          release.getVersion(),
          release.getSymbols(),
          release.getWindowBars(),
          release.getSha256(),
          published.getSigningKeyId() == null
              ? "UNSIGNED: scorers refuse it unless scorer.release.allow.unsigned=true"
              : "signed by key " + published.getSigningKeyId(),
          meta.topic(),
          meta.partition(),
          meta.offset());
      if (promote) {
        lifecycle.putInForce(
            Promotion.Action.PROMOTE,
            release.getModelName(),
            release.getVersion(),
            null,
            List.of(),
            OptionalInt.empty(),
            actor(),
            reason);
        out.printf(
            "promoted   %s@%s: in force from the next bar%n",
            release.getModelName(), release.getVersion());
      }
      out.flush();
    }
  }

  private SigningKey readSigningKey() {
    try {
      return SigningKey.read(signingKey);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read signing key " + signingKey + ": " + e, e);
    }
  }

  /** Who a command's decisions are recorded as made by: the operating-system user. */
  public static String actor() {
    return System.getProperty("user.name", "unknown");
  }
}
