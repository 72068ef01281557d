package org.modelevolution.reproduction;

import java.nio.file.Path;
import java.util.List;
import org.modelevolution.analysis.Rq4;
import org.modelevolution.study.StudyCache;
import org.modelevolution.study.StudyManifest;

/**
 * Rebuilds the committed cache ({@code data/cache/}) from the study's originals and compares it
 * with the committed files, byte for byte: the proof that the cache is the study's data. The
 * Stack Overflow posts are scored by the analysis' own ranking ({@link Rq4#scores}), which is why
 * this lives above both {@code study} and {@code analysis}.
 */
public final class StudyCacheCheck {
  private StudyCacheCheck() {}

  /** The posts' relevance under the study's ranking and the title+body variant, as the cache keeps them. */
  public static final StudyCache.PostScorer SCORER = posts -> Rq4.scores(posts).stream()
      .map(s -> new double[] {s.jsonContent(), s.titleAndBody()}).toList();

  /** The cache derived from the originals in {@code originals}. */
  public static StudyCache.Contents rebuild(Path originals, StudyManifest manifest) {
    return StudyCache.derive(originals, manifest, SCORER);
  }

  /** Every difference between the cache rebuilt from {@code originals} and the folder {@code cache}. */
  public static List<String> differences(Path originals, StudyManifest manifest, Path cache) {
    return StudyCache.differences(rebuild(originals, manifest), cache);
  }
}
