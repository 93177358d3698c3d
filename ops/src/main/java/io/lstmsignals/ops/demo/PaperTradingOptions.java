package io.lstmsignals.ops.demo;

import picocli.CommandLine.Option;

/** {@code --fee-bps}, {@code --slippage-bps}, {@code --fill-mode}: how a run's P&amp;L trades. */
public final class PaperTradingOptions {
  @Option(
      names = "--fee-bps",
      paramLabel = "BPS",
      defaultValue = "0",
      description =
          "Fee per position change, in basis points of notional (default: ${DEFAULT-VALUE}).")
  public double feeBps;

  @Option(
      names = "--slippage-bps",
      paramLabel = "BPS",
      defaultValue = "0",
      description =
          "Slippage per position change, in basis points of notional (default: ${DEFAULT-VALUE}).")
  public double slippageBps;

  @Option(
      names = "--fill-mode",
      paramLabel = "MODE",
      defaultValue = "REFERENCE_CLOSE",
      description =
          "REFERENCE_CLOSE (the study's convention) or NEXT_OPEN (default: ${DEFAULT-VALUE}).")
  public String fillMode;
}
