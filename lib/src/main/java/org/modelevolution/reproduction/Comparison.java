package org.modelevolution.reproduction;

import java.util.Optional;
import org.modelevolution.analysis.Recomputed;
import org.modelevolution.study.PublishedNumber;

/**
 * One published number next to the number recomputed here: a row of {@code reproduction.csv}.
 * Every published number of every source, whatever its shape (a stats row, a cell of a share
 * table, a bar label, a printed output), is compared the same way: by its text as the study
 * printed it.
 *
 * @param number the published number
 * @param recomputed what the analyses recomputed for it, when any analysis covers it
 * @param status how the two relate
 */
public record Comparison(PublishedNumber number, Optional<Recomputed> recomputed, Status status) {

  /** How a recomputed number relates to the published one. */
  public enum Status {
    MATCH("match"),
    DIFFERS("differs"),
    /**
     * The study's code gives the published number and the method the study states (where: in the
     * note) gives another; the row holds the stated method's.
     */
    STATED_VS_CODE("stated-vs-code"),
    /** Its input is an ordinary file of the study's repository: {@code reproduce --download} recomputes it. */
    NEEDS_DOWNLOAD("needs-download"),
    /** Its input is not to be had here (Git LFS only, or not determined by any kept file): only a re-mining gives it. */
    NOT_RECOMPUTABLE("not-recomputable");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** Compares {@code number} with what was recomputed for it. */
  public static Comparison of(PublishedNumber number, Optional<Recomputed> recomputed) {
    Status status;
    if (recomputed.isEmpty() || recomputed.get().value().isEmpty()) {
      status = recomputed.map(r -> r.missing() == Recomputed.Missing.DOWNLOADABLE).orElse(false)
          ? Status.NEEDS_DOWNLOAD : Status.NOT_RECOMPUTABLE;
    } else if (recomputed.get().statedVsCode().isPresent()) {
      status = Status.STATED_VS_CODE;
    } else {
      status = recomputed.get().value().get().equals(number.value()) ? Status.MATCH : Status.DIFFERS;
    }
    return new Comparison(number, recomputed, status);
  }

  public String recomputedValue() {
    return recomputed.flatMap(Recomputed::value).orElse("");
  }

  public String basis() {
    return isMissing() ? "" : recomputed.map(r -> r.basis().label()).orElse("");
  }

  public String inputs() {
    return recomputed.map(r -> String.join(";", r.inputs())).orElse("");
  }

  /** Whether no value was recomputed (needs-download or not-recomputable). */
  public boolean isMissing() {
    return status == Status.NEEDS_DOWNLOAD || status == Status.NOT_RECOMPUTABLE;
  }

  /** What the number needs, when it has no recomputed value. */
  public String needs() {
    if (!isMissing()) {
      return "";
    }
    return recomputed.map(Recomputed::needs).filter(n -> !n.isEmpty())
        .orElse("no analysis here recomputes this number");
  }

  /** For stated-vs-code rows, the stated method's reading and where it is stated; else how the value was derived. */
  public String note() {
    return recomputed.flatMap(Recomputed::statedVsCode).or(() -> recomputed.map(Recomputed::note)).orElse("");
  }
}
