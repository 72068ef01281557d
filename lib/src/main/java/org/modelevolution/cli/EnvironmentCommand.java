package org.modelevolution.cli;

import java.util.concurrent.Callable;
import org.modelevolution.reproduction.EnvironmentReport;
import org.modelevolution.environment.ProjectLayout;
import org.modelevolution.study.StudyDataCheck;
import picocli.CommandLine.Command;

/** Prints what the project sees: runtime, data locations and the manifest check of the study's files. */
@Command(name = "environment", mixinStandardHelpOptions = true, description = "Show the runtime, data locations and the study data check.")
final class EnvironmentCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    EnvironmentReport report = EnvironmentReport.collect(ProjectLayout.discover(), System.getenv());
    System.out.println(report.render());
    return report.count(StudyDataCheck.Status.CHECKSUM_MISMATCH) == 0 ? 0 : 1;
  }
}
