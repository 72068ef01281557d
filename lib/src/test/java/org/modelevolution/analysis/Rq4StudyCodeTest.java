package org.modelevolution.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.modelevolution.study.StackOverflowPost;
import org.modelevolution.study.StackOverflowPosts;
import org.modelevolution.testing.Shared;

/**
 * The primary RQ4 ranking and sample equal what the study's {@code scripts/analyze_devs_discussion.py}
 * wrote: rank by rank the same post (the study's {@code id}, the 1-based row of the input), the same
 * score, and the same sample (the rows the script left with {@code is_true_positive} empty). Once on a
 * SYNTHETIC post table built so that the order of tied scores decides who is sampled, once on the
 * study's own {@code SO_query_data.csv}. The expected files are the script's output reduced to its
 * numeric columns; see {@code fixtures/study-code-on-synthetic/rq4/README.md}.
 */
class Rq4StudyCodeTest {
  private record Expected(int id, double score, boolean sampled) {}

  @Test
  void syntheticPostsRankAndSampleAsTheStudysScriptDid() throws Exception {
    Path dir = resource("/fixtures/study-code-on-synthetic/rq4/SO_query_data.csv").getParent();
    List<Expected> expected = expected(dir.resolve("SO_query_data_sorted_scores.csv"));
    List<Rq4.RankedPost> ours = rank(dir.resolve("SO_query_data.csv"));

    assertSameRanking(ours, expected);
    // the fixture is only worth having if the tie order decides the sample: a stable sort would not give it
    int sample = (int) expected.stream().filter(Expected::sampled).count();
    double cut = expected.get(sample - 1).score();
    assertThat(expected.get(sample).score()).as("tied scores straddle the cut").isEqualTo(cut);
    List<Integer> stable = IntStream.range(0, ours.size()).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -scoreOfRow(ours, i)).thenComparingInt(i -> i)).toList();
    assertThat(stable.subList(0, sample)).as("a stable sort samples other posts")
        .isNotEqualTo(ours.subList(0, sample).stream().map(Rq4.RankedPost::row).toList());
  }

  @Test
  void theStudysPostsRankAndSampleAsTheStudysScriptDid() throws Exception {
    Path posts = Shared.study().resolve(StackOverflowPosts.FILE_NAME);
    List<Expected> expected = expected(resource("/fixtures/study-code-on-study-data/SO_query_data_sorted_scores.csv"));
    List<Rq4.RankedPost> ours = rank(posts);

    assertSameRanking(ours, expected);
    assertThat(ours).filteredOn(Rq4.RankedPost::sampled).hasSize(157);
  }

  @Test
  void pandasDescendingSortKeepsNumpysOrderOfTies() {
    // reversed, argsorted, mapped back and reversed: for distinct values it is plain descending order
    assertThat(NumpyArgsort.pandasDescending(new double[] {0.1, 0.3, 0.2})).containsExactly(1, 2, 0);
    // -0.0 and 0.0 are one key
    int[] order = NumpyArgsort.pandasDescending(new double[] {0.0, -0.0, 0.5});
    assertThat(order[0]).isEqualTo(2);
  }

  private static double scoreOfRow(List<Rq4.RankedPost> ranking, int row) {
    return ranking.stream().filter(r -> r.row() == row).findFirst().orElseThrow().relevance();
  }

  private static List<Rq4.RankedPost> rank(Path file) {
    List<StackOverflowPost> posts = StackOverflowPosts.read(file);
    return Rq4.ranking(Rq4.scores(posts), Rq4.PRIMARY);
  }

  private static void assertSameRanking(List<Rq4.RankedPost> ours, List<Expected> expected) {
    assertThat(ours).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Expected e = expected.get(i);
      Rq4.RankedPost r = ours.get(i);
      assertThat(r.row() + 1).as("rank %d: the study's id", i + 1).isEqualTo(e.id());
      assertThat(r.relevance()).as("rank %d: score", i + 1).isCloseTo(e.score(), within(1e-15));
      assertThat(r.sampled()).as("rank %d: sampled", i + 1).isEqualTo(e.sampled());
    }
  }

  /** The script's output, columns {@code id,cosine_similarity,is_true_positive} (empty: in the sample). */
  private static List<Expected> expected(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).isEqualTo("id,cosine_similarity,is_true_positive");
    return lines.stream().skip(1).map(l -> l.split(",", -1))
        .map(f -> new Expected(Integer.parseInt(f[0]), Double.parseDouble(f[1]), f[2].isEmpty())).toList();
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(Objects.requireNonNull(Rq4StudyCodeTest.class.getResource(name), name).toURI());
  }
}
