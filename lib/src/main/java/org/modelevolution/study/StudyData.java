package org.modelevolution.study;

import java.util.List;
import java.util.Optional;
import org.modelevolution.perception.Coding;

/**
 * Everything the analyses read, parsed once by {@link Study#load}, with the record of every file
 * it came from. It holds values only: no paths, nothing read later.
 *
 * @param legacy the legacy group
 * @param recent the recent group
 * @param both the study's "both" mode: recent rows followed by legacy rows
 * @param publishedBoth the study's own "both" addition files, when present, for the check that
 *     they are the recent rows followed by the legacy rows
 * @param releases safetensors releases (markers of the RQ1 figure), with where they came from
 * @param iteration2024 the 2024 iteration's files, when present
 * @param botPrs the RQ3 files
 * @param posts the Stack Overflow posts of the September 2024 query ({@code SO_query_data.csv}), when
 *     the original was read
 * @param scoredPosts the same posts as the committed cache keeps them (no text, the ranking's
 *     scores), when the cache was read instead
 * @param coding the coding database ({@code db_model_evolution.sqlite3})
 * @param published the study's published numbers: its result tables and its printed outputs
 * @param synthetic whether the data folder is marked as synthetic by the scale generator
 * @param source where the inputs were read from (the originals' folder, or the committed cache)
 * @param inputs every file read, sorted by path
 * @param absent every input the reproduction reads when present that was not read, with why
 * @param warnings what the readers accepted but report, per file: rows with fewer fields than the
 *     header, which the study's pandas code reads as missing values too
 */
public record StudyData(
    GroupData legacy,
    GroupData recent,
    GroupData both,
    List<AdditionFile> publishedBoth,
    Releases releases,
    Optional<Iteration2024> iteration2024,
    BotPrData botPrs,
    Optional<List<StackOverflowPost>> posts,
    Optional<List<ScoredPost>> scoredPosts,
    Optional<Coding> coding,
    Published published,
    boolean synthetic,
    String source,
    List<InputFile> inputs,
    List<Absent> absent,
    List<String> warnings) {

  public StudyData {
    publishedBoth = List.copyOf(publishedBoth);
    inputs = List.copyOf(inputs);
    absent = List.copyOf(absent);
    warnings = List.copyOf(warnings);
  }

  /**
   * An input that was not read: {@code reason} is {@code absent}, {@code not a regular file …} or
   * {@code unreadable …}. The numbers that need it are reported as not recomputable, naming it.
   */
  public record Absent(String file, String reason) {}

  /** The data of a group; "both" is the study's concatenation of recent and legacy. */
  public GroupData group(Group group) {
    return switch (group) {
      case LEGACY -> legacy;
      case RECENT -> recent;
      case BOTH -> both;
    };
  }

  /**
   * The release markers and their source.
   *
   * @param source the file they were read from ({@code safetensors_tags.csv} of the full inputs, or
   *     the project's {@code data/safetensors-releases.csv})
   */
  public record Releases(List<SafetensorsRelease> tags, String source) {
    public Releases {
      tags = List.copyOf(tags);
    }
  }

  /**
   * The 2024 iteration (about 1,032 repositories, commits up to September 2024).
   *
   * @param additions its safetensors additions, converter rows then developer rows
   * @param formatRows its per-commit format table ({@code fixed3_…csv}), when present: files changed
   *     by commits that touch model files, without change status
   */
  public record Iteration2024(List<AdditionFile> additions, Optional<List<EvolutionRow>> formatRows) {
    public Iteration2024 {
      additions = List.copyOf(additions);
    }

    public List<SafetensorsAddition> allAdditions() {
      return additions.stream().flatMap(f -> f.rows().stream()).toList();
    }
  }

  /**
   * The RQ3 files.
   *
   * @param table the final PR table ({@code sfconvertbot_pr_metadata.csv[.zip]}, Git LFS), prepared
   * @param mergeStatus2024 the older 8,333-PR table with scraped statuses
   * @param relevant the 27 PRs the study coded
   * @param partialCrawls URLs of the partial activity crawls, by file name
   */
  public record BotPrData(Optional<BotPrTable> table, Optional<List<MergeStatusRecord>> mergeStatus2024,
      Optional<List<RelevantBotPr>> relevant, java.util.Map<String, List<String>> partialCrawls) {
    public BotPrData {
      partialCrawls = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(partialCrawls));
    }
  }

  /** A description of what is present, one line per kind of input. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    text.append("source: ").append(source).append('\n');
    for (GroupData g : List.of(legacy, recent)) {
      text.append(g.group().fileSuffix()).append(": ");
      if (g.hasFullInputs()) {
        text.append("full inputs (commit log, format table, repository metadata), ")
            .append(g.additions().size()).append(" safetensors additions");
      } else if (!g.additions().isEmpty()) {
        text.append("published additions only (").append(g.additions().size()).append(" rows, ")
            .append(g.developerAdditionsKnown() ? "converter and developer" : "converter only").append(')');
      } else {
        text.append("no inputs read");
      }
      text.append('\n');
    }
    iteration2024.ifPresent(i -> text.append("2024 iteration: ").append(i.allAdditions().size())
        .append(" safetensors additions").append(i.formatRows().map(r -> ", format table of " + r.size() + " rows")
            .orElse("")).append('\n'));
    text.append("RQ3: ").append(botPrs.table().map(t -> t.prs().size() + " PRs in the final PR table")
        .orElse("no final PR table")).append(botPrs.mergeStatus2024().map(r -> ", 2024 PR set of " + r.size())
        .orElse("")).append(botPrs.relevant().map(r -> ", " + r.size() + " coded PRs").orElse("")).append('\n');
    text.append("RQ4: ").append(posts.map(p -> p.size() + " Stack Overflow posts")
        .or(() -> scoredPosts.map(p -> p.size() + " Stack Overflow posts (scores only)")).orElse("no Stack Overflow posts"))
        .append(coding.map(c -> ", coding of " + c.posts().size() + " posts").orElse("")).append('\n');
    text.append("releases: ").append(releases.tags().size()).append(" from ").append(releases.source()).append('\n');
    text.append("published numbers: ").append(published.numbers().size()).append('\n');
    absent.forEach(a -> text.append("not read: ").append(a.file()).append(" (").append(a.reason()).append(")\n"));
    warnings.forEach(w -> text.append("warning: ").append(w).append('\n'));
    if (synthetic) {
      text.append("SYNTHETIC inputs (scale generator): not the study's data\n");
    }
    return text.toString();
  }
}
