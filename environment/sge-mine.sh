#!/bin/bash
# Mine the Hugging Face Hub with a Grid Engine job array: one shard per array task. From the checkout, with logs/ made:
#
#   export OUT=/scratch/$USER/mined SHARDS=16
#   sel=$(qsub -terse -t 1 environment/sge-mine.sh select | cut -d. -f1)                     # unsharded
#   arr=$(qsub -terse -hold_jid $sel -t 1-$SHARDS environment/sge-mine.sh shard | cut -d. -f1)
#   mrg=$(qsub -terse -hold_jid $arr -t 1 environment/sge-mine.sh merge | cut -d. -f1)       # + bot PRs
#
# (select and merge run as arrays of one task, as the -t directive below makes every submission an array; -terse
# prints an array's id as <job>.<first>-<last>:<step>.)
# The array's task ids are 1 .. SHARDS: task t mines shard t-1 of SHARDS (mine-hub --shard <t-1>/SHARDS), writes its
# own checkpoints, tables and manifests under $OUT/shards/<t-1>-of-<SHARDS>/ and shares the per-repository parts;
# "merge" assembles the tables (byte-identical to one unsharded run, environment/cluster-test.sh) and then mines the
# bot PRs. A step that fails exits 100, which puts its task in Grid Engine's error state (qstat: Eqw), so that the
# jobs held on it wait instead of running on a partial result.
#
# A failed, cancelled or timed-out task is resubmitted alone; it resumes from its checkpoints. Hold the merge first
# (-hold_jid waits for the array's tasks to end, not to succeed), then let it wait for the resubmitted task too:
#   qhold $mrg; qdel $arr -t <t>                       # the failed task, if it is still listed
#   re=$(qsub -terse -t <t> environment/sge-mine.sh shard | cut -d. -f1)
#   qalter -hold_jid $arr,$re $mrg; qrls $mrg           # the merge fails naming any repository no shard mined
#
# HF_TOKEN comes from the environment of the submitting shell (-V below; never put it in this file). The rate limits
# are per token, so one token per task divides the wall time by the number of tasks: HF_TOKEN_FILE=tokens.txt (one
# token per line; task t reads line t, so a resubmitted task keeps its token) sets HF_TOKEN of each task. JAR names
# the jar (default lib/target/safetensors-study.jar, relative to the submit directory).
#$ -N sfstudy-mine
#$ -S /bin/bash
#$ -cwd
#$ -V
#$ -j y
#$ -o logs/
#$ -l h_rt=48:00:00
#$ -t 1-16
set -euo pipefail
trap 'exit 100' ERR

JAR=${JAR:-lib/target/safetensors-study.jar}
STEP=${1:-}
[[ -n "${OUT:-}" ]] || { echo "set OUT to the shared output folder" >&2; exit 100; }
[[ -n "${SHARDS:-}" || "$STEP" == select ]] || { echo "set SHARDS to the number of shards" >&2; exit 100; }

# select and merge are whole-Hub steps in a one-task array: --shard 0/1 (everything) rather than the array's variables.
case "$STEP" in
  select)
    java -jar "$JAR" mine-hub select --out "$OUT" --shard 0/1 ;;
  shard)
    SHARD=$((SGE_TASK_ID - 1))
    if [[ -n "${HF_TOKEN_FILE:-}" ]]; then
      HF_TOKEN=$(sed -n "${SGE_TASK_ID}p" "$HF_TOKEN_FILE")
      [[ -n "$HF_TOKEN" ]] || { echo "no line $SGE_TASK_ID in HF_TOKEN_FILE for task $SGE_TASK_ID" >&2; exit 100; }
      export HF_TOKEN
    fi
    java -jar "$JAR" mine-hub history --out "$OUT" --shard "$SHARD/$SHARDS"
    java -jar "$JAR" mine-hub formats --out "$OUT" --shard "$SHARD/$SHARDS" ;;
  merge)
    java -jar "$JAR" mine-hub merge --shards "$SHARDS" --out "$OUT" --shard 0/1
    java -jar "$JAR" mine-hub bot-prs --out "$OUT" --shard 0/1 ;;
  *)
    echo "usage: sge-mine.sh select|shard|merge (got '$STEP')" >&2; exit 100 ;;
esac
