package io.lstmsignals.scorer.onnx;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where ONNX Runtime runs the model. */
public enum ExecutionProvider {
  /** The CPU provider: always available. */
  CPU("cpu"),
  /**
   * The CUDA provider on one device; loading fails with an explanation when CUDA cannot be used.
   */
  CUDA("cuda"),
  /** CUDA when it can be used, otherwise the CPU, logging why. */
  CUDA_OR_CPU("cuda-or-cpu");

  private final String configName;

  ExecutionProvider(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  /**
   * Parses a config value (cpu, cuda, cuda-or-cpu), ignoring case.
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static ExecutionProvider parse(String value) {
    String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (ExecutionProvider provider : values()) {
      if (provider.configName.equals(wanted)) {
        return provider;
      }
    }
    throw new IllegalArgumentException(
        "must be one of "
            + Arrays.stream(values())
                .map(ExecutionProvider::configName)
                .collect(Collectors.joining(", "))
            + ", got '"
            + value
            + "'");
  }
}
