package org.modelevolution.perception;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Ranks documents by TF-IDF cosine similarity to a query, replicating scikit-learn's
 * {@code TfidfVectorizer(stop_words="english")} with its defaults followed by
 * {@code cosine_similarity(vectorizer.transform([query]), fit_transform(corpus))}, the study's
 * relevance step:
 *
 * <ul>
 *   <li>lower-case, then tokens of the pattern {@code (?u)\b\w\w+\b} (two or more word characters);
 *   <li>{@link EnglishStopWords} removed, unigrams only;
 *   <li>the vocabulary and document frequencies come from the corpus only (the query is transformed
 *       with it; query words outside the vocabulary are ignored);
 *   <li>raw term counts times smooth idf {@code ln((1 + n) / (1 + df)) + 1}, no sublinear tf;
 *   <li>each vector L2-normalised, so the cosine is a dot product.
 * </ul>
 *
 * <p>Sorting: by score descending; equal scores keep the corpus order (a stable sort). The study
 * sorted with pandas' default quicksort, which is not stable, so its order among tied posts is
 * arbitrary. Java's {@code \w} with {@link Pattern#UNICODE_CHARACTER_CLASS} also matches combining
 * marks, which Python's does not; this only matters for text with combining accents.
 */
public final class TfIdfRanker {
  /** sklearn's default token pattern; {@link #tokens} finds its matches without the regex engine. */
  static final Pattern TOKEN = Pattern.compile("\\b\\w\\w+\\b", Pattern.UNICODE_CHARACTER_CLASS);

  private final Map<String, Integer> vocabulary;
  private final double[] idf;
  private final List<Map<Integer, Double>> documents;

  private TfIdfRanker(Map<String, Integer> vocabulary, double[] idf, List<Map<Integer, Double>> documents) {
    this.vocabulary = vocabulary;
    this.idf = idf;
    this.documents = documents;
  }

  /** A document with its relevance score and its position in the corpus. */
  public record Scored(int index, double score) {}

  /** Fits the vectorizer on {@code corpus} (the documents to be ranked). */
  public static TfIdfRanker fit(List<String> corpus) {
    List<List<String>> tokenized = corpus.stream().map(TfIdfRanker::analyze).toList();
    Map<String, Integer> df = new HashMap<>();
    for (List<String> tokens : tokenized) {
      tokens.stream().distinct().forEach(t -> df.merge(t, 1, Integer::sum));
    }
    // sklearn numbers the vocabulary in sorted term order; kept for traceable feature ids
    List<String> terms = new ArrayList<>(df.keySet());
    terms.sort(Comparator.naturalOrder());
    Map<String, Integer> vocabulary = new HashMap<>();
    double[] idf = new double[terms.size()];
    int n = corpus.size();
    for (int i = 0; i < terms.size(); i++) {
      vocabulary.put(terms.get(i), i);
      idf[i] = Math.log((1.0 + n) / (1.0 + df.get(terms.get(i)))) + 1.0;
    }
    TfIdfRanker ranker = new TfIdfRanker(vocabulary, idf, List.of());
    List<Map<Integer, Double>> vectors = tokenized.stream().map(ranker::vector).toList();
    return new TfIdfRanker(vocabulary, idf, vectors);
  }

  /** sklearn's analyzer: lower-case, token pattern, stop words removed. */
  public static List<String> analyze(String text) {
    List<String> tokens = new ArrayList<>();
    for (String token : tokens(text.toLowerCase(Locale.ROOT))) {
      if (!EnglishStopWords.contains(token)) {
        tokens.add(token);
      }
    }
    return tokens;
  }

  /**
   * The matches of {@link #TOKEN} in {@code text}, in order, found by a scan instead of the regex
   * engine (which was most of RQ4's analysis): {@code \b\w\w+\b} matches exactly the maximal runs
   * of two or more word characters (code points), since a match can neither start nor end inside a
   * run. TfIdfRankerTest checks it against the regex on the study's texts and on random strings.
   */
  static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    int length = text.length();
    int i = 0;
    while (i < length) {
      int c = text.codePointAt(i);
      if (!isWordCharacter(c)) {
        i += Character.charCount(c);
        continue;
      }
      int start = i;
      int characters = 0;
      while (i < length && isWordCharacter(c = text.codePointAt(i))) {
        i += Character.charCount(c);
        characters++;
      }
      if (characters >= 2) {
        tokens.add(text.substring(start, i));
      }
    }
    return tokens;
  }

  /**
   * {@code \w} under {@link Pattern#UNICODE_CHARACTER_CLASS} (which {@code \b} uses too): alphabetic,
   * a mark (Mn, Me, Mc), a decimal digit, connector punctuation or a join control.
   */
  static boolean isWordCharacter(int c) {
    if (c < 0x80) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
    if (Character.isAlphabetic(c) || c == 0x200C || c == 0x200D) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK || type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.CONNECTOR_PUNCTUATION;
  }

  /** The idf of {@code term}, or NaN when it is not in the vocabulary. */
  public double idf(String term) {
    Integer id = vocabulary.get(term);
    return id == null ? Double.NaN : idf[id];
  }

  public int vocabularySize() {
    return vocabulary.size();
  }

  /** Cosine similarity of {@code query} to every corpus document, in corpus order. */
  public double[] similarities(String query) {
    Map<Integer, Double> q = vector(analyze(query));
    double[] scores = new double[documents.size()];
    for (int d = 0; d < documents.size(); d++) {
      double dot = 0;
      Map<Integer, Double> doc = documents.get(d);
      for (Map.Entry<Integer, Double> e : q.entrySet()) {
        Double w = doc.get(e.getKey());
        if (w != null) {
          dot += e.getValue() * w;
        }
      }
      scores[d] = dot;
    }
    return scores;
  }

  /** The corpus ranked by similarity to {@code query}: descending score, ties in corpus order. */
  public List<Scored> rank(String query) {
    double[] scores = similarities(query);
    List<Scored> ranked = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      ranked.add(new Scored(i, scores[i]));
    }
    ranked.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::index));
    return ranked;
  }

  private Map<Integer, Double> vector(List<String> tokens) {
    Map<Integer, Double> counts = new HashMap<>();
    for (String token : tokens) {
      Integer id = vocabulary.get(token);
      if (id != null) {
        counts.merge(id, 1.0, Double::sum);
      }
    }
    double norm = 0;
    for (Map.Entry<Integer, Double> e : counts.entrySet()) {
      double w = e.getValue() * idf[e.getKey()];
      e.setValue(w);
      norm += w * w;
    }
    double length = Math.sqrt(norm);
    if (length > 0) {
      counts.replaceAll((id, w) -> w / length);
    }
    return counts;
  }
}
