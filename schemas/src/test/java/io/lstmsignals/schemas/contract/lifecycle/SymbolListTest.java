package io.lstmsignals.schemas.contract.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SymbolListTest {

  @Test
  void isTheListItWasMadeFromInOrderAndEqualToIt() {
    List<String> symbols = SymbolList.of(List.of("ETHUSDT", "BTCUSDT", "SOLUSDT"));

    assertThat(symbols).containsExactly("ETHUSDT", "BTCUSDT", "SOLUSDT");
    assertThat(symbols).isEqualTo(List.of("ETHUSDT", "BTCUSDT", "SOLUSDT"));
    assertThat(symbols.hashCode()).isEqualTo(List.of("ETHUSDT", "BTCUSDT", "SOLUSDT").hashCode());
    assertThat(symbols.contains("BTCUSDT")).isTrue();
    assertThat(symbols.contains("XRPUSDT")).isFalse();
    assertThat(symbols.contains(null)).isFalse();
  }

  @Test
  void isACopyThatCannotBeChanged() {
    List<String> source = new ArrayList<>(List.of("BTCUSDT"));
    List<String> symbols = SymbolList.of(source);
    source.add("ETHUSDT");

    assertThat(symbols).containsExactly("BTCUSDT");
    assertThat(symbols.contains("ETHUSDT")).isFalse();
    assertThatThrownBy(() -> symbols.add("ETHUSDT"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> symbols.set(0, "ETHUSDT"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void refusesANullSymbolAsListCopyOfDoes() {
    assertThatThrownBy(() -> SymbolList.of(Arrays.asList("BTCUSDT", null)))
        .isInstanceOf(NullPointerException.class);
  }
}
