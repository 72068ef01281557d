package org.modelevolution.reproduction;

import java.util.List;
import org.modelevolution.study.StudyData;

/** The study's figures (the PDFs of its {@code results/} at its last commit) and what a figure here rests on. */
final class Figures {
  /** Every figure file in the study's {@code results/} at {@code 58d8e17d12}. */
  static final List<String> STUDY_FIGURES = List.of(
      "RQ1CommitsDistribution_both.pdf", "RQ1CommitsDistribution_legacy.pdf", "RQ1CommitsDistribution_recent.pdf",
      "RQ1Heatmap_both.pdf", "RQ1Heatmap_legacy.pdf", "RQ1Heatmap_recent.pdf",
      "RQ2FormatsRepoCreation_both.pdf", "RQ2FormatsRepoCreation_legacy.pdf", "RQ2FormatsRepoCreation_recent.pdf",
      "RQ2FormatsYearly_both.pdf", "RQ2FormatsYearly_legacy.pdf", "RQ2FormatsYearly_recent.pdf",
      "RQ3StatusDistribution.pdf", "RQ3StatusDistribution-Hugging Face Staff.pdf",
      "RQ3StatusDistribution-Non-Hugging Face Staff.pdf", "RQ3TimeToFirstResponse.pdf", "RQ4TimeToFirstResponse.pdf");

  private Figures() {}

  /** What figures drawn from input rows rest on. */
  static String basis(StudyData data) {
    return data.synthetic() ? "SYNTHETIC inputs (scale generator), not the study's data" : "published rows";
  }
}
