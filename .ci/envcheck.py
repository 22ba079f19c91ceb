#!/usr/bin/env python3
"""Read one dotenv file with three real consumers and require identical key->value maps.

usage: envcheck.py FILE COMPOSE_BIN SCRATCH_DIR

  dotenv   python-dotenv `dotenv_values(FILE)` (run under `env -i`)
  compose  Docker Compose's env_file loader: a one-service project
           `services: {x: {image: busybox, env_file: [FILE]}}`, `config --format json`,
           then `.services.x.environment` (run under `env -i`)
  shell    POSIX sh: `set -a; . FILE` in `env -i /bin/sh`, then the exported variables
           that were not there before (any stderr output while sourcing is a failure)

Comment lines count for none of them. Exit 0 when all three agree, 1 otherwise (with a diff).
"""
import json
import os
import shutil
import subprocess
import sys

PY = sys.executable


def clean_env(extra=None):
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin"}
    if extra:
        env.update(extra)
    return env


def run(cmd, cwd=None, env=None):
    return subprocess.run(cmd, cwd=cwd, env=env if env is not None else clean_env(),
                          capture_output=True, text=True, timeout=120)


def read_dotenv(path):
    code = ("import json,sys\nfrom dotenv import dotenv_values\n"
            "json.dump(dict(dotenv_values(sys.argv[1])), sys.stdout)")
    r = run([PY, "-c", code, path])
    if r.returncode != 0 or r.stderr.strip():
        return None, f"python-dotenv failed (rc={r.returncode}): {r.stderr.strip()}"
    return json.loads(r.stdout), None


def read_compose(path, compose_bin, scratch):
    proj = os.path.join(scratch, "compose-envfile")
    shutil.rmtree(proj, ignore_errors=True)
    os.makedirs(proj)
    shutil.copyfile(path, os.path.join(proj, "input.env"))  # not `.env`: no interpolation file
    with open(os.path.join(proj, "compose.yml"), "w") as f:
        f.write("services:\n  x:\n    image: busybox\n    env_file:\n      - ./input.env\n")
    r = run([compose_bin, "-f", "compose.yml", "config", "--format", "json"], cwd=proj,
            env=clean_env({"HOME": proj}))
    if r.returncode != 0 or r.stderr.strip():
        return None, f"compose config failed (rc={r.returncode}): {r.stderr.strip()}"
    doc = json.loads(r.stdout)
    return (doc.get("services", {}).get("x", {}).get("environment") or {}), None


def read_shell(path):
    dump = "import json,os,sys; json.dump(dict(os.environ), sys.stdout)"
    base = run(["/bin/sh", "-c", 'exec "$1" -c "$2"', "sh", PY, dump])
    r = run(["/bin/sh", "-c", 'set -a; . "$1"; exec "$2" -c "$3"', "sh", os.path.abspath(path), PY, dump])
    if r.returncode != 0 or r.stderr.strip():
        return None, f"sh failed to source it (rc={r.returncode}): {r.stderr.strip()}"
    before = json.loads(base.stdout)
    after = json.loads(r.stdout)
    return {k: v for k, v in after.items() if before.get(k) != v}, None


def main():
    path, compose_bin, scratch = sys.argv[1], sys.argv[2], sys.argv[3]
    maps, errors = {}, []
    for name, fn in (("dotenv", lambda: read_dotenv(path)),
                     ("compose", lambda: read_compose(path, compose_bin, scratch)),
                     ("shell", lambda: read_shell(path))):
        m, err = fn()
        if err:
            errors.append(f"{name}: {err}")
        else:
            maps[name] = m
    ok = not errors
    if "dotenv" in maps and not maps["dotenv"]:
        errors.append("dotenv: no keys found")
        ok = False
    names = list(maps)
    for other in names[1:]:
        a, b = maps[names[0]], maps[other]
        if a != b:
            ok = False
            for k in sorted(set(a) | set(b)):
                va, vb = a.get(k, "<absent>"), b.get(k, "<absent>")
                if va != vb:
                    errors.append(f"{k}: {names[0]}={va!r} {other}={vb!r}")
    if ok:
        print(f"{len(maps['dotenv'])} keys identical in dotenv, compose, shell")
        return 0
    for e in errors:
        print(e)
    return 1


if __name__ == "__main__":
    sys.exit(main())
