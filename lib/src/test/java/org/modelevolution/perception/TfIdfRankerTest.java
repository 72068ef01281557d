package org.modelevolution.perception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.modelevolution.analysis.Rq4;
import org.modelevolution.study.Study;
import org.modelevolution.study.StudySources;
import org.modelevolution.testing.Shared;

class TfIdfRankerTest {
  @Test
  void stopWordListIsScikitLearns() {
    assertThat(EnglishStopWords.words()).hasSize(318).contains("amoungst", "couldnt", "hasnt", "noone", "system");
    assertThat(EnglishStopWords.contains("seven")).isFalse();
  }

  @Test
  void analyzerFollowsTheDefaultTokenPattern() {
    assertThat(TfIdfRanker.analyze("Don't load the .safetensors FILE with pickle_v2, x 42 École"))
        .containsExactly("don", "load", "safetensors", "file", "pickle_v2", "42", "école");
  }

  /**
   * Hand computation: corpus d0 "safetensors model", d1 "model serialization with pickle", d2 "the
   * cat" (n = 3). df(model) = 2, every other kept term 1, so idf = ln(4/3) + 1 = b for "model" and
   * ln(4/2) + 1 = a otherwise. The query has "model", "serialization", "safetensors":
   * cos(q, d0) = (a·a + b·b) / (|q| |d0|) with |q| = sqrt(b² + 2a²), |d0| = sqrt(a² + b²);
   * cos(q, d1) = (b² + a²) / |q|²; cos(q, d2) = 0.
   */
  @Test
  void scoresMatchAHandComputation() {
    TfIdfRanker ranker = TfIdfRanker.fit(List.of("safetensors model", "model serialization with pickle", "the cat"));
    double a = Math.log(4.0 / 2.0) + 1;
    double b = Math.log(4.0 / 3.0) + 1;
    double q = Math.sqrt(b * b + 2 * a * a);
    double d0 = Math.sqrt(a * a + b * b);

    double[] scores = ranker.similarities("model serialization safetensors");

    assertThat(ranker.vocabularySize()).isEqualTo(5);
    assertThat(ranker.idf("model")).isEqualTo(b, within(1e-15));
    assertThat(ranker.idf("with")).isNaN();
    assertThat(scores[0]).isEqualTo((a * a + b * b) / (q * d0), within(1e-12)).isEqualTo(0.7824081412456458, within(1e-12));
    assertThat(scores[1]).isEqualTo((a * a + b * b) / (q * q), within(1e-12)).isEqualTo(0.6121624994874666, within(1e-12));
    assertThat(scores[2]).isZero();
    assertThat(ranker.rank("model serialization safetensors")).extracting(TfIdfRanker.Scored::index)
        .containsExactly(0, 1, 2);
  }

  @Test
  void tiesKeepCorpusOrder() {
    TfIdfRanker ranker = TfIdfRanker.fit(List.of("cat", "safetensors", "dog", "safetensors", "bird"));
    assertThat(ranker.rank("safetensors")).extracting(TfIdfRanker.Scored::index).containsExactly(1, 3, 0, 2, 4);
  }

  /** The scanner's word characters are the regex's, for every code point. */
  @Test
  void wordCharactersAreTheRegexsForEveryCodePoint() {
    Pattern word = Pattern.compile("\\w", Pattern.UNICODE_CHARACTER_CLASS);
    List<Integer> differing = new ArrayList<>();
    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
      if (TfIdfRanker.isWordCharacter(c) != word.matcher(Character.toString(c)).matches()) {
        differing.add(c);
      }
    }
    assertThat(differing).isEmpty();
  }

  /** The scanner finds exactly the regex's tokens on random text of word, mark, joiner, surrogate and other characters. */
  @Test
  void tokensAreTheRegexsOnRandomText() {
    int[] alphabet = {'a', 'Z', '0', '_', ' ', '.', '-', '\'', '\n', 0xE9, 0x301, 0x20DD, 0x903, 0x663, 0x203F,
        0x200C, 0x200D, 0x2160, 0x1D400, 0x1F600, 0xD800, 0xDC00, 0x3042, 0x5B57, 0x00AD, 0x2019};
    Random random = new Random(24);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int k = random.nextInt(24); k > 0; k--) {
        text.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
      }
      assertThat(TfIdfRanker.tokens(text.toString())).as("%s", text).isEqualTo(regexTokens(text.toString()));
    }
  }

  /** The same on the texts RQ4 vectorises: every post's title and body, and its JSON, of the study's data. */
  @Test
  void tokensAreTheRegexsOnTheStudysPosts() {
    var posts = Study.load(StudySources.of(Shared.layout(), Shared.study())).posts().orElseThrow();
    assertThat(posts).isNotEmpty();
    for (var post : posts) {
      for (Rq4.TextField field : Rq4.TextField.values()) {
        String text = Rq4.text(post, field).toLowerCase(java.util.Locale.ROOT);
        assertThat(TfIdfRanker.tokens(text)).isEqualTo(regexTokens(text));
      }
    }
  }

  private static List<String> regexTokens(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher m = TfIdfRanker.TOKEN.matcher(text);
    while (m.find()) {
      tokens.add(m.group());
    }
    return tokens;
  }
}
