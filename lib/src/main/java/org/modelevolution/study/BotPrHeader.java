package org.modelevolution.study;

import java.util.List;

/**
 * The header of a conversion PR's page: its current status and the files that conflict with the
 * target branch.
 *
 * @param conflictsUnlisted the Hub sent {@code filesWithConflicts: true}: conflicts it cannot list
 */
public record BotPrHeader(String status, List<String> filesWithConflicts, boolean conflictsUnlisted) {
  public BotPrHeader {
    filesWithConflicts = List.copyOf(filesWithConflicts);
  }

  public BotPrHeader(String status, List<String> filesWithConflicts) {
    this(status, filesWithConflicts, false);
  }

  /**
   * The study's conflict test: the {@code ;}-joined file list is non-empty (so a list holding only
   * empty names counts as no conflict, as in the notebook), or the Hub said there are conflicts
   * without listing them.
   */
  public boolean hasConflicts() {
    return conflictsUnlisted || !String.join(";", filesWithConflicts).isEmpty();
  }
}
