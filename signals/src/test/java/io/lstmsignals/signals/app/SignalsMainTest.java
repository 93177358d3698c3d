package io.lstmsignals.signals.app;

import static org.assertj.core.api.Assertions.assertThat;

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

    assertThat(code).isEqualTo(SignalsMain.INVALID_INPUT);
    assertThat(err.toString())
        .contains("Invalid value registry:8081 for schema.registry.url")
        .contains("Invalid value -1 for signals.fee.bps")
        .doesNotContain("\tat ");
  }
}
