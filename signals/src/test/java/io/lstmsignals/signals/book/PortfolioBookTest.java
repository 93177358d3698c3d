package io.lstmsignals.signals.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortfolioBookTest {

  private static final long H4 = 4 * 3600_000L;
  private static final double EPS = 1e-9;

  private static MemberBar bar(int index, double barReturn, double equity, double position) {
    return new MemberBar(
        index * H4, (index + 1) * H4, position, barReturn, 0, equity, position > 0 ? 1 : 0);
  }

  @Test
  void shouldSumEqualCapitalMembersOnceEveryMemberHasReachedAnInstant() {
    // Given A realizes bars 0, 1, 2; B starts later and realizes bars 1, 2
    PortfolioBook book = new PortfolioBook(List.of("A", "B"), 100);
    List<PortfolioPoint> points = new ArrayList<>();

    // When A runs ahead, nothing can be said about B yet
    points.addAll(book.onMemberBar("A", bar(0, 0.10, 110, 1)).points());
    points.addAll(book.onMemberBar("A", bar(1, 0.10, 121, 1)).points());
    assertThat(points).isEmpty();
    points.addAll(book.onMemberBar("B", bar(1, -0.5, 100, 0)).points());
    points.addAll(book.onMemberBar("B", bar(2, 0.2, 120, 1)).points());
    points.addAll(book.onMemberBar("A", bar(2, 0.0, 121, 1)).points());

    // Then: one point per close time, B counted as cash before its first bar
    assertThat(points).extracting(PortfolioPoint::barCloseTime).containsExactly(H4, 2 * H4, 3 * H4);
    assertThat(points).extracting(PortfolioPoint::equity).containsExactly(210.0, 221.0, 241.0);
    assertThat(points.get(0).strategyReturn()).isCloseTo(0.05, within(EPS));
    assertThat(points.get(0).benchmarkReturn()).isCloseTo(0.05, within(EPS));
    // benchmark: A 110 → 121 → 121, B 100 → 50 → 60
    assertThat(points.get(1).benchmarkReturn()).isCloseTo(171.0 / 210 - 1, within(EPS));
    assertThat(points.get(2).benchmarkReturn()).isCloseTo(181.0 / 171 - 1, within(EPS));
    assertThat(points.get(2).cumulativeReturn()).isCloseTo(0.205, within(EPS));
    assertThat(points.get(1).position()).isCloseTo(121.0 / 221, within(EPS));
    assertThat(points.get(2).steps()).isEqualTo(3);
  }

  @Test
  void shouldNotDependOnTheInterleavingOfMembers() {
    List<PortfolioPoint> first = new ArrayList<>();
    PortfolioBook one = new PortfolioBook(List.of("A", "B"), 100);
    first.addAll(one.onMemberBar("A", bar(0, 0.1, 110, 1)).points());
    first.addAll(one.onMemberBar("B", bar(0, 0.0, 100, 0)).points());
    first.addAll(one.onMemberBar("A", bar(1, -0.1, 99, 1)).points());
    first.addAll(one.onMemberBar("B", bar(1, 0.3, 100, 0)).points());

    List<PortfolioPoint> second = new ArrayList<>();
    PortfolioBook two = new PortfolioBook(List.of("A", "B"), 100);
    second.addAll(two.onMemberBar("B", bar(0, 0.0, 100, 0)).points());
    second.addAll(two.onMemberBar("B", bar(1, 0.3, 100, 0)).points());
    two = PortfolioCodec.decode(PortfolioCodec.encode(two), List.of("A", "B"));
    second.addAll(two.onMemberBar("A", bar(0, 0.1, 110, 1)).points());
    second.addAll(two.onMemberBar("A", bar(1, -0.1, 99, 1)).points());

    assertThat(second).isEqualTo(first).hasSize(2);
  }

  @Test
  void shouldRejectNonMembersAndStaleBars() {
    PortfolioBook book = new PortfolioBook(List.of("A"), 100);
    book.onMemberBar("A", bar(1, 0, 100, 0));

    assertThat(book.onMemberBar("C", bar(1, 0, 100, 0)).rejection()).isPresent();
    assertThat(book.onMemberBar("A", bar(0, 0, 100, 0)).rejection()).isPresent();
  }
}
