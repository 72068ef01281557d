package org.modelevolution.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import org.modelevolution.environment.ProjectLayout;
import org.modelevolution.reproduction.Comparison;
import org.modelevolution.reproduction.Reproduction;
import org.modelevolution.reproduction.StudyCacheCheck;
import org.modelevolution.study.Study;
import org.modelevolution.study.StudyCache;
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
      description = "download pinned originals missing from the data folder into data/downloads (HTTPS), verified by pin")
  boolean download;

  @Option(names = "--check-cache",
      description = "only rebuild the committed cache data/cache from the original files of the data folder and compare"
          + " it byte for byte with the committed one (exit 1 on any difference); writes nothing")
  boolean checkCache;

  @Option(names = "--write-cache", description = "with --check-cache: write the rebuilt cache into data/cache")
  boolean writeCache;

  @Override
  public Integer call() {
    ProjectLayout layout = ProjectLayout.discover();
    Path dataDir = data != null ? data : layout.studyData();
    Path outDir = out != null ? out : layout.results();
    try {
      if (checkCache || writeCache) {
        return checkCache(layout, dataDir);
      }
      if (download) {
        if (!layout.isCheckout()) {
          throw new StudyDataException("--download stores the originals in a checkout's data/downloads; run from a"
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
      System.err.println("reproduce: reading " + sources.describe());
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

  /** {@code --check-cache [--write-cache]}: the cache rebuilt from the originals, compared or written. */
  private int checkCache(ProjectLayout layout, Path dataDir) {
    if (!layout.isCheckout()) {
      throw new StudyDataException("--check-cache compares with a checkout's data/cache; run from a checkout");
    }
    if (!Files.isDirectory(dataDir)) {
      throw new StudyDataException("--check-cache rebuilds the cache from the study's original files, but " + dataDir
          + " is not a directory (pass --data DIR or set STUDY_DATA)");
    }
    StudyCache.Contents rebuilt = StudyCacheCheck.rebuild(dataDir, StudyManifest.of(layout));
    if (rebuilt.files().size() <= 1) {
      throw new StudyDataException(dataDir + " holds none of the originals the cache is derived from (e.g. "
          + rebuilt.originalsMissing().get(0) + ")");
    }
    rebuilt.originalsMissing().forEach(name -> System.err.println("reproduce: no original " + name + " in " + dataDir
        + ": its cache tables are not rebuilt"));
    if (writeCache) {
      StudyCache.write(rebuilt, layout.studyCache());
      System.out.printf("wrote %d files into %s%n", rebuilt.files().size(), layout.studyCache());
      return 0;
    }
    List<String> differences = StudyCache.differences(rebuilt, layout.studyCache());
    differences.forEach(d -> System.err.println("reproduce: cache differs: " + d));
    System.out.printf("%d files rebuilt from the originals in %s: %s%n", rebuilt.files().size(), dataDir,
        differences.isEmpty() ? "the committed cache is identical, byte for byte"
            : differences.size() + " differ from the committed cache " + layout.studyCache());
    return differences.isEmpty() ? 0 : 1;
  }
}
