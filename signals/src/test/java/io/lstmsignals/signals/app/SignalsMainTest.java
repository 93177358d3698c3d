package io.lstmsignals.signals.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.service.cli.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SignalsMainTest {

  @Test
  void shouldReportEveryConfigurationProblemWithoutAStackTrace() {
    StringWriter err = new StringWriter();

    int code =
        SignalsMain.commandLine()
            .setErr(new PrintWriter(err))
            .execute(
                "tail",
                "--set",
                "signals.fee.bps=-1",
                "--set",
                "bootstrap.servers=localhost:1",
                "--set",
                "schema.registry.url=registry:8081");

    assertThat(code).isEqualTo(CommandLines.INVALID_INPUT);
    assertThat(err.toString())
        .startsWith("signals tail: Invalid signals configuration (2 problems):")
        .contains("Invalid value registry:8081 for configuration schema.registry.url")
        .contains("Invalid value -1 for configuration signals.fee.bps")
        .doesNotContain("\tat ");
  }
}
