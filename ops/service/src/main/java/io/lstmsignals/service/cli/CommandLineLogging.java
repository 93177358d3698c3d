package io.lstmsignals.service.cli;

/**
 * The logging set-up of the stages' command lines: logs on stderr, so that stdout carries only the
 * command's results. Selected through a system property rather than a {@code logback.xml} in a jar,
 * which would configure every user of the jar too.
 */
public final class CommandLineLogging {
  private static final String LOGBACK_CONFIG = "logback.configurationFile";
  private static final String CLI_CONFIG = "io/lstmsignals/service/cli/logback-cli.xml";

  private CommandLineLogging() {}

  /**
   * Selects the command-line configuration unless the user chose one with {@code
   * -Dlogback.configurationFile}. Call it first in {@code main}: logback reads the property when
   * the first logger is created.
   */
  public static void useUnlessConfigured() {
    if (System.getProperty(LOGBACK_CONFIG) == null) {
      System.setProperty(LOGBACK_CONFIG, CLI_CONFIG);
    }
  }
}
