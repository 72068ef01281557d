package org.modelevolution.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectorTest {
  private final Detector detector = Detector.withDefaults();

  private Detection detect(byte[] bytes) {
    return detector.detect(new ByteArraySource("test", bytes));
  }

  @Test
  void emptyAndTooShortFiles() {
    assertThat(detect(new byte[0]).format()).isEqualTo(FormatId.EMPTY);
    Detection three = detect(new byte[] {'N', '.', 0});
    assertThat(three.format()).isEqualTo(FormatId.UNKNOWN);
    assertThat(three.bytesRead()).isZero();
  }

  @Test
  void symbolicLinksAreReportedNotFollowed(@TempDir Path dir) throws IOException {
    Path target = Files.write(dir.resolve("model.safetensors"), new byte[] {8, 0, 0, 0, 0, 0, 0, 0, '{', '}', ' ', ' ', ' ', ' ', ' ', ' '});
    Path link = Files.createSymbolicLink(dir.resolve("link.safetensors"), Path.of("../outside/model.safetensors"));
    Detection d = detector.detect(link, "link.safetensors");
    assertThat(d.format()).isEqualTo(FormatId.SYMBOLIC_LINK);
    assertThat(d.studyLabel()).isEqualTo("UNDETERMINED (symbolic link)");
    assertThat(d.bytesRead()).isZero();
    assertThat(d.evidence().get(0).seen()).contains("../outside/model.safetensors");
    assertThat(detector.detect(target).format()).isEqualTo(FormatId.SAFETENSORS);
  }

  @Test
  void treeWalkSelectsModelFilesAndReportsLinksWithoutFollowingThem(@TempDir Path dir) throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.copy(Corpus.root().resolve("gguf/q8_v3.gguf"), outside.resolve("secret.gguf"));
    Path repo = Files.createDirectories(dir.resolve("repo/sub"));
    Files.copy(Corpus.root().resolve("safetensors/f16_bf16.safetensors"), repo.resolve("model.safetensors"));
    Files.writeString(repo.resolve("README.md"), "# card");
    Files.createSymbolicLink(repo.resolve("linked.gguf"), outside.resolve("secret.gguf"));
    Files.createSymbolicLink(repo.resolve("linked-folder"), outside);

    List<Detection> found = detector.detectTree(dir.resolve("repo"), ModelFiles.Scope.STUDY);

    assertThat(found).extracting(Detection::path).containsExactly("sub/linked.gguf", "sub/model.safetensors");
    assertThat(found.get(0).format()).isEqualTo(FormatId.SYMBOLIC_LINK);
    assertThat(found.get(0).bytesRead()).isZero();
    assertThat(found.get(1).format()).isEqualTo(FormatId.SAFETENSORS);
  }

  private static byte[] safetensors(String header, int dataBytes) {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + json.length + dataBytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putLong(json.length).put(json);
    return b.array();
  }

  @Test
  void safetensorsHeaderLongerThanTheWindowIsJudgedOnItsPrefix() {
    StringBuilder header = new StringBuilder("{");
    for (int i = 0; i < 4000; i++) {
      header.append(i == 0 ? "" : ",").append("\"layer.").append(i).append(".weight\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[")
          .append(2 * i).append(',').append(2 * i + 2).append("]}");
    }
    header.append('}');
    Detection d = detect(safetensors(header.toString(), 8000));
    assertThat(header.length()).isGreaterThan(128 * 1024);
    assertThat(d.format()).isEqualTo(FormatId.SAFETENSORS);
    assertThat(d.bytesRead()).as("head window plus the HDF5 signature probes").isLessThanOrEqualTo(65 * 1024);
    assertThat(d.evidence().get(1).seen()).contains("prefix of");
  }

  @Test
  void safetensorsNeedsTensorEntriesAndOnlySpacesAfterTheHeader() {
    assertThat(detect(safetensors("{\"a\": 1}   ", 0)).format()).isEqualTo(FormatId.UNKNOWN);
    assertThat(detect(safetensors("{}  x", 0)).format()).isEqualTo(FormatId.UNKNOWN);
    assertThat(detect(safetensors("{\"__metadata__\":{\"format\":\"pt\"}}  ", 0)).format()).isEqualTo(FormatId.SAFETENSORS);
  }

  @Test
  void hdf5UserBlockBeatsAFakeZipMagic() {
    byte[] file = new byte[512 + 64];
    System.arraycopy(new byte[] {'P', 'K', 3, 4}, 0, file, 0, 4);
    byte[] signature = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n', 0};
    System.arraycopy(signature, 0, file, 512, signature.length);
    file[512 + 13] = 8; // size of offsets
    file[512 + 24] = 0x00;
    file[512 + 25] = 0x02; // base address 512: the superblock follows a 512-byte user block
    Detection d = detect(file);
    assertThat(d.format()).isEqualTo(FormatId.HDF5);
    assertThat(d.evidence().get(0).offset()).isEqualTo(512);
  }

  @Test
  void hdf5ShiftedBehindPrependedBytesIsStillHdf5() throws IOException {
    byte[] h5 = Files.readAllBytes(Corpus.root().resolve("hdf5/plain_groups.h5"));
    byte[] shifted = new byte[2048 + h5.length];
    System.arraycopy("GGUF".getBytes(StandardCharsets.US_ASCII), 0, shifted, 0, 4);
    System.arraycopy(h5, 0, shifted, 2048, h5.length);
    assertThat(detect(shifted).format()).isEqualTo(FormatId.HDF5);
  }

  @Test
  void hdf5StoredInsideAKerasZipAtAUserBlockOffsetIsNotHdf5(@TempDir Path dir) throws IOException {
    byte[] h5 = Files.readAllBytes(Corpus.root().resolve("hdf5/keras_two_layers.h5"));
    String metadata = "{\"keras_version\": \"3.3.3\", \"date_saved\": \"2024-01-01@00:00:00\"}";
    // Pad config.json so that model.weights.h5 (stored) starts exactly at offset 1024.
    int configLength = 1024 - (30 + 13 + metadata.length()) - (30 + 11) - (30 + 16);
    String configStart = "{\"class_name\": \"Sequential\"}";
    String config = configStart + " ".repeat(configLength - configStart.length());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String[] e : new String[][] {{"metadata.json", metadata}, {"config.json", config}}) {
        storedEntry(zip, e[0], e[1].getBytes(StandardCharsets.US_ASCII));
      }
      storedEntry(zip, "model.weights.h5", h5);
    }
    byte[] keras = out.toByteArray();
    assertThat(keras[1024] & 0xFF).as("the HDF5 signature starts at offset 1024").isEqualTo(0x89);
    assertThat(new String(keras, 1025, 3, StandardCharsets.US_ASCII)).isEqualTo("HDF");
    Detection d = detect(keras);
    assertThat(d.format()).isEqualTo(FormatId.KERAS_V3);
  }

  private static void storedEntry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    ZipEntry e = new ZipEntry(name);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(bytes);
    e.setMethod(ZipEntry.STORED);
    e.setSize(bytes.length);
    e.setCompressedSize(bytes.length);
    e.setCrc(crc.getValue());
    zip.putNextEntry(e);
    zip.write(bytes);
    zip.closeEntry();
  }

  @Test
  void textThatOnlyStartsLikeAnLfsPointerIsNot() {
    String text = "version https://git-lfs.github.com/spec/v1\nthis is prose, not a pointer\n";
    assertThat(detect(text.getBytes(StandardCharsets.US_ASCII)).format()).isEqualTo(FormatId.UNKNOWN);
  }

  @Test
  void zipBombInsideATorchZipStopsAtTheCapWithAnIncompleteVerdict() throws IOException {
    ByteArrayOutputStream pickle = new ByteArrayOutputStream();
    pickle.writeBytes(Pickles.protocol(2).global("collections", "OrderedDict").op(0x8e).u64(64L << 20).bytes());
    pickle.writeBytes(new byte[64 << 20]);
    pickle.write('.');
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      z.setLevel(Deflater.BEST_COMPRESSION);
      z.putNextEntry(new ZipEntry("archive/data.pkl"));
      z.write(pickle.toByteArray());
      z.closeEntry();
      z.putNextEntry(new ZipEntry("archive/version"));
      z.write("3\n".getBytes(StandardCharsets.US_ASCII));
      z.closeEntry();
    }
    Detector capped = new Detector(DetectorOptions.defaults().withDecompressedCap(1 << 20));
    Detection d = capped.detect(new ByteArraySource("bomb.pt", zip.toByteArray()));
    assertThat(d.format()).isEqualTo(FormatId.TORCH_ZIP);
    assertThat(d.pickle().verdict()).isEqualTo(PickleVerdict.SUSPICIOUS);
    assertThat(d.pickle().completeness()).isEqualTo(PickleScan.Completeness.INCOMPLETE);
    assertThat(d.pickle().globals()).containsExactly("collections.OrderedDict");
    assertThat(d.pickle().notes()).anyMatch(n -> n.contains("cap of 1048576 bytes reached"));
    assertThat(d.bytesRead()).isLessThan(zip.size());
  }

  @Test
  void compressedJoblibPastTheCapIsJoblibButIncomplete() throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    raw.writeBytes(Pickles.protocol(4).global("joblib.numpy_pickle", "NumpyArrayWrapper").op(0x8e).u64(8L << 20).bytes());
    raw.writeBytes(new byte[8 << 20]);
    raw.write('.');
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(compressed, new Deflater(9))) {
      z.write(raw.toByteArray());
    }
    Detector capped = new Detector(DetectorOptions.defaults().withDecompressedCap(1 << 20));
    Detection d = capped.detect(new ByteArraySource("bomb.joblib", compressed.toByteArray()));
    assertThat(d.format()).isEqualTo(FormatId.JOBLIB);
    assertThat(d.pickle().verdict()).isEqualTo(PickleVerdict.SUSPICIOUS);
    assertThat(d.pickle().completeness()).isEqualTo(PickleScan.Completeness.INCOMPLETE);
  }

  @Test
  void xzAtTheLargestPresetIsStillDecoded() throws IOException {
    byte[] pickle = Pickles.protocol(4).global("joblib.numpy_pickle", "NumpyArrayWrapper").op(')', 0x81).stop().bytes();
    ByteArrayOutputStream xz = new ByteArrayOutputStream();
    try (org.tukaani.xz.XZOutputStream out = new org.tukaani.xz.XZOutputStream(xz, new org.tukaani.xz.LZMA2Options(9))) {
      out.write(pickle);
    }
    Detection d = detect(xz.toByteArray());
    assertThat(d.format()).isEqualTo(FormatId.JOBLIB);
    assertThat(d.pickle().verdict()).isEqualTo(PickleVerdict.SAFE);
  }

  @Test
  void oldJoblibZfContainerIsJoblib() throws IOException {
    byte[] pickle = Pickles.protocol(2).global("joblib.numpy_pickle", "NDArrayWrapper").op(')', 0x81).stop().bytes();
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(("ZF" + String.format("%-19s", "0x" + Integer.toHexString(pickle.length))).getBytes(StandardCharsets.US_ASCII));
    try (DeflaterOutputStream z = new DeflaterOutputStream(file)) {
      z.write(pickle);
    }
    Detection d = detect(file.toByteArray());
    assertThat(d.format()).isEqualTo(FormatId.JOBLIB);
    assertThat(d.pickle().globals()).containsExactly("joblib.numpy_pickle.NDArrayWrapper");
  }

  @Test
  void truncatedTorchZipFallsBackToItsFirstLocalHeader() throws IOException {
    byte[] whole = Files.readAllBytes(Corpus.root().resolve("torch_zip/linear_state_dict.pt"));
    Detection d = detect(java.util.Arrays.copyOf(whole, whole.length / 2));
    assertThat(d.format()).isEqualTo(FormatId.TORCH_ZIP);
    assertThat(d.pickle().verdict()).isEqualTo(PickleVerdict.SUSPICIOUS);
    assertThat(d.pickle().completeness()).isEqualTo(PickleScan.Completeness.INCOMPLETE);
    assertThat(d.pickle().globals()).contains("torch._utils._rebuild_tensor_v2");
    assertThat(d.evidence()).anyMatch(e -> e.seen().contains("head heuristic"));
  }

  @Test
  void sameBytesGiveTheSameAnswerWhateverTheName(@TempDir Path dir) throws IOException {
    byte[] gguf = Files.readAllBytes(Corpus.root().resolve("gguf/q8_v3.gguf"));
    for (String name : new String[] {"model.safetensors", "pytorch_model.bin", "x.onnx", "noext"}) {
      assertThat(detector.detect(Files.write(dir.resolve(name), gguf)).format()).isEqualTo(FormatId.GGUF);
    }
  }

  @Test
  void corpusZipBombIsClassifiedFromNamesWithoutInflating() throws IOException {
    Path bomb = Corpus.root().resolve("edge/zip_bomb_like.zip");
    Detection d = detector.detect(bomb);
    assertThat(d.format()).isEqualTo(FormatId.UNKNOWN);
    assertThat(d.bytesRead()).isLessThan(4096);
  }

  @Test
  void detectionIsIdenticalAcrossRuns() throws IOException {
    Path file = Corpus.root().resolve("torch_zip/mlp_full_module.pth");
    assertThat(DetectionJson.line(detector.detect(file, "x"))).isEqualTo(DetectionJson.line(detector.detect(file, "x")));
  }

  @Test
  void modelFileLists() {
    assertThat(ModelFiles.isModelFile("org/repo/pytorch_model.bin", ModelFiles.Scope.STUDY)).isTrue();
    assertThat(ModelFiles.isModelFile("org\\repo\\model.SAFETENSORS", ModelFiles.Scope.STUDY)).isTrue();
    assertThat(ModelFiles.isModelFile("model.keras", ModelFiles.Scope.STUDY)).isFalse();
    assertThat(ModelFiles.isModelFile("model.keras", ModelFiles.Scope.EXTENDED)).isTrue();
    assertThat(ModelFiles.isModelFile("config.json", ModelFiles.Scope.EXTENDED)).isFalse();
    assertThat(ModelFiles.isModelFile(".bin", ModelFiles.Scope.STUDY)).isFalse();
    assertThat(ModelFiles.extensions(ModelFiles.Scope.STUDY)).hasSize(19);
    assertThat(ModelFiles.EXTENDED).containsAll(ModelFiles.STUDY);
  }
}
