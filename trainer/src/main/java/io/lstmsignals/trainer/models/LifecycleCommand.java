package io.lstmsignals.trainer.models;

import io.lstmsignals.schemas.contract.lifecycle.ModelLines;
import io.lstmsignals.schemas.contract.lifecycle.Release;
import io.lstmsignals.schemas.lifecycle.LifecycleHistory;
import io.lstmsignals.schemas.lifecycle.ModelLifecycle;
import io.lstmsignals.service.cli.LifecycleOptions;
import io.lstmsignals.service.cli.ServiceOptions;
import io.lstmsignals.service.config.CommonKeys;
import io.lstmsignals.service.config.ConfigSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every {@code models} command shares: where the lifecycle is, and finding a version. */
abstract class LifecycleCommand implements Callable<Integer> {

  /** The keys the models commands take: every service's connection and security keys. */
  static final ConfigSpec SPEC = CommonKeys.connection(ConfigSpec.forService("models")).build();

  @Mixin ServiceOptions options;
  @Mixin LifecycleOptions topics;
  @Spec CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    try (ModelLifecycle lifecycle = topics.open(options.settings(SPEC), writes())) {
      PrintWriter out = spec.commandLine().getOut();
      run(lifecycle, out);
      out.flush();
    }
    return 0;
  }

  abstract void run(ModelLifecycle lifecycle, PrintWriter out) throws Exception;

  /** Whether the command writes a decision (its start-up checks then ask for write access). */
  boolean writes() {
    return false;
  }

  /**
   * The line of {@code version}: {@code line} when given, else the one line that has it.
   *
   * @throws IllegalArgumentException when no line, or more than one, has it
   */
  static String lineOf(LifecycleHistory history, String line, String version) {
    ModelLines lines = history.lines();
    if (line != null) {
      if (lines.release(line, version).isEmpty()) {
        throw new IllegalArgumentException(
            "line "
                + line
                + " has no version "
                + version
                + " (known: "
                + lines.releases(line).stream().map(Release::version).toList()
                + ")");
      }
      return line;
    }
    List<String> having =
        lines.lines().stream().filter(l -> lines.release(l, version).isPresent()).toList();
    if (having.size() != 1) {
      throw new IllegalArgumentException(
          having.isEmpty()
              ? "no line has a version " + version + "; bin/models list shows them"
              : "lines " + having + " all have a version " + version + "; say which with --line");
    }
    return having.getFirst();
  }
}
