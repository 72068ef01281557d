package org.modelevolution.mining;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tables the pipeline must produce, computed from what the fake Hub holds (the test's own
 * description of each repository), independently of the production code.
 */
final class Expected {
  static final Set<String> MODEL_EXTENSIONS = Set.of("bin", "pt", "pth", "ckpt", "safetensors", "h5", "hdf5",
      "onnx", "pb", "pkl", "pickle", "joblib", "npy", "npz", "model", "msgpack", "ts", "tflite", "gguf");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private Expected() {}

  static List<List<String>> commitRows(FakeHub.Built b) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = b.hashes().size() - 1; i >= 0; i--) {
      FakeRepo.Spec spec = b.repo().commits.get(i);
      TreeMap<String, FakeRepo.Blob> state = b.states().get(b.hashes().get(i));
      rows.add(List.of(b.repo().id, b.hashes().get(i), spec.author(), DATE.format(spec.date()), spec.message().strip(),
          String.join(";", changed(b, i)), String.join(";", bfs(state.keySet()))));
    }
    return rows;
  }

  static List<List<String>> evolutionRows(FakeHub.Built b, Map<String, String> labels) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = b.hashes().size() - 1; i >= 0; i--) {
      List<String> changed = changed(b, i);
      if (changed.stream().noneMatch(c -> isModel(c.substring(2)))) {
        continue;
      }
      Set<String> inCommit = new HashSet<>();
      changed.forEach(c -> {
        String[] tokens = c.split("\\s+");
        inCommit.add(tokens[1]);
      });
      FakeRepo.Spec spec = b.repo().commits.get(i);
      TreeMap<String, FakeRepo.Blob> state = b.states().get(b.hashes().get(i));
      for (String path : bfs(state.keySet())) {
        FakeRepo.Blob blob = state.get(path);
        if (blob == null || !isModel(path)) {
          continue; // a folder, or not a model file
        }
        String format = blob.symlink() ? "UNDETERMINED (symbolic link)"
            : labels.get(FakeHub.sha256(blob.content()));
        rows.add(List.of(b.repo().id, b.hashes().get(i), b.repo().id + "/" + path, format, spec.message().strip(),
            spec.author(), DATE.format(spec.date()), inCommit.contains(path) ? "True" : "False"));
      }
    }
    return rows;
  }

  static boolean isModel(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 && MODEL_EXTENSIONS.contains(name.substring(dot + 1));
  }

  /** {@code "<symbol> <path>"} entries of commit {@code i}, sorted by path. */
  static List<String> changed(FakeHub.Built b, int i) {
    TreeMap<String, FakeRepo.Blob> before = i == 0 ? new TreeMap<>() : b.states().get(b.hashes().get(i - 1));
    TreeMap<String, FakeRepo.Blob> after = b.states().get(b.hashes().get(i));
    Set<String> renameSources = new HashSet<>();
    Set<String> renameTargets = new HashSet<>();
    for (FakeRepo.Op op : b.repo().commits.get(i).ops()) {
      if (op instanceof FakeRepo.Rename r) {
        renameSources.add(r.from());
        renameTargets.add(r.to());
      }
    }
    TreeMap<String, String> entries = new TreeMap<>();
    for (String path : renameTargets) {
      entries.put(path, "= " + path);
    }
    for (Map.Entry<String, FakeRepo.Blob> e : after.entrySet()) {
      FakeRepo.Blob old = before.get(e.getKey());
      if (renameTargets.contains(e.getKey())) {
        continue;
      }
      if (old == null) {
        entries.put(e.getKey(), "+ " + e.getKey());
      } else if (old.symlink() != e.getValue().symlink()) {
        entries.put(e.getKey(), "> " + e.getKey());
      } else if (!java.util.Arrays.equals(old.gitBytes(), e.getValue().gitBytes())) {
        entries.put(e.getKey(), "* " + e.getKey());
      }
    }
    for (String path : before.keySet()) {
      if (!after.containsKey(path) && !renameSources.contains(path)) {
        entries.put(path, "- " + path);
      }
    }
    return new ArrayList<>(entries.values());
  }

  /** Every file and folder, breadth first, each level in git order (folders compared as {@code name/}). */
  static List<String> bfs(Set<String> files) {
    Set<String> dirs = new TreeSet<>();
    for (String f : files) {
      for (int slash = f.indexOf('/'); slash >= 0; slash = f.indexOf('/', slash + 1)) {
        dirs.add(f.substring(0, slash));
      }
    }
    List<String> out = new ArrayList<>();
    Deque<String> queue = new ArrayDeque<>();
    queue.add("");
    while (!queue.isEmpty()) {
      String dir = queue.poll();
      String prefix = dir.isEmpty() ? "" : dir + "/";
      List<String> children = new ArrayList<>();
      for (String p : files) {
        if (p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0) {
          children.add(p);
        }
      }
      for (String d : dirs) {
        if (d.startsWith(prefix) && d.indexOf('/', prefix.length()) < 0) {
          children.add(d);
        }
      }
      children.sort(Comparator.comparing(p -> FakeHub.gitSortKey(p.substring(prefix.length()) + (dirs.contains(p) ? "/" : ""))));
      for (String child : children) {
        out.add(child);
        if (dirs.contains(child)) {
          queue.add(child);
        }
      }
    }
    return out;
  }
}
