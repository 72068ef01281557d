package org.modelevolution.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An output folder replaced as a whole: a run writes into a sibling work folder
 * ({@code .NAME.new-XXXX}) and {@link #commit()} swaps it in (the previous folder renamed aside to
 * {@code .NAME.old-XXXX}, the work folder renamed in, the previous one deleted). Until the commit
 * the previous folder is untouched, so a run that fails or is killed loses nothing; readers never
 * see a mix of two runs.
 *
 * <p>While open it holds an advisory lock ({@link FileChannel#tryLock()}) on {@code .NAME.lock}
 * beside the folder: a second run into the same folder is refused at once. Holding the lock, it
 * removes what killed runs left ({@code .NAME.new-*}, {@code .NAME.old-*}); when a run was killed
 * between the two renames of a commit (the folder absent, its previous content aside) it first
 * puts the previous content back.
 *
 * <p>The writer owns the top-level entries named in {@code own} (its files and folders): they are
 * replaced. Other top-level entries of the previous folder (say, the {@code mined/} folder of a
 * miner) are carried into the new one unchanged, as hard links (copies where links are not
 * possible), before the swap. A non-empty folder holding none of {@code own} is refused: it is not
 * an earlier output of this writer, and replacing it could move away a user's files.
 *
 * <p>Files and folders are created with the umask's permissions. Files written into the work folder
 * through {@link AtomicFiles} are forced to disk together by {@link #commit()}, before the renames
 * (an {@link AtomicFiles.Batch}), rather than one by one.
 */
public final class ReplacedFolder implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path target;
  private final Path work;
  private final Set<String> own;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final List<String> notes;
  private final AtomicFiles.Batch batch;
  private boolean committed;

  private ReplacedFolder(Path target, Path work, Set<String> own, FileChannel lockChannel, FileLock lock,
      List<String> notes) {
    this.target = target;
    this.work = work;
    this.own = own;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.notes = notes;
    this.batch = AtomicFiles.batch(work);
  }

  /** A failure to prepare or replace the output folder; the message names the folder and what to do. */
  public static final class FolderException extends RuntimeException {
    public FolderException(String message, Throwable cause) {
      super(message, cause);
    }

    public FolderException(String message) {
      super(message);
    }
  }

  /**
   * Checks that {@code target} can be replaced (not a file, writable, not another program's
   * folder), takes its lock, cleans what killed runs left and creates the work folder. Throws
   * {@link FolderException} when any of it fails; nothing of the previous folder has changed then.
   */
  public static ReplacedFolder begin(Path target, Set<String> own) {
    Path folder = target.toAbsolutePath().normalize();
    if (Files.isSymbolicLink(folder)) {
      try {
        folder = folder.toRealPath();
      } catch (IOException e) {
        throw new FolderException(target + " is a symbolic link to " + describeLink(folder) + " that cannot be"
            + " followed (" + IoErrors.reason(e) + "); point it at a folder or choose another output folder", e);
      }
    }
    Path parent = folder.getParent();
    if (parent == null) {
      throw new FolderException(target + " is the file system's root; choose a folder below it");
    }
    String name = folder.getFileName().toString();
    if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(folder)) {
      throw new FolderException(target + " is an existing file, not a folder; choose a folder (it is created"
          + " when missing)");
    }
    for (Path above = parent; above != null; above = above.getParent()) {
      if (Files.exists(above)) {
        if (!Files.isDirectory(above)) {
          throw new FolderException(above + " is a file, not a folder, so " + target + " cannot be created below it;"
              + " choose another output folder");
        }
        break;
      }
    }
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new FolderException("cannot create the folder " + parent + " to hold " + name + ": "
          + IoErrors.reason(e) + "; choose a writable output folder", e);
    }
    Path lockFile = parent.resolve("." + name + ".lock");
    FileChannel channel;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new FolderException("cannot write in " + parent + " (the lock file " + lockFile.getFileName() + "): "
          + IoErrors.reason(e) + "; choose a writable output folder", e);
    }
    FileLock lock = null;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new FolderException("cannot lock " + lockFile + ": " + IoErrors.reason(e), e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new FolderException("another run is writing " + target + " (it holds " + lockFile
          + "); wait for it to finish or choose another output folder");
    }
    try {
      List<String> notes = new ArrayList<>();
      recover(parent, name, folder, notes);
      checkReplaceable(target, folder, own);
      Path work = parent.resolve("." + name + ".new-" + suffix());
      try {
        Files.createDirectory(work);
      } catch (IOException e) {
        throw new FolderException("cannot write in " + parent + ": " + IoErrors.reason(e)
            + "; choose a writable output folder", e);
      }
      return new ReplacedFolder(folder, work, Set.copyOf(own), channel, lock, notes);
    } catch (RuntimeException e) {
      release(lock, channel);
      throw e;
    }
  }

  /** The folder to write into; after {@link #commit()} its content is at {@link #target()}. */
  public Path work() {
    return work;
  }

  /** The folder replaced (absolute, links resolved). */
  public Path target() {
    return target;
  }

  /** What {@link #begin} cleaned up or restored after killed runs, one sentence each. */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  /** {@code path} below the work folder, as it is named below the target after the commit. */
  public Path published(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(work) ? target.resolve(work.relativize(absolute)) : path;
  }

  /**
   * Carries the entries this writer does not own over from the previous folder, then swaps the work
   * folder in. On failure the previous folder is back in place and the work folder is removed by
   * {@link #close()}.
   */
  public void commit() {
    if (committed) {
      throw new IllegalStateException("already committed");
    }
    Path parent = target.getParent();
    String name = target.getFileName().toString();
    try {
      // the files written into the work folder, forced together now rather than one by one (AtomicFiles.Batch):
      // the renames below must not reach the disk before the content they publish
      batch.force();
      if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        carryOver(target, work, own);
        Path aside = parent.resolve("." + name + ".old-" + suffix());
        move(target, aside);
        try {
          move(work, target);
        } catch (IOException e) {
          move(aside, target);
          throw e;
        }
        committed = true;
        // A file another program (a miner writing mined/) created in a carried-over entry between the
        // carry-over and the swap is in the folder aside only: carry it over too before deleting that.
        try {
          carryOver(aside, target, own);
        } catch (IOException e) {
          throw new FolderException("replaced " + target + ", but could not carry over files created meanwhile from "
              + aside + " (" + IoErrors.reason(e) + "); they are still there, move them back by hand", e);
        }
        deleteTree(aside);
      } else {
        move(work, target);
        committed = true;
      }
      forceDirectory(parent);
    } catch (IOException e) {
      throw new FolderException("cannot replace " + target + ": " + IoErrors.reason(e) + "; the previous "
          + name + " is unchanged", e);
    }
  }

  /** Removes the work folder unless committed, and releases the lock. */
  @Override
  public void close() {
    try {
      if (!committed) {
        deleteTree(work);
      }
    } catch (IOException | UncheckedIOException e) {
      // Left for the next run to remove (it holds the lock then).
    } finally {
      batch.close();
      release(lock, lockChannel);
    }
  }

  private static void checkReplaceable(Path shown, Path folder, Set<String> own) {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isWritable(folder)) {
      throw new FolderException(shown + " is not writable; make it writable or choose another output folder");
    }
    List<String> names = entries(folder);
    if (!names.isEmpty() && names.stream().noneMatch(own::contains)) {
      throw new FolderException(shown + " holds files this command did not write (none of "
          + String.join(", ", own.stream().sorted().limit(4).toList()) + " …); it replaces its output folder as a"
          + " whole, so choose a new or empty folder");
    }
  }

  /** Restores a folder a killed commit left aside, and removes work and aside folders of killed runs. */
  private static void recover(Path parent, String name, Path folder, List<String> notes) {
    List<Path> works = new ArrayList<>();
    List<Path> asides = new ArrayList<>();
    try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, "." + name + ".{new,old}-*")) {
      for (Path p : siblings) {
        (p.getFileName().toString().startsWith("." + name + ".new-") ? works : asides).add(p);
      }
    } catch (IOException e) {
      throw new FolderException("cannot list " + parent + ": " + IoErrors.reason(e), e);
    }
    try {
      if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS) && asides.size() == 1) {
        move(asides.get(0), folder);
        notes.add("restored " + folder + " from " + asides.get(0).getFileName() + ", left aside by a run killed"
            + " while it replaced the folder");
        asides.clear();
      }
      for (Path p : Stream.concat(works.stream(), asides.stream()).toList()) {
        deleteTree(p);
        notes.add("removed " + p.getFileName() + ", left by a run that was killed or failed");
      }
    } catch (IOException e) {
      throw new FolderException("cannot clean up after an earlier run in " + parent + ": " + IoErrors.reason(e), e);
    }
  }

  /** Links (or copies) every file of the entries not in {@code own} that {@code to} does not have yet. */
  private static void carryOver(Path from, Path to, Set<String> own) throws IOException {
    for (String entry : entries(from)) {
      boolean debris = entry.startsWith(".") && entry.endsWith(".tmp");
      if (!own.contains(entry) && !debris) {
        linkMissing(from.resolve(entry), to.resolve(entry));
      }
    }
  }

  private static void linkMissing(Path source, Path destination) throws IOException {
    Files.walkFileTree(source, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Path copy = destination.resolve(source.relativize(dir).toString());
        if (!Files.isDirectory(copy, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectory(copy);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Path copy = destination.resolve(source.relativize(file).toString());
        if (Files.exists(copy, LinkOption.NOFOLLOW_LINKS)) {
          return FileVisitResult.CONTINUE;
        }
        if (attrs.isSymbolicLink()) {
          Files.createSymbolicLink(copy, Files.readSymbolicLink(file));
        } else {
          try {
            Files.createLink(copy, file);
          } catch (IOException | UnsupportedOperationException e) {
            Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
          }
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static List<String> entries(Path folder) {
    try (Stream<Path> list = Files.list(folder)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new FolderException("cannot list " + folder + ": " + IoErrors.reason(e), e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Makes the renames durable where the platform allows opening a folder (Linux, macOS). */
  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not supported here (Windows); the renames are still atomic.
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static String suffix() {
    return Long.toUnsignedString(RANDOM.nextLong(), 36);
  }

  private static String describeLink(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      return "a target";
    }
  }

  private static void release(FileLock lock, FileChannel channel) {
    try {
      lock.release();
    } catch (IOException e) {
      // Closing the channel below releases it as well.
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing left to release.
    }
  }
}
