package org.modelevolution.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.modelevolution.study.StackOverflowPosts;
import org.modelevolution.study.StudyData;

/**
 * RQ4's part of {@code reproduce}: relevance ranking, sample size and the coding database. The
 * study published no RQ4 table, so this step has numbers but no comparisons.
 */
public final class Rq4Reproduction implements ReproductionStep {
  @Override
  public String researchQuestion() {
    return "RQ4";
  }

  @Override
  public StepOutput run(StudyData data, Path outDir) {
    if (!Files.isRegularFile(data.dataDir().resolve(StackOverflowPosts.FILE_NAME))) {
      return new StepOutput(List.of(), List.of(), List.of(), List.of(
          "no Stack Overflow posts (" + StackOverflowPosts.FILE_NAME + ") in the data folder: RQ4 not run."));
    }
    AnalysisResult result = Rq4Analysis.of(data.dataDir()).writeTo(outDir);
    return AnalysisResultStep.toStepOutput(result, Map.of(), "", List.of(
        "relevance ranking: the study sorted by relevance with an unstable sort; here ties keep file order.",
        "sample: Cochran's formula at 95% confidence and 5% margin with the finite population correction."));
  }
}
