#!/usr/bin/env bash
# Run the real consumers of every generated artifact under DIR (default: generated).
#   bash .ci/check-generated.sh generated
# One line per check and file (PASS/FAIL), details indented below a failure,
# then a closing "N passed, N failed" line. Exit 1 if anything failed or nothing was found.
# Tools come from .venv (see .ci/install-tools.sh); override with TOPOGEN_VENV / TOPOGEN_COMPOSE_BIN.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CI_DIR="$ROOT/.ci"
DIR="${1:-generated}"
[[ -d "$DIR" ]] || { echo "check-generated: no such directory: $DIR" >&2; exit 2; }
DIR="$(cd "$DIR" && pwd)"

VENV="${TOPOGEN_VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"
YAMLLINT="$VENV/bin/yamllint"
SHELLCHECK="$VENV/bin/shellcheck"
PYMARKDOWN="$VENV/bin/pymarkdown"
for t in "$PY" "$YAMLLINT" "$SHELLCHECK" "$PYMARKDOWN"; do
  [[ -x "$t" ]] || { echo "check-generated: missing $t (run .ci/install-tools.sh)" >&2; exit 2; }
done
COMPOSE_BIN="${TOPOGEN_COMPOSE_BIN:-$("$PY" -c 'import compose, os; print(os.path.join(os.path.dirname(compose.__file__), "docker-compose"))')}"
[[ -x "$COMPOSE_BIN" ]] || { echo "check-generated: compose binary not executable: $COMPOSE_BIN" >&2; exit 2; }
TERRAFORM="$(command -v terraform || true)"
[[ -n "$TERRAFORM" ]] || { echo "check-generated: terraform not found" >&2; exit 2; }
SYSTEMD_ANALYZE="$(command -v systemd-analyze || true)"
[[ -n "$SYSTEMD_ANALYZE" ]] || { echo "check-generated: systemd-analyze not found" >&2; exit 2; }

SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/check-generated.XXXXXX")"
trap 'rm -rf "$SCRATCH"' EXIT

PASSED=0
FAILED=0
# pass CHECK FILE [NOTE] / fail CHECK FILE OUTPUT
rel() { printf '%s' "${1#"$DIR"/}"; }
pass() { PASSED=$((PASSED + 1)); printf 'PASS  %-15s %s%s\n' "$1" "$(rel "$2")" "${3:+  ($3)}"; }
fail() {
  FAILED=$((FAILED + 1)); printf 'FAIL  %-15s %s\n' "$1" "$(rel "$2")"
  printf '%s\n' "$3" | sed -e '/^[[:space:]]*$/d' -e 's/^/      | /' | head -n 40
}
# A clean environment for the external tools (no CI/user variables leak into them).
CLEAN_ENV=(env -i "PATH=/usr/local/bin:/usr/bin:/bin" "HOME=$SCRATCH/home" "LANG=C.UTF-8")
mkdir -p "$SCRATCH/home"

# Sorted list of files matching find predicates, NUL-safe enough for generated names.
files() { find "$DIR" -type f \( "$@" \) -not -path '*/.terraform/*' | LC_ALL=C sort; }

# ---- YAML: yamllint strict ------------------------------------------------------------------
YAMLLINT_CONFIG='{extends: default, rules: {document-start: disable, line-length: {max: 200}, truthy: {level: error, check-keys: true}}}'
while IFS= read -r f; do
  [[ -n "$f" ]] || continue
  if out="$("${CLEAN_ENV[@]}" "$YAMLLINT" -s -f parsable -d "$YAMLLINT_CONFIG" "$f" 2>&1)" && [[ -z "$out" ]]; then
    pass yamllint "$f"
  else
    fail yamllint "$f" "$out"
  fi
done < <(files -name '*.yml' -o -name '*.yaml' -o -name '*.yml.template' -o -name '*.yaml.template')

