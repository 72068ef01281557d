package org.modelevolution.study;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.modelevolution.io.AtomicFiles;

/**
 * Fetches the pinned originals of the study's files when no local copy exists: from the
 * manifest's URL (the study's repository at the pinned commit) into the git-ignored cache,
 * verifying size and SHA-256 before the file becomes visible there. A cached file that still
 * matches its digest is reused without a request.
 */
public final class StudyDownloader {
  private final OkHttpClient client;
  private final Path cacheDir;

  public StudyDownloader(OkHttpClient client, Path cacheDir) {
    this.client = client;
    this.cacheDir = cacheDir;
  }

  /** The local copy of {@code entry}: in {@code studyData}, else in the cache, else downloaded. */
  public Path locate(StudyManifest.Entry entry, Path studyData) {
    Path local = studyData.resolve(entry.file());
    if (Files.isRegularFile(local)) {
      return local;
    }
    return fetch(entry);
  }

  private static boolean matches(StudyManifest.Entry entry, Path file) {
    try {
      return Pins.verify(entry, file, Pins.digests(file, entry)) != InputFile.Status.NOT_PINNED;
    } catch (StudyDataException mismatch) {
      return false;
    }
  }

  /** Returns the verified cached copy of {@code entry}, downloading it first when needed. */
  public Path fetch(StudyManifest.Entry entry) {
    Path target = cacheDir.resolve(entry.file());
    if (Files.isRegularFile(target) && matches(entry, target)) {
      return target;
    }
    String url = entry.downloadUrl().orElseThrow(() -> new StudyDataException(
        entry.file() + " has no download URL in the manifest (it was typed from a figure or printed output)"));
    HttpUrl httpUrl = Optional.ofNullable(HttpUrl.parse(url))
        .orElseThrow(() -> new StudyDataException("invalid URL in the manifest for " + entry.file() + ": " + url));
    Request request = new Request.Builder().url(httpUrl).get().build();
    try (Response response = client.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new StudyDataException("cannot download " + entry.file() + " from " + url + ": HTTP " + response.code()
            + (response.code() == 404 ? " (is the file a Git LFS object? then fetch it with `git lfs pull`)" : ""));
      }
      ResponseBody body = response.body();
      long[] bytes = {0};
      AtomicFiles.write(target.resolveSibling(target.getFileName() + ".download"), out -> {
        try (InputStream in = body.byteStream()) {
          byte[] buffer = new byte[1 << 16];
          for (int n; (n = in.read(buffer)) > 0; ) {
            bytes[0] += n;
            if (entry.bytes() > 0 && bytes[0] > entry.bytes()) {
              throw new IOException("more than the pinned " + entry.bytes() + " bytes");
            }
            out.write(buffer, 0, n);
          }
        }
      });
      Path partial = target.resolveSibling(target.getFileName() + ".download");
      try {
        Pins.verify(entry, partial, Pins.digests(partial, entry));
      } catch (StudyDataException mismatch) {
        Files.deleteIfExists(partial);
        throw new StudyDataException("downloaded " + entry.file() + " from " + url + " is not the pinned original; the"
            + " copy was discarded: " + mismatch.getMessage(), mismatch);
      }
      Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (UnknownHostException | ConnectException | InterruptedIOException e) {
      throw new StudyDataException("cannot download " + entry.file() + " from " + url
          + ": the network is unreachable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "). "
          + "Copy the study's files into STUDY_DATA (default ../shared/study) or into " + cacheDir
          + ", or run again with network access.", e);
    } catch (IOException e) {
      throw new StudyDataException("cannot download " + entry.file() + " from " + url + ": " + e.getMessage(), e);
    }
  }
}
