package org.modelevolution.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import org.modelevolution.analysis.Comparison;
import org.modelevolution.analysis.Reproduction;
import org.modelevolution.environment.ProjectLayout;
import org.modelevolution.study.StudyData;
import org.modelevolution.study.StudyDataException;
import org.modelevolution.study.StudyDataLoader;
import org.modelevolution.study.StudyDownloader;
import org.modelevolution.study.StudyManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reproduce --data DIR --out DIR}: every analysis the data supports, and REPRODUCTION.md. */
@Command(
    name = "reproduce",
    mixinStandardHelpOptions = true,
    description = {
      "Recomputes the study's published numbers and figures from the study's files (full input set or the",
      "published partial files), writes stats tables, figures (PNG+SVG), provenance.tsv and REPRODUCTION.md."
    })
public final class ReproduceCommand implements Callable<Integer> {
  @Option(names = "--data", paramLabel = "DIR", description = "study data folder (default: STUDY_DATA or ../shared/study)")
  Path data;

  @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: results/)")
  Path out;

  @Option(names = "--published", paramLabel = "DIR",
      description = "the study's published tables (default: DATA/published, else STUDY_DATA/published)")
  Path published;

  @Option(names = "--download", description = "download pinned originals missing from --data into data/cache (HTTPS)")
  boolean download;

  @Override
  public Integer call() {
    ProjectLayout layout = ProjectLayout.discover();
    Path dataDir = data != null ? data : layout.studyData();
    Path outDir = out != null ? out : layout.results();
    List<Path> roots = new ArrayList<>(List.of(dataDir));
    try {
      if (download) {
        StudyManifest manifest = StudyManifest.read(layout.manifest());
        StudyDownloader downloader = new StudyDownloader(new OkHttpClient(), layout.downloadCache());
        manifest.all().filter(e -> e.downloadUrl().isPresent() && !Files.isRegularFile(dataDir.resolve(e.file())))
            .forEach(e -> {
              System.err.println("downloading " + e.file());
              downloader.fetch(e);
            });
        roots.add(layout.downloadCache());
      }
      long start = System.nanoTime();
      Optional<Path> publishedDir = Optional.ofNullable(published)
          .or(() -> roots.stream().map(r -> r.resolve("published")).filter(Files::isDirectory).findFirst())
          .or(() -> Optional.of(layout.studyData().resolve("published")).filter(Files::isDirectory));
      StudyData study = StudyDataLoader.forLayout(layout).load(roots, publishedDir);
      System.err.print(study.describe());
      Reproduction.Result result = Reproduction.standard().run(study, outDir);
      result.millis().forEach((rq, ms) -> System.err.printf("%s: %d ms%n", rq, ms));
      System.out.printf("MATCH %d, DIFFERS %d, NOT_RECOMPUTABLE %d; report %s (%.1f s)%n",
          result.count(Comparison.Status.MATCH), result.count(Comparison.Status.DIFFERS),
          result.count(Comparison.Status.NOT_RECOMPUTABLE), result.report(), (System.nanoTime() - start) / 1e9);
      return 0;
    } catch (StudyDataException e) {
      System.err.println("reproduce: " + e.getMessage());
      return 1;
    }
  }
}
