package org.modelevolution.stackexchange;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code /search/excerpts} request's criteria: free text and, optionally, a creation-date window
 * {@code [from, to)}. The study sent the text alone; a window keeps paging shallow when a query
 * has many thousand results (deep pages are unreliable on Stack Exchange).
 */
public record ExcerptQuery(String text, Optional<Instant> from, Optional<Instant> to) {
  public ExcerptQuery {
    Objects.requireNonNull(text);
    Objects.requireNonNull(from);
    Objects.requireNonNull(to);
    if (text.isBlank()) {
      throw new IllegalArgumentException("blank search text");
    }
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      throw new IllegalArgumentException("empty window " + from.get() + ".." + to.get());
    }
  }

  /** The text alone, over every post, as the study searched. */
  public static ExcerptQuery of(String text) {
    return new ExcerptQuery(text, Optional.empty(), Optional.empty());
  }

  /** The text over posts created in {@code [from, to)}. */
  public static ExcerptQuery of(String text, Instant from, Instant to) {
    return new ExcerptQuery(text, Optional.of(from), Optional.of(to));
  }

  /** The API's {@code fromdate} (inclusive, epoch seconds). */
  Optional<Long> fromDate() {
    return from.map(Instant::getEpochSecond);
  }

  /** The API's {@code todate} (inclusive, epoch seconds): the last second of the window. */
  Optional<Long> toDate() {
    return to.map(t -> t.getEpochSecond() - 1);
  }
}
