package io.lstmsignals.signals.book;

import java.util.Optional;

/** A realized bar and the fill that opened its position, if the position changed. */
public record Realization(RealizedBar bar, Optional<PositionChange> fill) {}
