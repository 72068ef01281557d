package org.modelevolution.analysis;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a PR set's bars rest on: its rows, those with a status, and the creation dates each year
 * spans (a year whose PRs do not reach from January to December is partial, and its bar says so).
 *
 * @param rows every row of the set
 * @param withStatus the rows with a status (the bars' PRs)
 * @param firstByYear the earliest creation date per year, over the rows with a status
 * @param lastByYear the latest creation date per year, over the rows with a status
 */
public record PrSetCoverage(int rows, int withStatus, SortedMap<Integer, LocalDate> firstByYear,
    SortedMap<Integer, LocalDate> lastByYear) {

  public PrSetCoverage {
    firstByYear = Collections.unmodifiableSortedMap(new TreeMap<>(firstByYear));
    lastByYear = Collections.unmodifiableSortedMap(new TreeMap<>(lastByYear));
  }

  static <T> PrSetCoverage of(Collection<T> all, Collection<T> withStatus, Function<T, LocalDate> date) {
    SortedMap<Integer, LocalDate> first = new TreeMap<>();
    SortedMap<Integer, LocalDate> last = new TreeMap<>();
    for (T item : withStatus) {
      LocalDate d = date.apply(item);
      first.merge(d.getYear(), d, (a, b) -> a.isBefore(b) ? a : b);
      last.merge(d.getYear(), d, (a, b) -> a.isAfter(b) ? a : b);
    }
    return new PrSetCoverage(all.size(), withStatus.size(), first, last);
  }

  /** For a year whose PRs do not span January to December, e.g. "January–April only"; empty otherwise. */
  public Optional<String> partialNote(int year) {
    LocalDate first = firstByYear.get(year);
    LocalDate last = lastByYear.get(year);
    if (first == null || (first.getMonthValue() == 1 && last.getMonthValue() == 12)) {
      return Optional.empty();
    }
    String from = first.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    String to = last.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    return Optional.of((from.equals(to) ? from : from + "–" + to) + " only");
  }
}
