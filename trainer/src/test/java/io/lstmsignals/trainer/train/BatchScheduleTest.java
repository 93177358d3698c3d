package io.lstmsignals.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.trainer.data.RowRange;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchScheduleTest {

  private final BatchSchedule schedule =
      new BatchSchedule(new RowRange(48, 1448), 64, new RandomStreams(42));

  @Test
  void eachEpochVisitsEveryRowOnceInBatchesWithASmallerLastOne() {
    int[][] batches = schedule.batches(1);

    assertThat(batches).hasNumberOfRows(22);
    assertThat(batches[21]).hasSize(1400 - 21 * 64);
    int[] all = Arrays.stream(batches).flatMapToInt(Arrays::stream).sorted().toArray();
    assertThat(all).containsExactly(IntStream.range(48, 1448).toArray());
  }

  @Test
  void orderIsFixedBySeedAndEpochButDiffersBetweenEpochs() {
    assertThat(schedule.batches(3)).isDeepEqualTo(schedule.batches(3));
    assertThat(schedule.batches(3)[0]).isNotEqualTo(schedule.batches(4)[0]);
    assertThat(new BatchSchedule(new RowRange(48, 1448), 64, new RandomStreams(7)).batches(3)[0])
        .isNotEqualTo(schedule.batches(3)[0]);
  }

  @Test
  void earlyStoppingCountsEpochsWithoutStrictImprovement() {
    EarlyStopping stopping = new EarlyStopping(2);

    assertThat(stopping.record(1, 0.5)).isTrue();
    assertThat(stopping.record(2, 0.5)).isFalse();
    assertThat(stopping.shouldStop()).isFalse();
    assertThat(stopping.record(3, 0.6)).isFalse();
    assertThat(stopping.shouldStop()).isTrue();
    assertThat(stopping.bestEpoch()).isEqualTo(1);
  }
}
