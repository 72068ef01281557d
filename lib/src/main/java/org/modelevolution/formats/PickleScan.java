package org.modelevolution.formats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The result of walking the pickle opcodes embedded in a file, without executing any, judged by a
 * {@link PicklePolicy}.
 *
 * @param imports each distinct import (GLOBAL, INST, STACK_GLOBAL), in the order first met, with
 *     its own verdict and the rule that produced it
 * @param verdict the file's verdict: the worst import verdict; {@code suspicious} at least when the
 *     scan is incomplete (an incomplete scan never reads as safe)
 * @param rule the rule behind the file's verdict (a list entry, {@code unlisted} or
 *     {@code incomplete scan})
 * @param completeness whether every pickle byte that matters was walked
 * @param policyVersion the version of the lists that produced the verdicts
 * @param strict whether unlisted imports counted as dangerous
 * @param pickles how many pickle streams were walked
 * @param gaps why the scan is incomplete, each with where it happened (empty when complete)
 */
public record PickleScan(
    List<Import> imports,
    PickleVerdict verdict,
    String rule,
    Completeness completeness,
    String policyVersion,
    boolean strict,
    int pickles,
    List<Gap> gaps) {

  /** The scan of a file that embeds no pickle. */
  public static final PickleScan NOT_APPLICABLE =
      new PickleScan(List.of(), PickleVerdict.NOT_APPLICABLE, "", Completeness.COMPLETE, PicklePolicy.standard().version(), false, 0, List.of());

  /** The rule id of a file verdict forced by an incomplete scan. */
  public static final String INCOMPLETE_RULE = "incomplete scan";

  /** Whether the scan covered everything. */
  public enum Completeness {
    COMPLETE,
    /** Truncated stream, exhausted budget, unknown opcode, unresolvable import, unscannable container. */
    INCOMPLETE;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One import as found.
   *
   * @param where the stream it was found in ({@code pickle}, an archive entry name, a nested pickle)
   * @param offset the offset of the importing opcode within that stream
   * @param evidence the class of evidence: {@code stream} (the file's own pickle stream),
   *     {@code archive member} (a member of a zip or tar), {@code nested} (a pickle or archive inside
   *     a bytes argument or an object array), {@code polyglot} (the bytes from offset 0 of a file
   *     another format claims)
   */
  public record Import(String module, String name, String where, long offset, PickleVerdict verdict, String rule, String evidence) {
    public String dotted() {
      return module + "." + name;
    }
  }

  /** The evidence classes of {@link Import#evidence()}. */
  public static final String STREAM = "stream";
  public static final String ARCHIVE_MEMBER = "archive member";
  public static final String NESTED = "nested";
  public static final String POLYGLOT = "polyglot";

  /** Why the scan could not cover everything; {@code offset} is -1 when it is not one place. */
  public record Gap(String where, long offset, String why) {
    @Override
    public String toString() {
      return where + (offset >= 0 ? " at offset " + offset : "") + ": " + why;
    }
  }

  /** An import before judgement. */
  record Found(String module, String name, String where, long offset, String evidence) {}

  public PickleScan {
    imports = List.copyOf(imports);
    gaps = List.copyOf(gaps);
  }

  /** Judges {@code found} imports and {@code gaps} with {@code policy}. */
  static PickleScan judge(List<Found> found, List<Gap> gaps, int pickles, PicklePolicy policy) {
    List<Import> imports = new ArrayList<>(found.size());
    PickleVerdict verdict = PickleVerdict.SAFE;
    String rule = "allow";
    for (Found f : found) {
      PicklePolicy.Judgement j = policy.judge(f.module(), f.name());
      imports.add(new Import(f.module(), f.name(), f.where(), f.offset(), j.verdict(), j.rule(), f.evidence()));
      if (j.verdict().ordinal() > verdict.ordinal()) {
        verdict = j.verdict();
        rule = j.rule();
      }
    }
    Completeness completeness = gaps.isEmpty() ? Completeness.COMPLETE : Completeness.INCOMPLETE;
    if (completeness == Completeness.INCOMPLETE && verdict == PickleVerdict.SAFE) {
      verdict = PickleVerdict.SUSPICIOUS;
      rule = INCOMPLETE_RULE;
    }
    if (found.isEmpty() && verdict == PickleVerdict.SAFE) {
      rule = "no imports";
    }
    return new PickleScan(imports, verdict, rule, completeness, policy.version(), policy.isStrict(), pickles, gaps);
  }

  /** This scan and {@code other} as one (imports and gaps of both), judged by the standard policy. */
  PickleScan plus(PickleScan other) {
    List<Found> found = new ArrayList<>();
    imports.forEach(i -> found.add(new Found(i.module(), i.name(), i.where(), i.offset(), i.evidence())));
    other.imports.forEach(i -> found.add(new Found(i.module(), i.name(), i.where(), i.offset(), i.evidence())));
    List<Gap> all = new ArrayList<>(gaps);
    all.addAll(other.gaps);
    return judge(found, all, pickles + other.pickles, PicklePolicy.standard());
  }

  /** The same scan judged again with {@code policy} (e.g. strict). */
  public PickleScan judgedBy(PicklePolicy policy) {
    if (!applicable()) {
      return this;
    }
    List<Found> found = imports.stream().map(i -> new Found(i.module(), i.name(), i.where(), i.offset(), i.evidence())).toList();
    return judge(found, gaps, pickles, policy);
  }

  public boolean applicable() {
    return verdict != PickleVerdict.NOT_APPLICABLE;
  }

  public boolean complete() {
    return completeness == Completeness.COMPLETE;
  }

  /** The distinct imports ({@code module.name}), sorted. */
  public SortedSet<String> globals() {
    TreeSet<String> names = new TreeSet<>();
    imports.forEach(i -> names.add(i.dotted()));
    return Collections.unmodifiableSortedSet(names);
  }

  /** The gaps as text, in the order met. */
  public List<String> notes() {
    return gaps.stream().map(Gap::toString).toList();
  }
}
