package org.modelevolution.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HubRepoTest {
  @Test
  void parsesAndPrintsTheWebFormOfEachKind() {
    assertThat(HubRepo.parse("spaces/safetensors/convert")).isEqualTo(HubRepo.space("safetensors/convert"));
    assertThat(HubRepo.parse("datasets/safetensors/conversions"))
        .isEqualTo(new HubRepo(HubRepo.Kind.DATASET, "safetensors/conversions"));
    assertThat(HubRepo.parse("acme-lab/tiny-bert-sst2")).isEqualTo(HubRepo.model("acme-lab/tiny-bert-sst2"));
    assertThat(HubRepo.space("safetensors/convert")).hasToString("spaces/safetensors/convert");
    assertThat(HubRepo.model("gpt2")).hasToString("gpt2");
    assertThat(HubRepo.Kind.SPACE.apiSegment()).isEqualTo("spaces");
  }

  @Test
  void rejectsIdsThatAreNotRepositoryIds() {
    assertThatThrownBy(() -> HubRepo.model(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HubRepo.model("/x")).isInstanceOf(IllegalArgumentException.class);
  }
}
