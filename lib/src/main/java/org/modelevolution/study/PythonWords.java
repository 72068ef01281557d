package org.modelevolution.study;

/** Counts words the way Python's {@code len(text.split())} does. */
public final class PythonWords {
  private PythonWords() {}

  /** Number of maximal runs of non-whitespace characters, with Python's notion of whitespace. */
  public static int count(String text) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = isPythonSpace(text.charAt(i));
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
    }
    return words;
  }

  /** Python's {@code str.isspace()} for one char: ASCII/Unicode whitespace, separators, NEL, NBSP. */
  static boolean isPythonSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
  }
}
