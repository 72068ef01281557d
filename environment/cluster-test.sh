#!/bin/bash
# Runs the mining job-array scripts under a real scheduler on this one machine, against a simulated Hub on 127.0.0.1:
#
#   environment/cluster-test.sh slurm    # environment/slurm-mine.sbatch on a one-node SLURM (munged, slurmctld, slurmd)
#   environment/cluster-test.sh sge      # environment/sge-mine.sh on a one-host Grid Engine (sge_qmaster, sge_execd)
#
# (make cluster-test SCHEDULER=slurm|sge builds the jar and the simulated Hub first.) As root: it installs the scheduler
# from Debian (apt-get), starts its daemons with a generated configuration in a temporary folder (host: this
# machine's name, which must resolve to 127.0.0.1; 2 CPUs / slots), submits the steps as the script's header says
# (select, an array of 4 shards, merge and bot PRs, chained by dependencies), cancels one array task while it mines
# (the Hub paused meanwhile, so that it is caught mid-run) and resubmits it alone, waits for the merge, and compares
# the merged tables with one unsharded `mine-hub all` (diff -r) and with the simulated Hub's ground truth. Then it
# stops every daemon it started, removes its folders, and purges the packages its apt-get installed (and the system
# users and groups that installation made), leaving the machine as found (KEEP_PACKAGES=1 keeps them for the next
# run). Exit 0 when the tables are equal byte for byte.
set -euo pipefail

SCHEDULER=${1:?usage: cluster-test.sh slurm|sge}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
JAR=$ROOT/lib/target/safetensors-study.jar
CLASSPATH_FILE=$ROOT/lib/target/test-classpath.txt
SHARDS=4
CANCEL_TASK=${CANCEL_TASK:-2}          # the shard whose array task is cancelled mid-run and resubmitted
REPOS=${REPOS:-40}                     # repositories of the simulated Hub (a few dozen: the machine is shared)
TIMEOUT_S=${TIMEOUT_S:-900}
HOST=$(hostname)
case "$SCHEDULER" in
  slurm) PACKAGES=(slurm-wlm munge) ;;
  sge) PACKAGES=(gridengine-master gridengine-exec gridengine-client) ;;
  *) echo "usage: cluster-test.sh slurm|sge" >&2; exit 2 ;;
esac

fail() { echo "cluster-test ($SCHEDULER): $*" >&2; exit 1; }
say() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*"; }

[[ $(id -u) == 0 ]] || fail "run as root: it installs packages and starts the scheduler's daemons"
[[ -f "$JAR" && -f "$CLASSPATH_FILE" ]] || fail "no jar or test classpath; run it as make cluster-test SCHEDULER=$SCHEDULER"
[[ -f "$SHARED/formats-corpus/labels.csv" ]] || fail "no formats corpus under $SHARED (set SHARED)"
[[ $(getent ahostsv4 "$HOST" | awk 'NR == 1 { print $1 }') == 127.0.0.1 ]] \
  || fail "this host's name $HOST does not resolve to 127.0.0.1 (getent hosts $HOST); the test runs on loopback only"

installed_packages() { dpkg-query -W -f '${db:Status-Status} ${Package}\n' | awk '$1 == "installed" { print $2 }' | sort; }

WORK=$(mktemp -d "/tmp/cluster-test-$SCHEDULER.XXXXXX")
PIDS=()            # daemons and servers started here, stopped at exit by their ids
SGE_CELL_DIR=""
ADDED_PACKAGES=""  # what our apt-get install added (the machine is shared: nothing else is purged)
ADDED_USERS=""
ADDED_GROUPS=""
STARTED=$(date +%s)

