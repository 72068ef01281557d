package org.modelevolution.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import org.modelevolution.environment.ProjectLayout;
import org.modelevolution.reproduction.Comparison;
import org.modelevolution.reproduction.Reproduction;
import org.modelevolution.study.Study;
import org.modelevolution.study.StudyData;
import org.modelevolution.study.StudyDataException;
import org.modelevolution.study.StudyDownloader;
import org.modelevolution.study.StudyManifest;
import org.modelevolution.study.StudySources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reproduce --data DIR --out DIR}: every analysis the data supports, compared with every published number. */
@Command(
    name = "reproduce",
    mixinStandardHelpOptions = true,
    description = {
      "Recomputes the study's published numbers and figures from the study's files (full input set or the",
      "published partial files); writes the stats tables, figures (PNG+SVG), reproduction.csv, REPRODUCTION.md,",
      "provenance.tsv and SHA256SUMS."
    })
public final class ReproduceCommand implements Callable<Integer> {
  @Option(names = "--data", paramLabel = "DIR", description = "study data folder (default: STUDY_DATA or ../shared/study)")
  Path data;

  @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: results/)")
  Path out;

  @Option(names = "--download",
      description = "download pinned originals missing from the data folder into data/cache (HTTPS), verified by pin")
  boolean download;

  @Override
  public Integer call() {
    ProjectLayout layout = ProjectLayout.discover();
    Path dataDir = data != null ? data : layout.studyData();
    Path outDir = out != null ? out : layout.results();
    try {
      if (download) {
        if (!layout.isCheckout()) {
          throw new StudyDataException("--download stores the originals in a checkout's data/cache; run from a"
              + " checkout of the project");
        }
        StudyManifest manifest = StudyManifest.of(layout);
        StudyDownloader downloader = new StudyDownloader(new OkHttpClient(), layout.downloads());
        manifest.all().filter(e -> e.downloadUrl().isPresent() && !Files.isRegularFile(dataDir.resolve(e.file())))
            .forEach(e -> {
              System.err.println("downloading " + e.file());
              downloader.fetch(e);
            });
      }
      long start = System.nanoTime();
      StudySources sources = StudySources.of(layout, dataDir);
      if (sources.facts().isEmpty()) {
        System.err.println("reproduce: not run from a checkout of the project, so its fact tables are not at hand"
            + " (data/study-notebook-outputs.csv: the study's printed numbers; data/safetensors-releases.csv: the"
            + " release markers): those numbers are not compared and no release markers are drawn. The pinned manifest"
            + " is the one the jar carries. Run from a checkout for the full comparison.");
      }
      long loadStart = System.nanoTime();
      StudyData study = Study.load(sources, (file, took) -> System.err.printf(java.util.Locale.ROOT,
          "read %s (%.1f MB) in %d ms%n", file.path(), file.bytes() / 1e6, took.toMillis()));
      System.err.printf("load: %d ms%n", (System.nanoTime() - loadStart) / 1_000_000);
      System.err.print(study.describe());
      Reproduction.Result result = Reproduction.run(study, outDir);
      result.millis().forEach((step, ms) -> System.err.printf("%s: %d ms%n", step, ms));
      System.out.printf("%d published numbers: %d match, %d differ, %d paper-vs-code, %d not recomputable; %s (%.1f s)%n",
          result.comparisons().size(), result.count(Comparison.Status.MATCH), result.count(Comparison.Status.DIFFERS),
          result.count(Comparison.Status.PAPER_VS_CODE), result.count(Comparison.Status.NOT_RECOMPUTABLE),
          outDir.resolve(Reproduction.REPORT), (System.nanoTime() - start) / 1e9);
      return 0;
    } catch (StudyDataException e) {
      System.err.println("reproduce: " + e.getMessage());
      return 1;
    }
  }
}