# ---- Compose: the real Docker Compose v2 loader ---------------------------------------------
SECRET="$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"   # 64 hex chars
while IFS= read -r f; do
  [[ -n "$f" ]] || continue
  name="$(basename "$f")"
  ok=1; msg=""
  # 1) with SESSION_SECRET in the project .env: must load with no output on stderr
  p="$SCRATCH/compose-ok"; rm -rf "$p"; mkdir -p "$p"
  cp -a "$(dirname "$f")/." "$p/"
  printf 'SESSION_SECRET=%s\n' "$SECRET" > "$p/.env"
  err="$(cd "$p" && "${CLEAN_ENV[@]}" "$COMPOSE_BIN" -f "$name" config --quiet 2>&1 >/dev/null)" && rc=0 || rc=$?
  if [[ $rc -ne 0 || -n "$err" ]]; then ok=0; msg+="with SESSION_SECRET set: rc=$rc"$'\n'"$err"$'\n'; fi
  # 2) .env lacking SESSION_SECRET: the ${SESSION_SECRET:?...} guard must stop it
  p="$SCRATCH/compose-nosecret"; rm -rf "$p"; mkdir -p "$p"
  cp -a "$(dirname "$f")/." "$p/"
  printf '# no SESSION_SECRET here\nTZ=UTC\n' > "$p/.env"
  err2="$(cd "$p" && "${CLEAN_ENV[@]}" "$COMPOSE_BIN" -f "$name" config --quiet 2>&1 >/dev/null)" && rc=0 || rc=$?
  if [[ $rc -eq 0 ]]; then
    ok=0; msg+="without SESSION_SECRET: compose config succeeded (the :? guard is missing)"$'\n'
  elif ! grep -q 'SESSION_SECRET' <<<"$err2"; then
    ok=0; msg+="without SESSION_SECRET: failed, but not because of SESSION_SECRET:"$'\n'"$err2"$'\n'
  fi
  # 3) interpolation: what Compose hands the container is what the file says, `$$` read as `$`
  p="$SCRATCH/compose-ok"
  if json="$(cd "$p" && "${CLEAN_ENV[@]}" "$COMPOSE_BIN" -f "$name" config --format json 2>/dev/null)"; then
    printf '%s' "$json" > "$SCRATCH/compose-config.json"
    out="$("$PY" "$CI_DIR/composecheck.py" "$f" "$SCRATCH/compose-config.json" 2>&1)" || { ok=0; msg+="interpolation:"$'\n'"$out"$'\n'; }
  else
    ok=0; msg+="config --format json failed"$'\n'
  fi
  if ((ok)); then pass compose "$f" "loads; fails without SESSION_SECRET; ${out:-values read back}"; else fail compose "$f" "$msg"; fi
done < <(files -name '*-compose.yml' -o -name '*-compose.yaml')

# ---- env files: python-dotenv == compose env_file == POSIX sh ---------------------------------
while IFS= read -r f; do
  [[ -n "$f" ]] || continue
  if out="$("$PY" "$CI_DIR/envcheck.py" "$f" "$COMPOSE_BIN" "$SCRATCH" 2>&1)"; then
    pass env-file "$f" "$out"
  else
    fail env-file "$f" "$out"
  fi
done < <(files -path '*/consumers/*.env' -o -path '*/deploy/*-env.example')

