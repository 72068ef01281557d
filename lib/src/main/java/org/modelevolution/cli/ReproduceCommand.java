package org.modelevolution.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import org.modelevolution.environment.ProjectLayout;
import org.modelevolution.io.ReplacedFolder;
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
      "Recompute the study's published numbers and figures and compare them with the published ones.",
      "Reads the study's files (the full input set or the published partial files) and writes the stats tables,",
      "figures (PNG+SVG), reproduction.csv, REPRODUCTION.md, FIGURES.md, provenance.tsv and SHA256SUMS.",
      "The output folder is replaced as a whole when the run succeeds (a failed or killed run leaves it as it was;",
      "entries it does not write, such as mine-hub's mined/, are kept); one run at a time per folder."
    })
public final class ReproduceCommand implements Callable<Integer> {
  @Option(names = "--data", paramLabel = "DIR", description = "Study data folder (default: STUDY_DATA, else ../shared/study).")
  Path data;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output folder (default: results/ of the checkout, else ./results); created when missing.")
  Path out;

  @Option(names = "--download",
      description = "Download the pinned originals missing from the data folder into data/downloads (HTTPS),"
          + " verified by their pins.")
  boolean download;

  @Option(names = "--check-cache",
      description = "Only rebuild the committed cache data/cache from the original files of the data folder and compare"
          + " it byte for byte with the committed one (exit 1 on any difference); writes nothing.")
  boolean checkCache;

  @Option(names = "--write-cache", description = "With --check-cache: write the rebuilt cache into data/cache.")
  boolean writeCache;

  @Override
  public Integer call() {
    ProjectLayout layout = ProjectLayout.discover();
    Path dataDir = data != null ? data : layout.studyData();
    Path outDir = out != null ? out : layout.results();
    if (checkCache || writeCache) {
      try {
        return checkCache(layout, dataDir);
      } catch (StudyDataException e) {
        System.err.println("reproduce: " + e.getMessage());
        return 1;
      }
    }
    ReplacedFolder folder;
    try {
      // Before anything is read: a folder that cannot be written, or that another run holds, fails at once.
      folder = Reproduction.prepare(outDir);
    } catch (ReplacedFolder.FolderException e) {
      System.err.println("reproduce: --out: " + e.getMessage());
      return 1;
    }
    try (folder) {
      folder.notes().forEach(note -> System.err.println("reproduce: " + note));
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
      Reproduction.warmUpInBackground();
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
      Reproduction.Result result = Reproduction.run(study, folder);
      result.millis().forEach((step, ms) -> System.err.printf("%s: %d ms%n", step, ms));
      System.out.printf("%d published numbers: %d match, %d differ, %d stated-vs-code, %d need a download"
          + " (reproduce --download), %d not recomputable; %s (%.1f s)%n",
          result.comparisons().size(), result.count(Comparison.Status.MATCH), result.count(Comparison.Status.DIFFERS),
          result.count(Comparison.Status.STATED_VS_CODE), result.count(Comparison.Status.NEEDS_DOWNLOAD),
          result.count(Comparison.Status.NOT_RECOMPUTABLE),
          outDir.resolve(Reproduction.REPORT), (System.nanoTime() - start) / 1e9);
      return 0;
    } catch (StudyDataException e) {
      System.err.println("reproduce: " + withOutcome(e.getMessage(), outDir));
      return 1;
    } catch (ReplacedFolder.FolderException e) {
      System.err.println("reproduce: --out: " + e.getMessage());
      return 1;
    } catch (java.io.UncheckedIOException e) {
      System.err.println("reproduce: " + withOutcome(Failures.describe(e), outDir));
      return 1;
    }
  }

  /** The failure's message, then what became of the output folder (nothing: it is replaced only by a whole run). */
  private static String withOutcome(String message, Path outDir) {
    String sentence = message.strip();
    sentence = sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    return sentence + (Files.isDirectory(outDir) ? "; " + outDir + " is unchanged." : "; nothing was written.");
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
