package io.lstmsignals.ops.stack;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalStackTest {

  @Test
  void shouldRefuseAJdkOlderThan21() {
    assertThatThrownBy(() -> LocalStack.requireSupportedJava(Runtime.Version.parse("17.0.9+9")))
        .isInstanceOf(StackStartException.class)
        .hasMessageStartingWith(
            "the local stack needs Java 21 or newer (Apicurio Registry 3.3 is built for it),"
                + " but runs on Java 17.0.9+9")
        .hasMessageContaining("point JAVA_HOME at a JDK >= 21");
  }

  @Test
  void shouldAcceptJdk21AndNewer() {
    assertThatCode(() -> LocalStack.requireSupportedJava(Runtime.Version.parse("21")))
        .doesNotThrowAnyException();
    assertThatCode(() -> LocalStack.requireSupportedJava(Runtime.Version.parse("25.0.1")))
        .doesNotThrowAnyException();
  }
}
