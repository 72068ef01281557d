package org.modelevolution.formats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The versioned allow and deny lists behind every pickle verdict, read from the resource
 * {@code pickle-policy.txt} (its header documents the format, the precedence and the sources the
 * deny list was checked against).
 *
 * <p>An import is judged from its module and name as the pickle spells them: an exact allow entry
 * wins (so {@code joblib.numpy_pickle.NumpyArrayWrapper} is allowed although {@code joblib.*} is
 * denied); then the deny list, against the whole {@code module.name} and against every dotted tail
 * of the name (protocol 4+ unpicklers resolve {@code name} attribute by attribute, so
 * {@code torch.serialization} + {@code os.system} reaches {@code os.system}); then a dunder
 * attribute in the name ({@code __globals__}, {@code __subclasses__}, ...); then the {@code .*}
 * allow entries, for a class name only (one identifier starting upper-case: an attribute chain or
 * a lower-case name under an allowed module may be a re-exported module). Anything else is
 * unlisted: suspicious, or dangerous in strict mode.
 */
public final class PicklePolicy {
  /** The rule id of an import that matched no list entry. */
  public static final String UNLISTED = "unlisted";

  private static final PicklePolicy STANDARD = load(false);
  private static final PicklePolicy STRICT = load(true);

  /** How one import was judged: the verdict, the list entry (or rule) that decided it. */
  public record Judgement(PickleVerdict verdict, String rule) {}

  private final String version;
  private final List<String> sources;
  private final Rules allow;
  private final Rules deny;
  private final boolean strict;

  private PicklePolicy(String version, List<String> sources, Rules allow, Rules deny, boolean strict) {
    this.version = version;
    this.sources = List.copyOf(sources);
    this.allow = allow;
    this.deny = deny;
    this.strict = strict;
  }

  /** The policy with unlisted imports suspicious. */
  public static PicklePolicy standard() {
    return STANDARD;
  }

  /** The policy with unlisted imports dangerous ({@code --strict}). */
  public static PicklePolicy strict() {
    return STRICT;
  }

  public static PicklePolicy of(boolean strict) {
    return strict ? STRICT : STANDARD;
  }

  /** The list version, e.g. {@code 2026.12-1}, named in every verdict. */
  public String version() {
    return version;
  }

  public boolean isStrict() {
    return strict;
  }

  /** The {@code source} lines of the list file: which scanners' lists, at which commits. */
  public List<String> sources() {
    return sources;
  }

  /** The allow-list entries, in file order. */
  public List<String> allowed() {
    return allow.entries;
  }

  /** The deny-list entries, in file order. */
  public List<String> denied() {
    return deny.entries;
  }

  /** Judges the import of {@code name} from {@code module}. */
  public Judgement judge(String module, String name) {
    String dotted = module + "." + name;
    if (allow.exact.contains(dotted)) {
      return new Judgement(PickleVerdict.SAFE, "allow " + dotted);
    }
    String denied = deny.matchWithAttributes(dotted);
    if (denied != null) {
      return new Judgement(PickleVerdict.DANGEROUS, "deny " + denied);
    }
    String[] parts = name.split("\\.", -1);
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.length() > 4 && part.startsWith("__") && part.endsWith("__")) {
        return new Judgement(PickleVerdict.DANGEROUS, "deny dunder attribute " + part);
      }
      if (parts.length > 1) {
        String tail = String.join(".", java.util.Arrays.asList(parts).subList(i, parts.length));
        String viaTail = deny.matchWithAttributes(tail);
        if (viaTail != null) {
          return new Judgement(PickleVerdict.DANGEROUS, "deny " + viaTail + " (reached through attribute " + tail + ")");
        }
      }
    }
    // A module-tree entry admits only a class defined there: a single identifier starting with
    // an upper-case letter. A dotted name (an attribute chain) or a lower-case name may be a
    // module the allowed one imports (sklearn.linear_model._base.np reaches numpy.load), so it is
    // unlisted.
    String allowed = name.indexOf('.') < 0 && !name.isEmpty() && Character.isUpperCase(name.charAt(0)) ? allow.match(dotted) : null;
    if (allowed != null) {
      return new Judgement(PickleVerdict.SAFE, "allow " + allowed);
    }
    return new Judgement(strict ? PickleVerdict.DANGEROUS : PickleVerdict.SUSPICIOUS, UNLISTED);
  }

  /** Judges a {@code module.name} import whose module is its text up to the last dot. */
  public Judgement judge(String dotted) {
    int dot = dotted.lastIndexOf('.');
    return dot <= 0 ? judge(dotted, "") : judge(dotted.substring(0, dot), dotted.substring(dot + 1));
  }

  // ---------------------------------------------------------------- the list file

  private static PicklePolicy load(boolean strict) {
    try (InputStream in = PicklePolicy.class.getResourceAsStream("pickle-policy.txt")) {
      if (in == null) {
        throw new IllegalStateException("pickle-policy.txt missing from the class path");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String version = null;
      List<String> sources = new ArrayList<>();
      List<String> allow = new ArrayList<>();
      List<String> deny = new ArrayList<>();
      List<String> section = null;
      for (String raw; (raw = reader.readLine()) != null; ) {
        int hash = raw.indexOf('#');
        String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
        if (line.isEmpty()) {
          continue;
        }
        if (line.equals("[allow]")) {
          section = allow;
        } else if (line.equals("[deny]")) {
          section = deny;
        } else if (section == null && line.startsWith("version ")) {
          version = line.substring("version ".length()).strip();
        } else if (section == null && line.startsWith("source ")) {
          sources.add(line.substring("source ".length()).strip());
        } else if (section != null && !line.contains(" ")) {
          section.add(line);
        } else {
          throw new IllegalStateException("pickle-policy.txt: cannot read line '" + raw + "'");
        }
      }
      if (version == null || allow.isEmpty() || deny.isEmpty()) {
        throw new IllegalStateException("pickle-policy.txt needs a version, an [allow] and a [deny] section");
      }
      return new PicklePolicy(version, sources, new Rules(allow), new Rules(deny), strict);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A list split into exact names and module trees, for hash lookups instead of scans. */
  private static final class Rules {
    private final List<String> entries;
    private final Set<String> exact = new HashSet<>();
    private final Set<String> trees = new HashSet<>();

    Rules(List<String> entries) {
      this.entries = List.copyOf(entries);
      for (String entry : entries) {
        if (entry.endsWith(".*")) {
          trees.add(entry.substring(0, entry.length() - 2));
        } else {
          exact.add(entry);
        }
      }
    }

    /** The entry matching {@code dotted} (exactly, or as a module tree it lies in), or null. */
    String match(String dotted) {
      if (exact.contains(dotted)) {
        return dotted;
      }
      if (trees.contains(dotted)) {
        return dotted + ".*";
      }
      for (int dot = dotted.indexOf('.'); dot >= 0; dot = dotted.indexOf('.', dot + 1)) {
        String tree = dotted.substring(0, dot);
        if (trees.contains(tree)) {
          return tree + ".*";
        }
      }
      return null;
    }

    /** Like {@link #match}, and also an attribute of an exact entry ({@code random._os.system} under {@code random._os}). */
    String matchWithAttributes(String dotted) {
      String m = match(dotted);
      if (m != null) {
        return m;
      }
      for (int dot = dotted.indexOf('.'); dot >= 0; dot = dotted.indexOf('.', dot + 1)) {
        String prefix = dotted.substring(0, dot);
        if (exact.contains(prefix)) {
          return prefix;
        }
      }
      return null;
    }
  }
}
