package io.lstmsignals.performance.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeChartTest {

  private static final long H4 = 4 * 3600_000L;
  private static final long T0 = Instant.parse("2024-01-01T04:00:00Z").toEpochMilli();

  private static long[] times(int n) {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = T0 + i * H4;
    }
    return t;
  }

  /** Equity growing by a constant factor per bar, from 1 to about {@code end}. */
  private static double[] growth(int n, double end) {
    double[] e = new double[n];
    for (int i = 0; i < n; i++) {
      e[i] = Math.pow(end, (i + 1.0) / n);
    }
    return e;
  }

  @Test
  void shouldWriteAStandaloneSvgWithPanelsDatesAndEscapedText(@TempDir Path dir) throws Exception {
    int n = 6 * 200; // 200 days of 4h bars
    long[] t = times(n);
    double[] positions = new double[n];
    for (int i = 0; i < n; i++) {
      positions[i] = (i / 100) % 2;
    }
    boolean[] inSample = new boolean[n];
    for (int i = 0; i < n / 2; i++) {
      inSample[i] = true;
    }
    TimeChart chart =
        EquityChart.of(
            "BTC <strategy> & \"hold\"",
            t,
            growth(n, 1.5),
            growth(n, 1.2),
            positions,
            inSample,
            "in-sample");

    Path file = dir.resolve("out/equity.svg");
    chart.writeSvg(file);
    String svg = Files.readString(file);

    assertThat(svg).startsWith("<?xml").contains("<svg").endsWith("</svg>\n");
    assertThat(svg).contains("BTC &lt;strategy&gt; &amp; &quot;hold&quot;");
    // the legend (axis labels are drawn as glyph outlines, not text)
    assertThat(svg).contains("strategy", "held long", "in-sample", "buy and hold");
    // month starts as tick labels, every month over 200 days
    assertThat(svg).contains("2024-02-01", "2024-03-01", "2024-07-01").doesNotContain("2024-02-15");
    assertThat(svg).doesNotContain("NaN").doesNotContain("Infinity");
  }

  @Test
  void equityPanelMustTurnLogWhenItSpansMoreThanTenfold() {
    long[] t = times(100);

    TimeChart.Panel tenfold =
        new TimeChart.Panel(
            "equity", List.of(new TimeChart.Line("strategy", t, growth(100, 25))), 1);
    TimeChart.Panel flat =
        new TimeChart.Panel(
            "equity", List.of(new TimeChart.Line("strategy", t, growth(100, 9))), 1);

    assertThat(tenfold.logScale()).isTrue();
    assertThat(flat.logScale()).isFalse();
    assertThat(new TimeChart("x").with(tenfold).toSvg()).contains("</svg>");
  }

  @Test
  void ticksMustFallOnMonthStartsAtAReadableStep() {
    long year = 365L * 24 * 3600_000L;

    assertThat(TimeChart.tickUnit(year / 2).getMultiple()).isEqualTo(1);
    assertThat(TimeChart.tickUnit(3 * year).getMultiple()).isEqualTo(6);
    assertThat(TimeChart.tickUnit(9 * year).getMultiple()).isEqualTo(1);
    assertThat(TimeChart.tickUnit(9 * year).getUnitType().toString()).contains("YEAR");
    assertThat(TimeChart.tickUnit(30L * 24 * 3600_000L).getUnitType().toString()).contains("DAY");
  }

  @Test
  void shadingMustCoverRunsOfMatchingBars() {
    long[] t = {10, 20, 30, 40, 50};
    double[] positions = {1, 1, 0, 1, 0};

    List<TimeChart.Span> spans = EquityChart.spans(t, i -> positions[i] > 0);

    // bar 0 covers (0, 10], bar 1 (10, 20], bar 3 (30, 40]
    assertThat(spans).containsExactly(new TimeChart.Span(0, 20), new TimeChart.Span(30, 40));
    assertThat(EquityChart.drawdowns(new double[] {1.1, 0.99, 1.2}))
        .containsExactly(0.0, 0.99 / 1.1 - 1, 0.0);
  }

  @Test
  void shouldWriteAPngOfTheSameChart(@TempDir Path dir) throws Exception {
    long[] t = times(600);
    Path file = dir.resolve("equity.png");

    EquityChart.of("equity", t, growth(600, 30), growth(600, 2), new double[600], null, "")
        .writePng(file);

    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(TimeChart.WIDTH);
    assertThat(image.getHeight()).isEqualTo(TimeChart.HEIGHT);
    int strategyBlue = TimeChart.LINE_COLORS[0].getRGB() & 0xffffff;
    boolean lineDrawn = false;
    for (int x = 0; x < image.getWidth() && !lineDrawn; x++) {
      for (int y = 0; y < image.getHeight() && !lineDrawn; y++) {
        lineDrawn = (image.getRGB(x, y) & 0xffffff) == strategyBlue;
      }
    }
    assertThat(lineDrawn).as("a pixel of the strategy's colour").isTrue();
  }

  @Test
  void linesMustRejectTimesOutOfOrder() {
    assertThatThrownBy(() -> new TimeChart.Line("x", new long[] {2, 1}, new double[2]))
        .hasMessageContaining("strictly increasing");
  }
}
