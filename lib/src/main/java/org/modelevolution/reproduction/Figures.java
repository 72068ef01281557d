package org.modelevolution.reproduction;

import org.modelevolution.study.StudyData;

/** What a figure here rests on (the study's figures themselves are catalogued in {@code study.StudyFigures}). */
final class Figures {
  private Figures() {}

  /** What figures drawn from input rows rest on. */
  static String basis(StudyData data) {
    return data.synthetic() ? "SYNTHETIC inputs (scale generator), not the study's data" : "published rows";
  }
}