# ---- systemd units: verify (any output fails) + offline exposure score ------------------------
while IFS= read -r f; do
  [[ -n "$f" ]] || continue
  unit="$(basename "$f")"
  r="$SCRATCH/sysroot"; rm -rf "$r"
  mkdir -p "$r/usr/lib/systemd" "$r/etc/systemd/system"
  cp -a /usr/lib/systemd/system "$r/usr/lib/systemd/"
  cp "$f" "$r/etc/systemd/system/$unit"
  # an executable stub at every absolute path used by Exec*= (prefixes -@:+! stripped)
  while IFS= read -r exe; do
    [[ "$exe" == /* ]] || continue
    mkdir -p "$r$(dirname "$exe")"
    printf '#!/bin/sh\nexit 0\n' > "$r$exe"; chmod 755 "$r$exe"
  done < <(sed -n -E 's/^[[:space:]]*Exec(Start|StartPre|StartPost|Condition|Reload|Stop|StopPost)[[:space:]]*=[[:space:]]*[-@:+!]*([^[:space:]]+).*/\2/p' "$f")
  ok=1; msg=""
  out="$("$SYSTEMD_ANALYZE" verify --man=no --generators=no --root="$r" "$unit" 2>&1)" && rc=0 || rc=$?
  if [[ $rc -ne 0 || -n "$out" ]]; then ok=0; msg+="systemd-analyze verify: rc=$rc"$'\n'"$out"$'\n'; fi
  sec="$("$SYSTEMD_ANALYZE" security --no-pager --offline=yes --threshold=25 --root="$r" "$unit" 2>&1)" && rc=0 || rc=$?
  score="$(grep -m1 'Overall exposure level' <<<"$sec" | sed 's/^[^O]*//' || true)"
  if [[ $rc -ne 0 || -z "$score" ]]; then
    ok=0; msg+="systemd-analyze security (threshold 2.5): rc=$rc ${score:-no score line}"$'\n'
    msg+="$(grep -E '^✗' <<<"$sec" | sed -E 's/[[:space:]]{2,}/  /g' | head -n 25 || true)"$'\n'
  fi
  if ((ok)); then pass systemd "$f" "$score"; else fail systemd "$f" "$msg"; fi
done < <(files -name '*.service')

# ---- shell scripts: shellcheck (all severities) + bash -n -------------------------------------
while IFS= read -r f; do
  [[ -n "$f" ]] || continue
  ok=1; msg=""
  out="$(cd "$(dirname "$f")" && "${CLEAN_ENV[@]}" "$SHELLCHECK" -x -P SCRIPTDIR -S style "$(basename "$f")" 2>&1)" || { ok=0; msg+="$out"$'\n'; }
  out="$(bash -n "$f" 2>&1)" || { ok=0; msg+="bash -n: $out"$'\n'; }
  if ((ok)); then pass shell "$f"; else fail shell "$f" "$msg"; fi
done < <(files -name '*.sh')

# ---- RUNBOOK shell blocks: shellcheck --------------------------------------------------------
# Every ```sh block of each RUNBOOK.md, in order, as one bash script. The blocks are typed at a
# prompt a line at a time, not run as a script, so three interactive-style checks are off:
# SC2164 (cd without || exit), SC2155 (export VAR="$(…)"), SC2009 (ps | grep). Quoting, parse
# and expansion checks all apply: a profile value that breaks out of its quotes fails here.
while IFS= read -r f; do
  [[ -n "$f" ]] || continue
  script="$SCRATCH/runbook-blocks.sh"
  { echo '#!/usr/bin/env bash'
    awk '/^```sh$/ { inside = 1; printf "# RUNBOOK.md line %d\n", NR; next }
         /^```/    { inside = 0; next }
         inside    { print }' "$f"; } > "$script"
  blocks="$(grep -c '^# RUNBOOK.md line' "$script" || true)"
  if out="$("${CLEAN_ENV[@]}" "$SHELLCHECK" -S style -e SC2164,SC2155,SC2009 "$script" 2>&1)" && ((blocks > 0)); then
    pass runbook-shell "$f" "$blocks sh blocks"
  else
    fail runbook-shell "$f" "${out:-no sh blocks found}"$'\n'"$(grep -n '' "$script" | head -n 200)"
  fi
done < <(files -name 'RUNBOOK.md')

# ---- Terraform JSON: providers, then validate with resources moved into terraform_data ---------
TF_ENV=("${CLEAN_ENV[@]}" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1 "TF_CLI_CONFIG_FILE=$SCRATCH/terraformrc")
: > "$SCRATCH/terraformrc"
while IFS= read -r d; do
  [[ -n "$d" ]] || continue
  ok=1; msg=""
  t="$SCRATCH/tf-providers"; rm -rf "$t"; mkdir -p "$t"
  find "$d" -maxdepth 1 -type f \( -name '*.tf.json' -o -name '*.tf' \) -exec cp {} "$t/" \;
  out="$(cd "$t" && "${TF_ENV[@]}" "$TERRAFORM" providers -no-color 2>&1)" && rc=0 || rc=$?
  if [[ $rc -ne 0 ]] || grep -q 'Error' <<<"$out"; then ok=0; msg+="terraform providers: rc=$rc"$'\n'"$out"$'\n'; fi
  v="$SCRATCH/tf-validate"; rm -rf "$v"
  if out="$("$PY" "$CI_DIR/tf_builtin_rewrite.py" "$t" "$v" 2>&1)"; then
    note="$out"
    out="$(cd "$v" && "${TF_ENV[@]}" "$TERRAFORM" init -backend=false -input=false -no-color 2>&1 &&
           "${TF_ENV[@]}" "$TERRAFORM" validate -no-color 2>&1)" && rc=0 || rc=$?
    if [[ $rc -ne 0 ]] || grep -q 'Error' <<<"$out"; then ok=0; msg+="terraform validate (resources as terraform_data): rc=$rc"$'\n'"$out"$'\n'; fi
  else
    ok=0; msg+="rewrite failed: $out"$'\n'
  fi
  if ((ok)); then pass terraform "$d/" "providers ok; validate ok; $note"; else fail terraform "$d/" "$msg"; fi
done < <(find "$DIR" -name '*.tf.json' -type f -not -path '*/.terraform/*' -exec dirname {} \; | LC_ALL=C sort -u)

# ---- Markdown: markdownlint's rules (pymarkdown), every rule but the line length -------------
# .ci/pymarkdown.json turns off MD013 only: a table row or a command line cannot be wrapped.
while IFS= read -r f; do
  [[ -n "$f" ]] || continue
  if out="$(cd "$(dirname "$f")" && "${CLEAN_ENV[@]}" "$PYMARKDOWN" --config "$CI_DIR/pymarkdown.json" --strict-config scan "$(basename "$f")" 2>&1)" && [[ -z "$out" ]]; then
    pass markdownlint "$f"
  else
    fail markdownlint "$f" "$out"
  fi
done < <(files -name '*.md')

# ---- MANIFEST.sha256 ------------------------------------------------------------------------
while IFS= read -r m; do
  [[ -n "$m" ]] || continue
  pdir="$(dirname "$m")"
  if out="$(cd "$pdir" && sha256sum --strict --quiet -c MANIFEST.sha256 2>&1)" && [[ -s "$m" ]]; then
    n="$(grep -c . "$m")"
    # files present in the profile but not listed (reported, not counted as a failure)
    unlisted="$(cd "$pdir" && find . -type f ! -name MANIFEST.sha256 | sed 's|^\./||' | LC_ALL=C sort |
                comm -23 - <(sed -E 's/^[0-9a-f]{64} [ *]//' MANIFEST.sha256 | sed 's|^\./||' | LC_ALL=C sort) || true)"
    pass manifest "$m" "$n files match${unlisted:+; NOT listed: $(tr '\n' ' ' <<<"$unlisted")}"
  else
    fail manifest "$m" "${out:-empty manifest}"
  fi
done < <(files -name 'MANIFEST.sha256')

# ---- profiles without a manifest --------------------------------------------------------------
while IFS= read -r p; do
  [[ -n "$p" ]] || continue
  [[ -f "$p/MANIFEST.sha256" ]] || fail manifest "$p/MANIFEST.sha256" "missing"
done < <(find "$DIR" -mindepth 1 -maxdepth 1 -type d | LC_ALL=C sort)

echo
if ((PASSED + FAILED == 0)); then
  echo "check-generated: no generated files found under $DIR"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "check-generated: $((PASSED + FAILED)) checks on $(find "$DIR" -type f | wc -l) files under $(rel "$DIR")"
echo "$PASSED passed, $FAILED failed"
((FAILED == 0))
