package org.modelevolution.notebook;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Which of the study's files each research question reads, by the study's file names. */
final class InputsOfQuestion {
  private static final Map<String, List<Pattern>> FILES = Map.of(
      "RQ1", patterns("safetensors_commits_.*", "recent_safetensors_commits_.*", "selected_.*_commits\\.csv",
          "repositories_evolution_.*", "selected_.*_repos\\.json", "fixed3_.*", "rq1_dataset_stats.*",
          "safetensors_tags\\.csv", "safetensors-releases\\.csv", "study-notebook-outputs\\.csv",
          "study-heatmap-labels\\.csv"),
      "RQ2", patterns("selected_.*_commits\\.csv", "repositories_evolution_.*", "selected_.*_repos\\.json",
          "RQ2Formats.*", "study-notebook-outputs\\.csv"),
      "RQ3", patterns("sfconvertbot_.*", "discussion_urls\\.csv", "rq3_dataset_stats\\.csv", "rq4_dataset_stats\\.csv",
          "RQ3StatusDistribution.*", "study-notebook-outputs\\.csv"),
      "RQ4", patterns("SO_query_data\\..*", "db_model_evolution\\.sqlite3", "study-notebook-outputs\\.csv"));

  private InputsOfQuestion() {}

  private static List<Pattern> patterns(String... regexes) {
    return java.util.Arrays.stream(regexes).map(Pattern::compile).toList();
  }

  /** Whether research question {@code rq} reads the file; {@code "all"} takes every file. */
  static boolean serves(String fileName, String rq) {
    return "all".equals(rq) || FILES.getOrDefault(rq, List.of()).stream().anyMatch(p -> p.matcher(fileName).matches());
  }
}
