package org.modelevolution.analysis;

import java.nio.file.Path;
import org.modelevolution.study.StudyData;

/**
 * One research question's part of {@code reproduce}: given the loaded study data and an output
 * folder, it writes what the data supports (stats tables, figures) and returns the published
 * numbers next to its recomputed ones. Every RQ implements it, so the reproduction runner and the
 * report generator take RQ3 and RQ4 with one line each.
 */
public interface ReproductionStep {

  /** "RQ1" .. "RQ4". */
  String researchQuestion();

  /** Runs the analyses the data supports; never fails because optional inputs are absent. */
  StepOutput run(StudyData data, Path outDir);
}
