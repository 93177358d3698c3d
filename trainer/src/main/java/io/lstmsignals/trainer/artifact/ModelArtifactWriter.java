package io.lstmsignals.trainer.artifact;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lstmsignals.schemas.contract.ArtifactLayout;
import io.lstmsignals.trainer.data.StudyDataset;
import io.lstmsignals.trainer.eval.TestEvaluation;
import io.lstmsignals.trainer.export.ModelCard;
import io.lstmsignals.trainer.report.ModelReport;
import io.lstmsignals.trainer.train.EpochReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a model artifact directory: {@code model.onnx}, {@code model.json} (the card, identical to
 * the ONNX {@code metadata_props}), {@code model.sha256} ({@code sha256sum} format) and, when test
 * predictions are given, {@code predictions.csv} and the report. The test rows are predicted by
 * ONNX Runtime from the artifact itself ({@link #evaluate}) and their metrics written into the
 * card. The directory appears whole or not at all: files are written to a hidden staging sibling
 * that is then moved into place.
 */
public final class ModelArtifactWriter {

  private static final Logger log = LoggerFactory.getLogger(ModelArtifactWriter.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelArtifactWriter() {}

  /**
   * Writes {@code model} with {@code card} as its metadata, plus the test metrics when a test
   * evaluation is given.
   *
   * @param model a self-contained model
   * @param test the model's own test predictions (from {@link #evaluate}), if any
   * @param history training epochs for the report (empty for a wrapped model)
   * @param overwrite whether an existing directory may be replaced
   * @throws IllegalStateException if the directory exists and {@code overwrite} is false
   */
  public static ModelArtifact write(
      Path directory,
      ModelProto model,
      ModelCard card,
      Optional<TestEvaluation> test,
      List<EpochReport> history,
      boolean overwrite)
      throws IOException {
    if (Files.exists(directory) && !overwrite) {
      throw new IllegalStateException(
          "Artifact directory " + directory + " exists; choose another or overwrite it");
    }
    ModelCard finalCard = finalCard(card, test);
    byte[] onnx = withMetadata(model, finalCard).toByteArray();
    String sha256 = ArtifactLayout.sha256(onnx);

    Path parent = directory.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    // Not createTempDirectory: that one is owner-only (700), and an artifact directory is meant to
    // be shared.
    Path staging =
        Files.createDirectory(
            parent.resolve("." + directory.getFileName() + ".staging-" + UUID.randomUUID()));
    try {
      Files.write(staging.resolve(ArtifactLayout.MODEL_FILE), onnx);
      JSON.writeValue(staging.resolve(ArtifactLayout.CARD_FILE).toFile(), finalCard.entries());
      Files.writeString(
          staging.resolve(ArtifactLayout.SHA256_FILE),
          ArtifactLayout.sha256Line(sha256),
          StandardCharsets.US_ASCII);
      if (test.isPresent()) {
        try (Writer out =
            Files.newBufferedWriter(staging.resolve(ArtifactLayout.PREDICTIONS_FILE))) {
          test.get().writePredictions(out);
        }
        ModelReport.write(staging, ArtifactLayout.REPORT_FILE, finalCard, test.get(), history);
      }
      if (Files.exists(directory)) {
        deleteRecursively(directory);
      }
      Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      if (Files.exists(staging)) {
        deleteRecursively(staging);
      }
    }
    log.info(
        "Wrote artifact dir={} version={} sha256={} bytes={}",
        directory,
        finalCard.version(),
        sha256,
        onnx.length);
    return new ModelArtifact(directory, finalCard, sha256, test);
  }

  /**
   * The model's predictions for the dataset's test rows, run through ONNX Runtime from raw bars,
   * scored. Metadata does not take part in the computation, so they are the predictions of the
   * written artifact.
   */
  public static TestEvaluation evaluate(ModelProto model, StudyDataset data) {
    try (OnnxArtifactPredictor predictor = new OnnxArtifactPredictor(model.toByteArray())) {
      return TestEvaluation.of(data, predictor.predictRows(data, data.testRows()));
    }
  }

  /** Writes a trained model: its bytes, card, test predictions, report and history. */
  public static ModelArtifact write(
      Path directory, ModelTraining.TrainedModel trained, boolean overwrite) throws IOException {
    return write(
        directory,
        trained.model(),
        trained.card(),
        Optional.of(trained.test()),
        trained.result().history(),
        overwrite);
  }

  /** The card an artifact carries: with the test metrics, when it was evaluated. */
  static ModelCard finalCard(ModelCard card, Optional<TestEvaluation> test) {
    return test.map(evaluation -> card.with(ModelCard.metricEntries(evaluation))).orElse(card);
  }

  static ModelProto withMetadata(ModelProto model, ModelCard card) {
    ModelProto.Builder builder = model.toBuilder().clearMetadataProps();
    card.entries()
        .forEach(
            (key, value) ->
                builder.addMetadataProps(
                    StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
    return builder.build();
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.delete(path);
                } catch (IOException e) {
                  throw new UncheckedIOException("Could not delete " + path, e);
                }
              });
    }
  }
}
