package org.modelevolution.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class PickleScannerTest {

  private static PickleScan scan(byte[] pickle) throws IOException {
    PickleScanner scanner = new PickleScanner();
    PickleScanner.Outcome outcome = scanner.walk(new ByteArrayInputStream(pickle));
    if (!outcome.clean()) {
      scanner.incomplete("pickle", outcome.end(), outcome.problem());
    }
    return scanner.result();
  }

  @Test
  void stackGlobalResolvedFromMemoizedStrings() throws IOException {
    byte[] p = Pickles.protocol(4).op(0x95).u64(0)
        .shortUnicode("os").op(0x94)            // memo 0
        .shortUnicode("system").op(0x94)        // memo 1
        .op(0x93).op(0x94)                      // STACK_GLOBAL, memo 2
        .op('0')                                // POP
        .op('h', 0).op('h', 1).op(0x93)         // BINGET 0, BINGET 1, STACK_GLOBAL again
        .shortUnicode("echo").op(0x85, 'R').stop().bytes();
    PickleScan scan = scan(p);
    assertThat(scan.globals()).containsExactly("os.system");
    assertThat(scan.verdict()).isEqualTo(PickleVerdict.DANGEROUS);
  }

  @Test
  void longMemoKeysAreTracked() throws IOException {
    byte[] p = Pickles.protocol(3)
        .unicode("subprocess").op('r').u32(1000)
        .unicode("check_output").op('r').u32(1001)
        .op(')', '0')                            // push and pop an unrelated tuple
        .op('j').u32(1000).op('j').u32(1001).op(0x93)
        .op(')', 'R').stop().bytes();
    assertThat(scan(p).globals()).containsExactly("subprocess.check_output");
  }

  @Test
  void binputAndMemoizeShareTheMemo() throws IOException {
    byte[] p = Pickles.protocol(2)
        .op('U', 8).ascii("builtins").op('q', 7)
        .op('U', 4).ascii("eval").op('q', 8)
        .op('h', 7).op('h', 8).op(0x93).op(')', 'R').stop().bytes();
    PickleScan scan = scan(p);
    assertThat(scan.globals()).containsExactly("builtins.eval");
    assertThat(scan.verdict()).isEqualTo(PickleVerdict.DANGEROUS);
  }

  @Test
  void instAndProtocolZeroGlobalsWithTextMemo() throws IOException {
    byte[] p = Pickles.text()
        .global("collections", "OrderedDict").ascii("p0\n")
        .op('(').ascii("l").ascii("p1\n")
        .op('t', 'R')
        .op('(').ascii("S'x'\n").op('i').ascii("__builtin__\nset\n")
        .op('0').ascii("g0\n").op('0')
        .stop().bytes();
    PickleScan scan = scan(p);
    assertThat(scan.globals()).containsExactly("__builtin__.set", "collections.OrderedDict");
    assertThat(scan.verdict()).isEqualTo(PickleVerdict.SAFE);
  }

  @Test
  void userClassesAreSuspiciousAndExtensionsIncomplete() throws IOException {
    PickleScan user = scan(Pickles.protocol(2).global("mypackage.models", "Net").stop().bytes());
    assertThat(user.verdict()).isEqualTo(PickleVerdict.SUSPICIOUS);
    assertThat(user.rule()).isEqualTo(PicklePolicy.UNLISTED);
    assertThat(user.judgedBy(PicklePolicy.strict()).verdict()).isEqualTo(PickleVerdict.DANGEROUS);
    PickleScan ext = scan(Pickles.protocol(2).op(0x82, 1).op(')', 'R').stop().bytes());
    assertThat(ext.globals()).isEmpty();
    assertThat(ext.verdict()).isEqualTo(PickleVerdict.SUSPICIOUS);
    assertThat(ext.completeness()).isEqualTo(PickleScan.Completeness.INCOMPLETE);
  }

  @Test
  void hugeDeclaredPayloadIsSkippedNotAllocated() throws IOException {
    byte[] p = Pickles.protocol(4).op(0x8e).u64(Long.MAX_VALUE / 2).stop().bytes();
    PickleScan scan = scan(p);
    assertThat(scan.verdict()).isEqualTo(PickleVerdict.SUSPICIOUS);
    assertThat(scan.complete()).isFalse();
    assertThat(scan.notes()).anyMatch(n -> n.contains("truncated"));
  }

  @Test
  void dangerousWinsOverIncomplete() throws IOException {
    byte[] p = Pickles.protocol(2).global("posix", "system").op('X').u32(100).bytes();
    assertThat(scan(p).verdict()).isEqualTo(PickleVerdict.DANGEROUS);
  }

  @Test
  void invalidOpcodeStopsTheWalk() throws IOException {
    PickleScanner scanner = new PickleScanner();
    PickleScanner.Outcome outcome = scanner.walk(new ByteArrayInputStream(new byte[] {(byte) 0x80, 2, (byte) 0xFF}));
    assertThat(outcome.clean()).isFalse();
    assertThat(outcome.problem()).contains("invalid opcode 0xff");
  }

  @Test
  void policyListsMatchExactNamesAndModuleTrees() {
    PicklePolicy policy = PicklePolicy.standard();
    assertThat(policy.judge("os", "system").verdict()).isEqualTo(PickleVerdict.DANGEROUS);
    assertThat(policy.judge("os", "system").rule()).isEqualTo("deny os.*");
    assertThat(policy.judge("torch.hub", "load").verdict()).isEqualTo(PickleVerdict.DANGEROUS);
    assertThat(policy.judge("osx", "thing").verdict()).isEqualTo(PickleVerdict.SUSPICIOUS);
    assertThat(policy.judge("builtins", "getattr").verdict()).isEqualTo(PickleVerdict.DANGEROUS);
    assertThat(policy.judge("builtins", "set").verdict()).isEqualTo(PickleVerdict.SAFE);
    assertThat(policy.judge("__torch__.a", "B").verdict()).isEqualTo(PickleVerdict.SAFE);
    assertThat(policy.judge("joblib.numpy_pickle", "NumpyArrayWrapper").verdict()).isEqualTo(PickleVerdict.SAFE);
    assertThat(policy.judge("joblib", "load").verdict()).isEqualTo(PickleVerdict.DANGEROUS);
    assertThat(policy.judge("torch.nn.modules.linear", "Linear").verdict()).isEqualTo(PickleVerdict.SUSPICIOUS);
    // attribute chains resolved by the unpickler reach denied names
    assertThat(policy.judge("torch.serialization", "os.system").rule()).startsWith("deny os.*");
    assertThat(policy.judge("collections", "OrderedDict.__init__.__globals__").verdict()).isEqualTo(PickleVerdict.DANGEROUS);
    assertThat(policy.version()).isNotBlank();
    assertThat(policy.sources()).hasSize(3);
  }

  @Test
  void joblibProtocolZeroWrapperSkipsTheRawArray() throws IOException {
    Pickles p = Pickles.text()
        .global("copy_reg", "_reconstructor")
        .op('(').global("joblib.numpy_pickle", "NumpyArrayWrapper").global("__builtin__", "object").op('N', 't', 'R')
        .op('(', 'd').ascii("Vshape\n").op('(').ascii("I2\n").op('t', 's')
        .ascii("Vdtype\n").global("numpy", "dtype").op('(').ascii("Vf8\nI00\nI01\n").op('t', 'R', 's')
        .ascii("Vnumpy_array_alignment_bytes\nI16\n").op('s', 'b')
        .op(3, 0xFF, 0xFF, 0xFF);
    for (int i = 0; i < 16; i++) {
      p.op('.'); // array bytes that would be STOP opcodes if they were not skipped
    }
    p.global("posix", "system").stop();
    PickleScanner scanner = new PickleScanner();
    PickleScanner.Outcome outcome = scanner.walk(new ByteArrayInputStream(p.bytes()));
    assertThat(outcome.clean()).isTrue();
    assertThat(scanner.result().globals())
        .containsExactly("__builtin__.object", "copy_reg._reconstructor", "joblib.numpy_pickle.NumpyArrayWrapper", "numpy.dtype", "posix.system");
  }

  @Test
  void numpyItemSizes() {
    assertThat(PickleScanner.itemSize("f8")).isEqualTo(8);
    assertThat(PickleScanner.itemSize("U3")).isEqualTo(12);
    assertThat(PickleScanner.itemSize("S5")).isEqualTo(5);
    assertThat(PickleScanner.itemSize("c16")).isEqualTo(16);
    assertThat(PickleScanner.itemSize("x")).isEqualTo(-1);
  }
}
