package io.lstmsignals.trainer.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lstmsignals.trainer.data.Feature;
import io.lstmsignals.trainer.data.MinMaxScaler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The scaler/feature spec of {@code trainer wrap}, as JSON:
 *
 * <pre>{@code
 * {
 *   "windowBars": 48,
 *   "features": ["log_return", "log1p_volume", "high_minus_low", "close_minus_open"],
 *   "featureMin": [...], "featureMax": [...],     // one per feature, fitted on training rows
 *   "targetMin": -0.05, "targetMax": 0.06         // of the log-return target
 * }
 * }</pre>
 *
 * Unknown fields are rejected, so a typo cannot silently fall back to a default.
 */
public final class FeatureScalingJson {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /** The JSON document's shape. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Document(
      Integer windowBars,
      List<String> features,
      double[] featureMin,
      double[] featureMax,
      Double targetMin,
      Double targetMax) {}

  private FeatureScalingJson() {}

  /**
   * Reads a spec file.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static FeatureScaling read(Path file) {
    Document document;
    try {
      document = JSON.readValue(file.toFile(), Document.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "Scaler spec " + file + " is not valid: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not read scaler spec " + file + ": " + e.getMessage(), e);
    }
    if (document.windowBars() == null
        || document.features() == null
        || document.featureMin() == null
        || document.featureMax() == null
        || document.targetMin() == null
        || document.targetMax() == null) {
      throw new IllegalArgumentException(
          "Scaler spec "
              + file
              + " must set windowBars, features, featureMin,"
              + " featureMax, targetMin and targetMax");
    }
    List<String> problems = problems(document);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Scaler spec " + file + ": " + String.join("; ", problems));
    }
    try {
      return new FeatureScaling(
          document.windowBars(),
          document.features().stream().map(Feature::byId).toList(),
          new MinMaxScaler(document.featureMin(), document.featureMax()),
          new MinMaxScaler(
              new double[] {document.targetMin()}, new double[] {document.targetMax()}));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Scaler spec " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Everything wrong with a complete document, each naming its field: a wrapped model's scalers
   * must be usable as they are (a zero-width bound would divide by one and hide a bad spec).
   */
  private static List<String> problems(Document document) {
    List<String> problems = new ArrayList<>();
    if (document.windowBars() < 1) {
      problems.add("windowBars is " + document.windowBars() + "; must be >= 1");
    }
    int features = document.features().size();
    if (features == 0) {
      problems.add("features is empty; name at least one");
    }
    for (String id : document.features()) {
      try {
        Feature.byId(id);
      } catch (IllegalArgumentException unknown) {
        problems.add("features: " + unknown.getMessage());
      }
    }
    checkLength(problems, "featureMin", document.featureMin().length, features);
    checkLength(problems, "featureMax", document.featureMax().length, features);
    int columns = Math.min(document.featureMin().length, document.featureMax().length);
    for (int i = 0; i < columns; i++) {
      String name = i < features ? " (" + document.features().get(i) + ")" : "";
      checkBounds(
          problems,
          "featureMin[" + i + "]" + name,
          document.featureMin()[i],
          "featureMax[" + i + "]",
          document.featureMax()[i]);
    }
    checkBounds(problems, "targetMin", document.targetMin(), "targetMax", document.targetMax());
    return problems;
  }

  private static void checkLength(List<String> problems, String field, int length, int features) {
    if (length != features) {
      problems.add(
          field + " has " + length + " values for " + features + " features; need one per feature");
    }
  }

  private static void checkBounds(
      List<String> problems, String minField, double min, String maxField, double max) {
    if (!Double.isFinite(min) || !Double.isFinite(max)) {
      problems.add(minField + " and " + maxField + " must be finite, found " + min + " and " + max);
    } else if (!(min < max)) {
      problems.add(minField + " = " + min + " must be < " + maxField + " = " + max);
    }
  }

  /** Writes a spec file. */
  public static void write(FeatureScaling scaling, Path file) throws IOException {
    JSON.writeValue(
        file.toFile(),
        new Document(
            scaling.windowBars(),
            scaling.features().stream().map(Feature::id).toList(),
            scaling.featureScaler().mins(),
            scaling.featureScaler().maxes(),
            scaling.targetScaler().min(0),
            scaling.targetScaler().max(0)));
  }
}
