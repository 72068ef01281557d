package org.modelevolution.study;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The study's data for one group, as far as the data folder holds it.
 *
 * @param group legacy, recent or both
 * @param additions every safetensors file addition known (full inputs), or the published rows
 * @param developerAdditionsKnown false when only converter-made additions are available
 * @param formatHistory the per-commit, per-model-file format table, reduced (full inputs only)
 * @param commits the commit log, reduced per repository (full inputs only)
 * @param createdAt repository creation times from {@code selected_{group}_repos.json} (full inputs only)
 * @param files the study files this group's data came from
 * @param additionFiles the published addition files read for this group (empty with the full inputs)
 */
public record GroupData(
    Group group,
    List<SafetensorsAddition> additions,
    boolean developerAdditionsKnown,
    Optional<FormatHistory> formatHistory,
    Optional<Map<String, RepositoryCommits>> commits,
    Optional<Map<String, Instant>> createdAt,
    List<String> files,
    List<AdditionFile> additionFiles) {

  public GroupData {
    additions = List.copyOf(additions);
    files = List.copyOf(files);
    additionFiles = List.copyOf(additionFiles);
  }

  /** Whether the full input set (commit log, format table, repository metadata) is present. */
  public boolean hasFullInputs() {
    return formatHistory.isPresent() && commits.isPresent() && createdAt.isPresent();
  }

  /** The converter-made additions. */
  public List<SafetensorsAddition> converterAdditions() {
    return additions.stream().filter(SafetensorsAddition::byConverter).toList();
  }

  /**
   * Combines two groups the way the study's "both" mode read them: recent rows first, then legacy;
   * no inputs at all when either group has none.
   */
  public static GroupData both(GroupData recent, GroupData legacy) {
    if (recent.files().isEmpty() || legacy.files().isEmpty()) {
      // "both" is the two groups' rows together: without one group's files its numbers would be the
      // other group's, reported against the published "both" values as if they were comparable
      return new GroupData(Group.BOTH, List.of(), false, Optional.empty(), Optional.empty(), Optional.empty(),
          List.of(), List.of());
    }
    List<SafetensorsAddition> additions =
        java.util.stream.Stream.concat(recent.additions().stream(), legacy.additions().stream()).toList();
    Optional<FormatHistory> formatHistory = recent.formatHistory().isPresent() && legacy.formatHistory().isPresent()
        ? Optional.of(FormatHistory.concat(recent.formatHistory().get(), legacy.formatHistory().get()))
        : Optional.empty();
    Optional<Map<String, RepositoryCommits>> commits = recent.commits().isPresent() && legacy.commits().isPresent()
        ? Optional.of(RepositoryCommits.concat(recent.commits().get(), legacy.commits().get()))
        : Optional.empty();
    Optional<Map<String, Instant>> createdAt = Optional.empty();
    if (recent.createdAt().isPresent() && legacy.createdAt().isPresent()) {
      // the study merged them as {**recent, **legacy}: legacy's value wins for a repository in both
      Map<String, Instant> merged = new java.util.HashMap<>(recent.createdAt().get());
      merged.putAll(legacy.createdAt().get());
      createdAt = Optional.of(Map.copyOf(merged));
    }
    List<String> files = java.util.stream.Stream.concat(recent.files().stream(), legacy.files().stream()).toList();
    return new GroupData(Group.BOTH, additions,
        recent.developerAdditionsKnown() && legacy.developerAdditionsKnown(), formatHistory, commits, createdAt, files,
        List.of());
  }
}
