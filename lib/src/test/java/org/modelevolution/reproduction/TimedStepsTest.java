package org.modelevolution.reproduction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.study.SyntheticInputs;
import org.modelevolution.testing.Shared;

/**
 * The steps mode of the analysis benchmark ({@link AnalysisBenchmark}; named so that the build runs it, which leaves
 * classes named after benchmarks out) on a small SYNTHETIC folder: it writes the reproduction, reports the
 * cold load beside the baseline, and the warm load beside the warm baseline, each ratio from the rows it stands
 * beside (what the README quotes comes from these rows).
 */
class TimedStepsTest {
  @Test
  void stepsReportTheColdAndTheWarmLoadEachBesideItsBaseline(@TempDir Path data, @TempDir Path out)
      throws Exception {
    Path study = Shared.dir().resolve("study");
    assumeTrue(SyntheticInputs.available(study), "python3 or the generator is absent; skipping");
    SyntheticInputs.generate(study, data, 0.01);

    Map<String, Long> steps = AnalysisBenchmark.steps(data, out);

    assertThat(out.resolve("REPRODUCTION.md")).isRegularFile();
    assertThat(steps.get("input bytes")).isEqualTo(Files.size(data.resolve("selected_recent_commits.csv"))
        + Files.size(data.resolve("repositories_evolution_recent_commits_processed.csv"))
        + Files.size(data.resolve("selected_legacy_commits.csv"))
        + Files.size(data.resolve("repositories_evolution_legacy_commits_processed.csv"))
        + Files.size(data.resolve("selected_recent_repos.json"))
        + Files.size(data.resolve("selected_legacy_repos.json"))
        + Files.size(data.resolve("sfconvertbot_pr_metadata.csv.zip"))
        + Files.size(data.resolve("safetensors_tags.csv")));
    long coldLoad = steps.get("load: read, hash, parse (side by side), cold as in reproduce");
    long coldBaseline = steps.get("baseline: read and tokenise every input (side by side)");
    assertThat(steps.get("ratio: cold load / read and tokenise"))
        .isEqualTo(AnalysisBenchmark.ratio(coldLoad, coldBaseline));
    long warmLoad = steps.get("warm: load (median of 3, alternating with the baseline)");
    long warmBaseline = steps.get("warm: baseline, read and tokenise (median of 3)");
    assertThat(steps.get("ratio: warm load / warm read and tokenise"))
        .isEqualTo(AnalysisBenchmark.ratio(warmLoad, warmBaseline));
    assertThat(steps).containsKeys("analyses (RQ1-RQ4)", "tables and figures", "peak live heap after GC (bytes)");
  }
}
