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
    /** The study's code and the paper's stated method give different numbers; the row holds the stated one. */
    PAPER_VS_CODE("paper-vs-code"),
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
      status = Status.NOT_RECOMPUTABLE;
    } else if (recomputed.get().paperVsCode().isPresent()) {
      status = Status.PAPER_VS_CODE;
    } else {
      status = recomputed.get().value().get().equals(number.value()) ? Status.MATCH : Status.DIFFERS;
    }
    return new Comparison(number, recomputed, status);
  }

  public String recomputedValue() {
    return recomputed.flatMap(Recomputed::value).orElse("");
  }

  public String basis() {
    return status == Status.NOT_RECOMPUTABLE ? "" : recomputed.map(r -> r.basis().label()).orElse("");
  }

  public String inputs() {
    return recomputed.map(r -> String.join(";", r.inputs())).orElse("");
  }

  /** What the number needs, when it is not recomputable. */
  public String needs() {
    if (status != Status.NOT_RECOMPUTABLE) {
      return "";
    }
    return recomputed.map(Recomputed::needs).filter(n -> !n.isEmpty())
        .orElse("no analysis here recomputes this number");
  }

  /** Why it differs from the paper, for paper-vs-code rows. */
  public String note() {
    return recomputed.flatMap(Recomputed::paperVsCode).orElse("");
  }
}
