package org.modelevolution.study;

import java.util.HashMap;
import java.util.Map;

/** Shares equal strings (repository ids, hashes, formats) between the many rows that repeat them. */
final class Interner {
  private final Map<String, String> seen = new HashMap<>();

  String intern(String s) {
    String known = seen.putIfAbsent(s, s);
    return known == null ? s : known;
  }
}
