package io.lstmsignals.performance.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {

  private static final long T0 = Instant.parse("2024-09-25T04:00:00Z").toEpochMilli();
  private static final long DAY = 24 * 3600_000L;

  @Test
  void shouldWriteAStandaloneSvgWithAxesLegendAndEscapedText(@TempDir Path dir) throws Exception {
    long[] times = {T0, T0 + DAY, T0 + 2 * DAY, T0 + 3 * DAY};
    LineChart chart =
        new LineChart("BTC <strategy> & \"hold\"", "equity")
            .with("strategy", times, new double[] {1.0, 1.1, 1.05, 1.2})
            .with("buy & hold", times, new double[] {1.0, 0.9, 1.0, 1.3});

    Path file = dir.resolve("out/equity.svg");
    chart.writeSvg(file);
    String svg = Files.readString(file);

    assertThat(svg)
        .startsWith("<?xml")
        .contains("<svg xmlns=\"http://www.w3.org/2000/svg\"")
        .endsWith("</svg>\n");
    assertThat(svg)
        .contains("BTC &lt;strategy&gt; &amp; &quot;hold&quot;")
        .doesNotContain("<strategy>");
    assertThat(svg).contains("buy &amp; hold");
    assertThat(svg.split("<polyline", -1)).hasSize(3);
    assertThat(svg).contains("2024-09-25").contains("2024-09-28").contains("time (UTC)");
    assertThat(svg).doesNotContain("NaN").doesNotContain("Infinity");
  }

  @Test
  void shouldWriteAPngOfTheSameChart(@TempDir Path dir) throws Exception {
    long[] times = {T0, T0 + DAY, T0 + 2 * DAY};
    Path file = dir.resolve("equity.png");

    new LineChart("equity", "equity")
        .with("strategy", times, new double[] {1.0, 1.2, 0.9})
        .writePng(file);

    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(960);
    assertThat(image.getHeight()).isEqualTo(480);
    int strategyBlue = 0x1f77b4;
    boolean lineDrawn = false;
    for (int x = 0; x < image.getWidth() && !lineDrawn; x++) {
      for (int y = 0; y < image.getHeight() && !lineDrawn; y++) {
        lineDrawn = (image.getRGB(x, y) & 0xffffff) == strategyBlue;
      }
    }
    assertThat(lineDrawn).as("a pixel of the strategy's colour").isTrue();
  }

  @Test
  void shouldSayNoDataForAnEmptyChart() {
    assertThat(new LineChart("empty", "y").toSvg()).contains("no data").endsWith("</svg>\n");
  }

  @Test
  void ticksMustBeRoundAndCoverTheRange() {
    double[] ticks = LineChart.niceTicks(0.93, 1.27);

    assertThat(ticks[0]).isLessThanOrEqualTo(0.93);
    assertThat(ticks[ticks.length - 1]).isGreaterThanOrEqualTo(1.27);
    assertThat(ticks.length).isBetween(4, 10);
    assertThat(ticks[1] - ticks[0]).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
  }
}
