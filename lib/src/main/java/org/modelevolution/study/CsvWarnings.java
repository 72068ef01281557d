package org.modelevolution.study;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the CSV readers accept but report: rows that pandas' {@code read_csv} accepts as well
 * (fewer fields than the header: the rest are missing values), counted per file. A reader adds to
 * the list of the parse that runs on its thread ({@link Inputs} runs each parse inline), so that
 * the warnings end up with the input they belong to.
 */
final class CsvWarnings {
  private static final ThreadLocal<List<String>> CURRENT = new ThreadLocal<>();

  private CsvWarnings() {}

  /** Records a warning for the parse running on this thread (dropped when none collects). */
  static void add(String warning) {
    List<String> sink = CURRENT.get();
    if (sink != null) {
      sink.add(warning);
    }
  }

  /** Runs {@code parse}, adding the warnings it raises to {@code into}. */
  static <T> T collect(Supplier<T> parse, List<String> into) {
    List<String> previous = CURRENT.get();
    List<String> sink = new ArrayList<>();
    CURRENT.set(sink);
    try {
      return parse.get();
    } finally {
      CURRENT.set(previous);
      synchronized (into) {
        into.addAll(sink);
      }
    }
  }
}
