package org.modelevolution.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The history of one branch of a git repository as a stream of {@link Commit}s, newest first
 * (the order of {@code git log}), in the spirit of PyDriller:
 *
 * <pre>{@code
 * try (Stream<Commit> commits = RepositoryHistory.of(repository).commits()) { ... }
 * }</pre>
 *
 * <p>It reads a bare clone that holds Git LFS pointers only, so no large content is ever read:
 * changed files come from tree diffs with rename detection (against the first parent), the tree
 * listing from the commit's tree objects, and a model file's identity from its pointer
 * ({@link #blob(String)}).
 */
public final class RepositoryHistory {
  private final Repository repository;
  private final String branch;

  private RepositoryHistory(Repository repository, String branch) {
    this.repository = Objects.requireNonNull(repository);
    this.branch = Objects.requireNonNull(branch);
  }

  /** The history of {@code main}, or of {@code HEAD} when there is no {@code main}. */
  public static RepositoryHistory of(Repository repository) {
    return new RepositoryHistory(repository, "main");
  }

  public RepositoryHistory branch(String name) {
    return new RepositoryHistory(repository, name);
  }

  /** The commits reachable from the branch, newest first; close the stream when done. */
  public Stream<Commit> commits() {
    RevWalk walk = new RevWalk(repository);
    ObjectReader reader = walk.getObjectReader();
    Iterator<RevCommit> revs;
    try {
      Optional<ObjectId> tip = tip();
      if (tip.isEmpty()) {
        walk.close();
        return Stream.empty();
      }
      walk.markStart(walk.parseCommit(tip.get()));
      revs = walk.iterator();
    } catch (IOException e) {
      walk.close();
      throw new UncheckedIOException("cannot walk " + repository, e);
    }
    Iterator<Commit> commits = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return revs.hasNext();
      }

      @Override
      public Commit next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        RevCommit rev = revs.next();
        try {
          return toCommit(walk, reader, rev);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read commit " + rev.name(), e);
        }
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(commits, Spliterator.ORDERED), false)
        .onClose(walk::close);
  }

  /** The blob behind a tree entry: its size in git and, for LFS files, the pointer's facts. */
  public BlobInfo blob(String objectId) {
    try (ObjectReader reader = repository.newObjectReader()) {
      ObjectLoader loader = reader.open(ObjectId.fromString(objectId), Constants.OBJ_BLOB);
      long size = loader.getSize();
      Optional<LfsPointer> pointer = size <= LfsPointer.MAX_POINTER_BYTES
          ? LfsPointer.parse(loader.getCachedBytes()) : Optional.empty();
      return new BlobInfo(objectId, size, pointer);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read blob " + objectId, e);
    }
  }

  /** A blob's identity: the LFS content digest when it is a pointer, else the git blob id. */
  public record BlobInfo(String objectId, long gitSize, Optional<LfsPointer> lfs) {
    /** The key under which a content is sniffed once: {@code sha256:<hex>} or {@code git:<hex>}. */
    public String contentKey() {
      return lfs.map(p -> "sha256:" + p.sha256()).orElse("git:" + objectId);
    }

    /** The size of the content (the LFS size for pointers). */
    public long contentSize() {
      return lfs.map(LfsPointer::size).orElse(gitSize);
    }
  }

  private Optional<ObjectId> tip() throws IOException {
    ObjectId id = repository.resolve(Constants.R_HEADS + branch);
    if (id == null) {
      id = repository.resolve(Constants.HEAD);
    }
    return Optional.ofNullable(id);
  }

  private Commit toCommit(RevWalk walk, ObjectReader reader, RevCommit rev) throws IOException {
    List<ChangedFile> changed = changedFiles(walk, reader, rev);
    List<TreeItem> tree = breadthFirstTree(reader, rev.getTree());
    return new Commit(rev.name(), rev.getAuthorIdent().getName(),
        Instant.ofEpochSecond(rev.getAuthorIdent().getWhenAsInstant().getEpochSecond()),
        rev.getFullMessage().strip(), changed, tree);
  }

  private List<ChangedFile> changedFiles(RevWalk walk, ObjectReader reader, RevCommit rev) throws IOException {
    try (TreeWalk tw = new TreeWalk(reader)) {
      tw.setRecursive(true);
      if (rev.getParentCount() == 0) {
        tw.addTree(new EmptyTreeIterator());
      } else {
        tw.addTree(walk.parseCommit(rev.getParent(0)).getTree());
      }
      tw.addTree(rev.getTree());
      List<DiffEntry> entries = DiffEntry.scan(tw);
      RenameDetector renames = new RenameDetector(repository);
      renames.addAll(entries);
      // JGit reports a type change (file <-> symbolic link) as a deletion plus an addition of
      // the same path; git's name-status shows one T entry, and so do we.
      Map<String, ChangedFile> byPath = new TreeMap<>();
      List<ChangedFile> changed = new ArrayList<>();
      for (DiffEntry e : renames.compute()) {
        ChangedFile file = toChangedFile(e);
        ChangedFile other = byPath.get(file.path());
        if (other != null && EnumSet.of(ChangeType.ADDED, ChangeType.DELETED).containsAll(List.of(other.type(), file.type()))
            && other.type() != file.type()) {
          changed.remove(other);
          file = new ChangedFile(ChangeType.TYPE_CHANGED, file.path());
        }
        byPath.put(file.path(), file);
        changed.add(file);
      }
      changed.sort(Comparator.comparing(ChangedFile::path));
      return changed;
    }
  }

  private static ChangedFile toChangedFile(DiffEntry e) {
    return switch (e.getChangeType()) {
      case ADD -> new ChangedFile(ChangeType.ADDED, e.getNewPath());
      case DELETE -> new ChangedFile(ChangeType.DELETED, e.getOldPath());
      case RENAME -> new ChangedFile(ChangeType.RENAMED, e.getNewPath());
      case COPY -> new ChangedFile(ChangeType.COPIED, e.getNewPath());
      case MODIFY -> new ChangedFile(
          kind(e.getOldMode()) != kind(e.getNewMode()) ? ChangeType.TYPE_CHANGED : ChangeType.MODIFIED,
          e.getNewPath());
    };
  }

  private static List<TreeItem> breadthFirstTree(ObjectReader reader, ObjectId root) throws IOException {
    List<TreeItem> items = new ArrayList<>();
    Deque<TreeItem> folders = new ArrayDeque<>();
    folders.add(new TreeItem("", TreeItem.Kind.DIRECTORY, root.name()));
    while (!folders.isEmpty()) {
      TreeItem folder = folders.poll();
      try (TreeWalk tw = new TreeWalk(reader)) {
        tw.addTree(ObjectId.fromString(folder.objectId()));
        tw.setRecursive(false);
        while (tw.next()) {
          String path = folder.path().isEmpty() ? tw.getPathString() : folder.path() + "/" + tw.getNameString();
          TreeItem item = new TreeItem(path, kind(tw.getFileMode(0)), tw.getObjectId(0).name());
          items.add(item);
          if (item.kind() == TreeItem.Kind.DIRECTORY) {
            folders.add(item);
          }
        }
      }
    }
    return items;
  }

  private static TreeItem.Kind kind(FileMode mode) {
    if (mode == FileMode.TREE) {
      return TreeItem.Kind.DIRECTORY;
    }
    if (mode == FileMode.SYMLINK) {
      return TreeItem.Kind.SYMLINK;
    }
    if (mode == FileMode.GITLINK) {
      return TreeItem.Kind.SUBMODULE;
    }
    return TreeItem.Kind.FILE;
  }
}
