/**
 * Serialization-format detection of model files, from their bytes, without loading them.
 *
 * <h2>Entry points</h2>
 *
 * <ul>
 *   <li>{@link org.modelevolution.formats.Detector}: a file or any {@link
 *       org.modelevolution.formats.ByteSource} in, an immutable {@link
 *       org.modelevolution.formats.Detection} out (format id, the study's label, evidence as
 *       offset + what was seen, bytes read, and the pickle import scan).
 *   <li>{@link org.modelevolution.formats.RemoteDetector}: the same for Hub {@code resolve} URLs,
 *       with at most two ranged reads per file and a cache keyed by content id.
 *   <li>{@link org.modelevolution.formats.ModelFiles}: which file names count as model files (the
 *       study's list and the extended one).
 *   <li>{@link org.modelevolution.formats.CorpusValidation} and {@link
 *       org.modelevolution.formats.DetectorBenchmark}: validation on a labelled corpus (notebook
 *       {@code 01-detector-validation}) and the {@code bench-detect} measurement.
 * </ul>
 *
 * <h2>Safety and bounds</h2>
 *
 * Nothing is unpickled, loaded or executed: pickles are walked opcode by opcode ({@code
 * PickleScanner}). Reads go through {@code Probe}: a head window grown on demand up to {@link
 * org.modelevolution.formats.DetectorOptions#headWindow()}, a tail window for zip central
 * directories and table footers, and single ranges of at most 1 MiB. Declared lengths (safetensors
 * header length, zip offsets and sizes, protobuf lengths, npy header lengths, pickle string and
 * bytes lengths) are checked against the file before use and never drive an allocation: payloads
 * are skipped by seeking. Decompression (joblib compressions, deflated zip entries) is streamed and
 * capped ({@link org.modelevolution.formats.DetectorOptions#decompressedCap()}); past the cap the
 * pickle scan is {@link org.modelevolution.formats.PickleScan.Completeness#INCOMPLETE} (and never
 * {@code safe}). xz/lzma decoders
 * have a 72 MiB memory limit (the largest standard preset). No exception escapes {@code Detector.detect}: a failing rule is
 * recorded as evidence and the next rule runs; an unreadable input is reported as such.
 *
 * <h2>Pickle verdicts</h2>
 *
 * {@link org.modelevolution.formats.PicklePolicy} judges each import by one versioned allow list
 * and one deny list (resource {@code pickle-policy.txt}; the deny list covers picklescan's,
 * ModelScan's and fickling's, with the commits read); {@link org.modelevolution.formats.PickleScan}
 * holds each import with its verdict, rule and offset, the file verdict, and apart from it the
 * completeness with the gaps (truncated stream, exhausted budget, unknown opcode, unresolvable
 * import, unscannable container). {@link org.modelevolution.formats.SarifReport} writes SARIF 2.1.0.
 *
 * <p>What is scanned follows what the loaders would run, not names: every bytes or text value of a
 * pickle is inspected as a possible nested pickle or zip ({@code torch.storage._load_from_bytes},
 * {@code bytes(list)}, {@code _codecs.encode}); zip members are decided by their first bytes (any
 * pickle, object npy or nested zip, whatever its name), tar members likewise; the bytes from offset 0
 * of a file another rule claims are walked as a possible polyglot pickle. Such guessed walks count
 * their imports and drop their errors (text and raw data are no pickles). Each import names its
 * evidence class ({@code stream}, {@code archive member}, {@code nested}, {@code polyglot}); a
 * detection that read more than 128 KiB says how much, and for what ({@link
 * org.modelevolution.formats.Detection#reads()}). {@link org.modelevolution.formats.BypassCorpus}
 * generates the bypass classes and benign look-alikes the tests and notebook 01 check.
 *
 * <h2>Command line</h2>
 *
 * {@code detect [--json|--sarif] [--strict] PATH|URL...} ({@code -} reads inputs from stdin, one
 * per line) prints one line per input; with {@code --json} one object with {@code path}, {@code
 * format}, {@code studyLabel}, {@code bytesRead}, {@code size}, {@code pickleGlobals}, {@code
 * pickleVerdict}, {@code evidence} and, for pickles, {@code pickle} (see {@link
 * org.modelevolution.formats.DetectionJson}); with {@code --sarif} one SARIF log. Exit codes: 0
 * every input was read and classified ({@code unknown} is a classification), 1 some input could
 * not be read, 2 usage error, 3 some file is dangerous. {@code bench-detect} prints the benchmark.
 */
package org.modelevolution.formats;
