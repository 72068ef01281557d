package org.modelevolution.study;

/** The study's file names, as its notebooks and result folder spell them. */
public final class StudyFiles {
  public static final String SAFETENSORS_TAGS = "safetensors_tags.csv";
  public static final String PUBLISHED_DIR = "published";
  /** Converter-made and developer-made additions of the 2024 iteration (reference date 2022-09-23). */
  public static final String BY_TOOL_2024 = "safetensors_commits_by_tool.csv";
  public static final String NOT_BY_TOOL_2024 = "safetensors_commits_not_by_tool.csv";
  public static final String EVOLUTION_2024 = "fixed3_repository_evolution_commits_0_5014.csv";

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
