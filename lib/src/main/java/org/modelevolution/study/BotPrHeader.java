package org.modelevolution.study;

import java.util.List;

/**
 * The header of a conversion PR's page: its current status and the files that conflict with the
 * target branch.
 */
public record BotPrHeader(String status, List<String> filesWithConflicts) {
  public BotPrHeader {
    filesWithConflicts = List.copyOf(filesWithConflicts);
  }

  /**
   * The study's conflict test: the {@code ;}-joined file list is non-empty (so a list holding only
   * empty names counts as no conflict, as in the notebook).
   */
  public boolean hasConflicts() {
    return !String.join(";", filesWithConflicts).isEmpty();
  }
}
