package org.modelevolution.mining;

import java.io.IOException;
import org.modelevolution.formats.PickleScan;

/**
 * Tells the serialization format of one model file at one commit from as few remote bytes as
 * possible. The seam to the format detector ({@code org.modelevolution.formats}): the pipeline
 * asks it once per distinct content ({@link SniffRequest#contentKey()}).
 */
@FunctionalInterface
public interface FormatSniffer {

  SniffResult sniff(SniffRequest request) throws IOException;

  /**
   * @param repoId the repository
   * @param revision the commit whose tree holds the file
   * @param path the file's path in that tree
   * @param contentKey {@code sha256:<hex>} for LFS files, {@code git:<blob id>} otherwise
   * @param size the content's size in bytes
   */
  record SniffRequest(String repoId, String revision, String path, String contentKey, long size) {}

  /**
   * @param format the study's label: {@code torch.save}, {@code safetensors}, {@code ONNX},
   *     {@code h5/hdf5}, {@code pickle}, {@code joblib}, {@code numpy} or {@code undetermined}
   * @param requests HTTP exchanges spent (redirects and retries included)
   * @param bytesTransferred body bytes received
   * @param contentRequests ranged reads that fetched content (head, and tail for zips), all attempts
   * @param zip the content starts with a zip signature (so a tail read may be needed)
   * @param pickle the detector's scan of the embedded pickles, made from the same bounded reads
   *     (opcodes walked, nothing unpickled; incomplete where the pickle runs past the windows read),
   *     {@link PickleScan#NOT_APPLICABLE} when the content embeds none
   */
  record SniffResult(String format, long requests, long bytesTransferred, long contentRequests, boolean zip,
      PickleScan pickle) {}
}
