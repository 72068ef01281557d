package org.modelevolution.stackexchange;

import java.time.Instant;
import java.util.Objects;

/**
 * One {@code /search/excerpts} request's criteria: free text and a creation-date window
 * {@code [from, to)}. Windows keep paging shallow (deep pages are unreliable on Stack Exchange).
 */
public record ExcerptQuery(String text, Instant from, Instant to) {
  public ExcerptQuery {
    Objects.requireNonNull(text);
    if (text.isBlank()) {
      throw new IllegalArgumentException("blank search text");
    }
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("empty window " + from + ".." + to);
    }
  }

  /** The API's {@code fromdate} (inclusive, epoch seconds). */
  long fromDate() {
    return from.getEpochSecond();
  }

  /** The API's {@code todate} (inclusive, epoch seconds): the last second of the window. */
  long toDate() {
    return to.getEpochSecond() - 1;
  }
}