cleanup() {
  local status=$?
  set +e
  cd /
  say "cleaning up"
  if [[ $SCHEDULER == slurm && -n "${SLURM_CONF:-}" ]] && [[ -f "$SLURM_CONF" ]]; then
    squeue -h -o %A 2>/dev/null | sort -u | xargs -r scancel 2>/dev/null
    sleep 2
  fi
  if [[ $SCHEDULER == sge && -n "$SGE_CELL_DIR" ]]; then
    qdel -u root >/dev/null 2>&1
    sleep 2
    qconf -ke "$HOST" >/dev/null 2>&1
    qconf -km >/dev/null 2>&1
  fi
  [[ -n "${HUB_PID:-}" ]] && kill -CONT "$HUB_PID" 2>/dev/null
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
  [[ -n "$SGE_CELL_DIR" ]] && rm -rf "$SGE_CELL_DIR"
  if [[ $status != 0 && -n "${KEEP_WORK:-}" ]]; then
    echo "kept $WORK for inspection (KEEP_WORK)"
  else
    rm -rf "$WORK"
  fi
  if [[ -z "${KEEP_PACKAGES:-}" && -n "$ADDED_PACKAGES" ]]; then
    say "purging what the test installed: $(echo $ADDED_PACKAGES)"
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -q $ADDED_PACKAGES >/dev/null 2>&1 \
      || echo "apt-get purge failed: $ADDED_PACKAGES" >&2
    # The purge removes some of the users the installation made (slurm, munge), not all (sgeadmin, Debian-exim).
    for user in $ADDED_USERS; do getent passwd "$user" >/dev/null && userdel "$user"; done
    for group in $ADDED_GROUPS; do getent group "$group" >/dev/null && groupdel "$group"; done
  fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- packages
missing=()
for p in "${PACKAGES[@]}"; do installed_packages | grep -qx "$p" || missing+=("$p"); done
if ((${#missing[@]})); then
  say "installing ${missing[*]} from Debian"
  installed_packages > "$WORK/packages-before"
  getent passwd | cut -d: -f1 | sort > "$WORK/users-before"
  getent group | cut -d: -f1 | sort > "$WORK/groups-before"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" > "$WORK/apt.log" 2>&1 \
    || { tail -20 "$WORK/apt.log" >&2; fail "apt-get install ${missing[*]} failed"; }
  ADDED_PACKAGES=$(installed_packages | comm -13 "$WORK/packages-before" -)
  ADDED_USERS=$(getent passwd | cut -d: -f1 | sort | comm -13 "$WORK/users-before" -)
  ADDED_GROUPS=$(getent group | cut -d: -f1 | sort | comm -13 "$WORK/groups-before" -)
fi
INSTALLED=$(date +%s)

# ---------------------------------------------------------------- the simulated Hub
say "starting the simulated Hub of $REPOS repositories on 127.0.0.1"
java -Dshared.dir="$SHARED" -cp "$ROOT/lib/target/classes:$ROOT/lib/target/test-classes:$(cat "$CLASSPATH_FILE")" \
  org.modelevolution.mining.SimulatedHubServer --repos "$REPOS" --seed 1 --port 0 --truth "$WORK/truth" \
  --git "$WORK/hub-git" > "$WORK/hub.log" 2>&1 &
HUB_PID=$!
PIDS+=($HUB_PID)
for _ in $(seq 240); do grep -qs '^serving ' "$WORK/hub.log" && break; kill -0 $HUB_PID 2>/dev/null || break; sleep 0.5; done
grep -q '^serving ' "$WORK/hub.log" || { cat "$WORK/hub.log" >&2; fail "the simulated Hub did not start"; }
say "$(head -1 "$WORK/hub.log")"
export HF_ENDPOINT
HF_ENDPOINT=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$WORK/hub.log" | head -1)
# One token per task, as the scripts' headers say; the simulated Hub serves anonymous requests, so these are
# placeholders (not the fake Hub's token, which would open its gated repositories to some runs only).
unset HF_TOKEN
for ((i = 0; i < SHARDS; i++)); do echo "hf_clustertest_placeholder_for_task_$i"; done > "$WORK/tokens.txt"
export HF_TOKEN_FILE=$WORK/tokens.txt
export OUT=$WORK/mined SHARDS JAR
mkdir -p "$WORK/submit/logs"
cd "$WORK/submit"

# Whether the shard to cancel has mined a repository (its history journal has a line per repository, appended when
# the repository is done), and what it has mined so far.
mined_one() { [[ -s "$OUT/shards/$CANCEL_TASK-of-$SHARDS/work/history-legacy.journal" ]]; }
mined_so_far() {
  local journal
  for journal in "$OUT/shards/$CANCEL_TASK-of-$SHARDS"/work/{history,formats}-{legacy,recent}.journal; do
    [[ -f $journal ]] && printf '%s %s ' "$(basename "$journal" .journal)" "$(wc -l < "$journal")"
  done
  echo "repositories done"
}

# Runs a setup command with its chatter in $WORK/setup.log, failing with its last lines.
quietly() { "$@" >> "$WORK/setup.log" 2>&1 || { tail -5 "$WORK/setup.log" >&2; fail "$* failed"; }; }

# Waits until CONDITION (a shell command) holds, or fails after TIMEOUT_S naming WHAT.
wait_for() {
  local what=$1 condition=$2 deadline=$(( $(date +%s) + TIMEOUT_S ))
  until eval "$condition"; do
    (( $(date +%s) < deadline )) || fail "timed out waiting for $what"
    sleep 0.5
  done
}

# ---------------------------------------------------------------- SLURM
slurm_state() { scontrol -o show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | head -1 | cut -d= -f2; }

start_slurm() {
  local dir=$WORK/slurm memory
  mkdir -p "$dir/state" "$dir/spool" "$WORK/munge"
  chmod 700 "$WORK/munge"
  dd if=/dev/urandom of="$WORK/munge/munge.key" bs=1024 count=1 status=none
  chmod 400 "$WORK/munge/munge.key"
  munged --force --key-file="$WORK/munge/munge.key" --socket="$WORK/munge/munge.socket" \
    --pid-file="$WORK/munge/munged.pid" --log-file="$WORK/munge/munged.log" --seed-file="$WORK/munge/munged.seed" \
    || fail "munged did not start ($(tail -3 "$WORK/munge/munged.log" 2>/dev/null))"
  PIDS+=("$(cat "$WORK/munge/munged.pid")")
  memory=$(( $(awk '/MemTotal/ { print $2 }' /proc/meminfo) / 1024 - 1024 ))
  export SLURM_CONF=$dir/slurm.conf
  cat > "$SLURM_CONF" <<EOF
ClusterName=clustertest
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
AuthInfo=socket=$WORK/munge/munge.socket
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
MinJobAge=3600
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=2 RealMemory=$memory State=UNKNOWN
PartitionName=clustertest Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF
  slurmctld -D -f "$SLURM_CONF" > "$dir/slurmctld.out" 2>&1 &
  PIDS+=($!)
  slurmd -D -f "$SLURM_CONF" > "$dir/slurmd.out" 2>&1 &
  PIDS+=($!)
  wait_for "the SLURM node to be idle (see $dir/slurmctld.log)" \
    "sinfo -h -n '$HOST' -o %T 2>/dev/null | grep -qx idle"
  say "SLURM up: $(sinfo -h -o '%P %D %c %T')"
}

run_slurm() {
  local script=$ROOT/environment/slurm-mine.sbatch sel arr mrg re state
  # As the script's header says:
  sel=$(sbatch --parsable --export=ALL "$script" select)
  arr=$(sbatch --parsable --dependency=afterok:$sel --array=0-$((SHARDS - 1)) --export=ALL "$script" shard)
  mrg=$(sbatch --parsable --dependency=afterok:$arr --export=ALL "$script" merge)
  say "submitted select $sel, array $arr (0-$((SHARDS - 1))), merge $mrg"

  wait_for "task ${arr}_$CANCEL_TASK to mine a repository" "mined_one && [[ \$(slurm_state ${arr}_$CANCEL_TASK) == RUNNING ]] \
    || { [[ \$(slurm_state ${arr}_$CANCEL_TASK) =~ ^(COMPLETED|FAILED)$ ]] && fail 'task ${arr}_$CANCEL_TASK ended before it could be cancelled'; }"
  # The Hub is paused while the task is cancelled, so that the task is cancelled mid-run however fast it mines.
  kill -STOP $HUB_PID
  state=$(slurm_state "${arr}_$CANCEL_TASK")
  [[ $state == RUNNING ]] || { kill -CONT $HUB_PID; fail "task ${arr}_$CANCEL_TASK ended $state before it could be cancelled"; }
  scancel "${arr}_$CANCEL_TASK"
  wait_for "task ${arr}_$CANCEL_TASK to end" "[[ ! \$(slurm_state ${arr}_$CANCEL_TASK) =~ ^(RUNNING|COMPLETING)$ ]]"
  kill -CONT $HUB_PID
  state=$(slurm_state "${arr}_$CANCEL_TASK")
  [[ $state == CANCELLED ]] || fail "task ${arr}_$CANCEL_TASK ended $state, not CANCELLED"
  say "cancelled task ${arr}_$CANCEL_TASK while it mined (its journals: $(mined_so_far))"

  re=$(sbatch --parsable --array=$CANCEL_TASK --export=ALL "$script" shard)
  wait_for "the merge to wait on a dependency never satisfied" \
    "scontrol -o show job $mrg | grep -q 'Reason=DependencyNeverSatisfied'"
  scontrol update JobId="$mrg" Dependency="afterany:$arr,afterok:$re"
  say "resubmitted task $CANCEL_TASK as ${re}_$CANCEL_TASK; merge $mrg now waits for it"

  wait_for "merge $mrg to end" "[[ \$(slurm_state $mrg) =~ ^(COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY)$ ]]"
  for job in "$sel" "${re}_$CANCEL_TASK" "$mrg"; do
    state=$(slurm_state "$job")
    [[ $state == COMPLETED ]] || { tail -n 30 logs/* >&2; fail "job $job ended $state"; }
  done
  for ((i = 0; i < SHARDS; i++)); do
    [[ $i == "$CANCEL_TASK" ]] && continue
    state=$(slurm_state "${arr}_$i")
    [[ $state == COMPLETED ]] || { tail -n 30 logs/* >&2; fail "task ${arr}_$i ended $state"; }
  done
}

# ---------------------------------------------------------------- Grid Engine
# A cell of our own beside Debian's default one (SGE_ROOT/<cell>/common: bootstrap, act_qmaster, host_aliases), classic
# spooling into $WORK, root as admin user and allowed to run jobs (min_uid 0), ports of our own.
start_sge() {
  local dir=$WORK/sge gridengine=/usr/lib/gridengine
  export SGE_ROOT=/var/lib/gridengine SGE_CELL=clustertest-$$ SGE_QMASTER_PORT=16444 SGE_EXECD_PORT=16445
  [[ ! -e $SGE_ROOT/$SGE_CELL ]] || fail "$SGE_ROOT/$SGE_CELL exists already"
  SGE_CELL_DIR=$SGE_ROOT/$SGE_CELL
  mkdir -p "$SGE_CELL_DIR/common" "$dir/qmaster" "$dir/execd"
  printf '%s\n' "# Version: 6.2" "admin_user none" "default_domain none" "ignore_fqdn true" "spooling_method classic" \
    "spooling_lib libspoolc" "spooling_params $SGE_CELL_DIR/common;$dir/qmaster" "binary_path /usr/sbin" \
    "qmaster_spool_dir $dir/qmaster" "security_mode none" "listener_threads 2" "worker_threads 2" \
    "scheduler_threads 1" > "$SGE_CELL_DIR/common/bootstrap"
  echo "$HOST" > "$SGE_CELL_DIR/common/act_qmaster"
  # 127.0.0.1 resolves back to "localhost" (the first name of /etc/hosts): the same host for Grid Engine.
  echo "$HOST localhost" > "$SGE_CELL_DIR/common/host_aliases"
  sed -e 's/^min_uid .*/min_uid 0/' -e 's/^min_gid .*/min_gid 0/' -e "s|^execd_spool_dir .*|execd_spool_dir $dir/execd|" \
    -e 's/^load_report_time .*/load_report_time 00:00:05/' \
    -e 's/^reporting_params .*/reporting_params accounting=true reporting=false flush_time=00:00:01 joblog=false sharelog=00:00:00/' \
    /usr/share/gridengine/default-configuration > "$dir/configuration"
  {
    $gridengine/spoolinit classic libspoolc "$SGE_CELL_DIR/common;$dir/qmaster" init
    $gridengine/spooldefaults configuration "$dir/configuration"
    $gridengine/spooldefaults complexes /usr/share/gridengine/util/resources/centry
    $gridengine/spooldefaults usersets /usr/share/gridengine/util/resources/usersets
    $gridengine/spooldefaults managers root
    $gridengine/spooldefaults adminhosts "$HOST"
  } > "$dir/init.log" 2>&1 || { cat "$dir/init.log" >&2; fail "the Grid Engine cell could not be initialised"; }
  /usr/sbin/sge_qmaster || fail "sge_qmaster did not start ($dir/qmaster/messages)"
  wait_for "sge_qmaster's pid file" "[[ -s '$dir/qmaster/qmaster.pid' ]]"
  PIDS+=("$(cat "$dir/qmaster/qmaster.pid")")
  wait_for "sge_qmaster to answer" "qconf -sh >/dev/null 2>&1"
  quietly qconf -as "$HOST"
  qconf -ssconf | sed -e 's/^schedule_interval .*/schedule_interval 0:0:1/' -e 's/^flush_submit_sec .*/flush_submit_sec 1/' \
    -e 's/^flush_finish_sec .*/flush_finish_sec 1/' > "$dir/scheduler"
  quietly qconf -Msconf "$dir/scheduler"
  printf '%s\n' "hostname $HOST" "load_scaling NONE" "complex_values NONE" "user_lists NONE" "xuser_lists NONE" \
    "projects NONE" "xprojects NONE" "usage_scaling NONE" "report_variables NONE" > "$dir/exechost"
  quietly qconf -Ae "$dir/exechost"
  # No load threshold: the machine is shared, and a load above the default 1.75 per core would close the queue.
  qconf -sq | sed -e 's/^qname .*/qname clustertest.q/' -e "s/^hostlist .*/hostlist $HOST/" -e 's/^slots .*/slots 2/' \
    -e 's/^load_thresholds .*/load_thresholds NONE/' -e 's/^pe_list .*/pe_list NONE/' -e 's|^shell .*|shell /bin/bash|' \
    > "$dir/queue"
  quietly qconf -Aq "$dir/queue"
  /usr/sbin/sge_execd || fail "sge_execd did not start"
  wait_for "sge_execd's pid file" "ls '$dir'/execd/*/execd.pid >/dev/null 2>&1"
  PIDS+=("$(cat "$dir"/execd/*/execd.pid)")
  wait_for "the queue to open on $HOST" \
    "qstat -f -q clustertest.q | awk '\$1 == \"clustertest.q@$HOST\" && NF == 5 { ok = 1 } END { exit !ok }'"
  say "Grid Engine up: $(qstat -f | grep clustertest.q)"
}

sge_running_task() { qstat -s r -g d 2>/dev/null | awk -v job="$1" -v task="$2" '$1 == job && $NF == task { found = 1 } END { exit !found }'; }
sge_listed_task() { qstat -g d 2>/dev/null | awk -v job="$1" -v task="$2" '$1 == job && $NF == task { found = 1 } END { exit !found }'; }
sge_listed() { qstat -g d 2>/dev/null | awk -v job="$1" '$1 == job { found = 1 } END { exit !found }'; }
# "<task> <exit status>" per finished task of a job, from the accounting file.
sge_exits() { qacct -j "$1" 2>/dev/null | awk '/^taskid/ { task = $2 } /^exit_status/ { print task, $2 }' | sort -n; }

run_sge() {
  local script=$ROOT/environment/sge-mine.sh sel arr mrg re task=$((CANCEL_TASK + 1)) exits bad held
  # What sge-mine.sh's header says of a failing step: it exits 100, Grid Engine keeps the task in its error state
  # (Eqw) and a job held on it waits.
  bad=$(qsub -terse -t 1 "$script" no-such-step | cut -d. -f1)
  held=$(qsub -terse -hold_jid "$bad" -b y true)
  wait_for "the failing step $bad to enter the error state" \
    "qstat -g d | awk -v j=$bad '\$1 == j && \$5 ~ /E/ { f = 1 } END { exit !f }'"
  sleep 3
  qstat -g d | awk -v j="$held" '$1 == j && $5 == "hqw" { f = 1 } END { exit !f }' \
    || fail "job $held held on the failed step $bad did not wait: $(qstat -g d | awk -v j="$held" '$1 == j')"
  qdel "$bad" "$held" >/dev/null
  say "a failing step (exit 100) stays in the error state and the job held on it waits"
  # As the script's header says:
  sel=$(qsub -terse -t 1 "$script" select | cut -d. -f1)
  arr=$(qsub -terse -hold_jid "$sel" -t 1-$SHARDS "$script" shard | cut -d. -f1)
  mrg=$(qsub -terse -hold_jid "$arr" -t 1 "$script" merge | cut -d. -f1)
  say "submitted select $sel, array $arr (1-$SHARDS), merge $mrg"

  wait_for "task $arr.$task to mine" "mined_one && sge_running_task $arr $task \
    || { [[ -n \$(sge_exits $arr | awk -v t=$task '\$1 == t') ]] && fail 'task $arr.$task ended before it could be deleted'; }"
  qhold "$mrg" >/dev/null
  # The Hub is paused while the task is deleted, so that the task is deleted mid-run however fast it mines.
  kill -STOP $HUB_PID
  sge_running_task "$arr" "$task" || { kill -CONT $HUB_PID; fail "task $arr.$task ended before it could be deleted"; }
  qdel "$arr" -t "$task" >/dev/null
  wait_for "task $arr.$task to end" "! sge_listed_task $arr $task"
  kill -CONT $HUB_PID
  [[ ! -f "$OUT/shards/$CANCEL_TASK-of-$SHARDS/manifests/formats-recent.json" ]] \
    || fail "task $arr.$task finished its shard although it was deleted"
  say "deleted task $arr.$task while it mined (its journals: $(mined_so_far))"

  re=$(qsub -terse -t "$task" "$script" shard | cut -d. -f1)
  qalter -hold_jid "$arr,$re" "$mrg" >/dev/null
  qrls "$mrg" >/dev/null
  say "resubmitted task $task as $re.$task; merge $mrg now waits for it"

  wait_for "merge $mrg to end (qstat; an Eqw state is a failed step, see $WORK/submit/logs)" "! sge_listed $mrg"
  wait_for "the accounting of merge $mrg" "[[ -n \$(sge_exits $mrg) ]]"
  for job in "$sel" "$re" "$mrg"; do
    exits=$(sge_exits "$job")
    [[ $(echo "$exits" | awk '$2 == 0' | wc -l) == 1 ]] \
      || { tail -n 30 logs/* >&2; fail "job $job: task and exit status: $exits"; }
  done
  exits=$(sge_exits "$arr" | awk -v t="$task" '$1 != t')
  [[ $(echo "$exits" | awk '$2 == 0' | wc -l) == $((SHARDS - 1)) ]] \
    || { tail -n 30 logs/* >&2; fail "array $arr: task and exit status: $exits"; }
}

# ---------------------------------------------------------------- the run
"start_$SCHEDULER"
DAEMONS_UP=$(date +%s)
"run_$SCHEDULER"
CLUSTER_DONE=$(date +%s)

say "mining the same Hub unsharded (mine-hub all)"
java -jar "$JAR" mine-hub all --out "$WORK/unsharded" > "$WORK/unsharded.log" 2>&1 \
  || { tail -20 "$WORK/unsharded.log" >&2; fail "the unsharded run failed"; }
UNSHARDED_DONE=$(date +%s)

# The tables are the regular files at the top of each output folder (the rest is checkpoints and manifests).
mkdir -p "$WORK/tables/cluster" "$WORK/tables/unsharded"
find "$OUT" -maxdepth 1 -type f -exec cp {} "$WORK/tables/cluster/" \;
find "$WORK/unsharded" -maxdepth 1 -type f -exec cp {} "$WORK/tables/unsharded/" \;
[[ $(ls "$WORK/tables/unsharded" | wc -l) -ge 6 ]] || fail "the unsharded run wrote $(ls "$WORK/tables/unsharded" | wc -l) tables"
if diff -r "$WORK/tables/unsharded" "$WORK/tables/cluster" > "$WORK/tables.diff"; then
  say "the merged tables equal the unsharded run's byte for byte: $(cd "$WORK/tables/cluster" && echo *)"
else
  head -40 "$WORK/tables.diff" >&2
  fail "the merged tables differ from the unsharded run's"
fi
# The simulated Hub's ground truth, computed from its own records, for the tables it has (SimulatedHub#writeTruth).
truths=0
for truth in "$WORK"/truth/*.csv; do
  [[ -f "$WORK/tables/cluster/$(basename "$truth")" ]] || continue
  cmp "$truth" "$WORK/tables/cluster/$(basename "$truth")" || fail "$(basename "$truth") differs from the ground truth"
  truths=$((truths + 1))
done
((truths >= 3)) || fail "only $truths ground-truth tables to compare"
say "and $truths of them equal the simulated Hub's ground truth"
echo "timings ($SCHEDULER): install $((INSTALLED - STARTED)) s, daemons $((DAEMONS_UP - INSTALLED)) s," \
  "cluster run (submit to merged, with the cancel and resubmission) $((CLUSTER_DONE - DAEMONS_UP)) s," \
  "unsharded run $((UNSHARDED_DONE - CLUSTER_DONE)) s, total $(( $(date +%s) - STARTED )) s"
