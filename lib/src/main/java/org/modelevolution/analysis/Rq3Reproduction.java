package org.modelevolution.analysis;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelevolution.study.StudyData;

/** RQ3's part of {@code reproduce}: the bot PR analysis on the study data folder. */
public final class Rq3Reproduction implements ReproductionStep {
  private static final String NEEDS_PR_TABLE =
      "needs data/sfconvertbot_pr_metadata.csv.zip, kept in Git LFS by the study and not among the recovered files";

  @Override
  public String researchQuestion() {
    return "RQ3";
  }

  @Override
  public StepOutput run(StudyData data, Path outDir) {
    Path published = data.publishedDir().orElse(data.dataDir().resolve("published"));
    AnalysisResult result = Rq3Analysis.of(data.dataDir(), published).writeTo(outDir);
    Map<String, String> studyFigures = new LinkedHashMap<>();
    studyFigures.put("RQ3StatusDistribution", "RQ3StatusDistribution.pdf");
    studyFigures.put("RQ3StatusDistribution-HF-Staff", "RQ3StatusDistribution-Hugging Face Staff.pdf");
    studyFigures.put("RQ3StatusDistribution-Non-HF-Staff", "RQ3StatusDistribution-Non-Hugging Face Staff.pdf");
    studyFigures.put("RQ3TimeToFirstResponse", "time-to-first-response box plot (study file name not recovered)");
    return AnalysisResultStep.toStepOutput(result, studyFigures, NEEDS_PR_TABLE, List.of(
        "relevant discussions: the study's code kept PRs whose average comment size is above 0 words, the paper "
            + "states 4; both filters are computed (`rq3_relevant_discussions.csv`, `rq3_relevant_prs_checks.csv`)."));
  }
}
