package org.modelevolution.study;

/** The study's file names, as its notebooks and result folder spell them. */
public final class StudyFiles {
  public static final String SAFETENSORS_TAGS = "safetensors_tags.csv";
  public static final String PUBLISHED_DIR = "published";
  /** Converter-made and developer-made additions of the 2024 iteration (reference date 2022-09-23). */
  public static final String BY_TOOL_2024 = "safetensors_commits_by_tool.csv";
  public static final String NOT_BY_TOOL_2024 = "safetensors_commits_not_by_tool.csv";
  public static final String EVOLUTION_2024 = "fixed3_repository_evolution_commits_0_5014.csv";

  /** The reference date of the 2024 iteration's files (one day later than the final run's). */
  public static final java.time.LocalDate ITERATION_2024_REFERENCE = java.time.LocalDate.of(2022, 9, 23);
  /** The coding database of RQ4 (the Stack Overflow-only coding of 2024). */
  public static final String CODING_DATABASE = "db_model_evolution.sqlite3";
  /** The partial crawls of SFConvertBot's activity feed (2024). */
  public static final java.util.List<String> PARTIAL_CRAWLS =
      java.util.List.of("discussion_urls.csv", "sfconvertbot_activity.csv");
  /** The file the scale generator leaves in a folder of synthetic inputs. */
  public static final String SYNTHETIC_MARKER = "SYNTHETIC_DATA_README.txt";
  /** The project's release table ({@code data/}), used when the study's tag list is absent. */
  public static final String RELEASES_FACTS = "safetensors-releases.csv";

  private StudyFiles() {}

  /** {@code selected_{group}_repos.json}: metadata of the selected repositories (full input set). */
  public static String reposJson(Group group) {
    return "selected_" + group.fileSuffix() + "_repos.json";
  }

  /** {@code selected_{group}_commits.csv}: full commit logs (full input set). */
  public static String commitsCsv(Group group) {
    return "selected_" + group.fileSuffix() + "_commits.csv";
  }

  /** {@code repositories_evolution_{group}_commits_processed.csv}: per commit, per model file formats. */
  public static String evolutionCsv(Group group) {
    return "repositories_evolution_" + group.fileSuffix() + "_commits_processed.csv";
  }

  /** {@code safetensors_commits_by_tool_{group}.csv}: converter-made additions (published result). */
  public static String byTool(Group group) {
    return "safetensors_commits_by_tool_" + group.fileSuffix() + ".csv";
  }

  /** {@code safetensors_commits_not_by_tool_{group}.csv}: developer-made additions (published result). */
  public static String notByTool(Group group) {
    return "safetensors_commits_not_by_tool_" + group.fileSuffix() + ".csv";
  }

  /** {@code published/rq1_dataset_stats_{group}.csv}. */
  public static String rq1Stats(Group group) {
    return "rq1_dataset_stats_" + group.fileSuffix() + ".csv";
  }
}
