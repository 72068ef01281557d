package org.modelevolution.formats;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The result of walking the pickle opcodes embedded in a file, without executing any.
 *
 * @param globals the imports ({@code module.name}) of GLOBAL, INST and STACK_GLOBAL opcodes, sorted
 * @param verdict the judgement of {@link PicklePolicy}
 * @param pickles how many pickle streams were walked
 * @param notes why a scan is incomplete, or other remarks (empty when there is nothing to say)
 */
public record PickleScan(SortedSet<String> globals, PickleVerdict verdict, int pickles, List<String> notes) {

  /** The scan of a file that embeds no pickle. */
  public static final PickleScan NOT_APPLICABLE =
      new PickleScan(new TreeSet<>(), PickleVerdict.NOT_APPLICABLE, 0, List.of());

  public PickleScan {
    globals = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(globals));
    notes = List.copyOf(notes);
  }

  public boolean applicable() {
    return verdict != PickleVerdict.NOT_APPLICABLE;
  }
}
