#!/usr/bin/env python3
"""Compare what Docker Compose hands the container with what the compose file means literally.

usage: composecheck.py COMPOSE_FILE CONFIG_JSON

COMPOSE_FILE is a generated compose file, CONFIG_JSON the output of `docker compose config
--format json` for it. topogen writes every profile string with `$` doubled (`$$`), so Compose's
interpolation gives the container the profile's text; `config` prints it with `$` doubled again,
so the printed value must be exactly the file's text (an undoubled `${HOME}` would print as the
home folder). Values that hold a
whole-value `${VAR:?message}` / `${VAR:-default}` are the references topogen generates and are
skipped; any other single `$` is a profile value Compose would interpolate, and fails. Checked:
each service's environment, image (when literal), container_name and volumes.
Exit 0 when every value agrees, 1 otherwise (one line per difference).
"""
import json
import re
import sys

import yaml

REFERENCE = re.compile(r"^\$\{[A-Za-z_][A-Za-z0-9_]*:[?-][^${}]*\}$")


class Interpolated(Exception):
    pass


def literal(text):
    """What `config` must print for `text`, or None for a generated reference."""
    if not isinstance(text, str) or REFERENCE.match(text):
        return None
    if "$" in text.replace("$$", ""):
        raise Interpolated(text)
    return text


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        raw = yaml.safe_load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        config = json.load(f)
    problems, checked = [], 0
    for name, service in (raw.get("services") or {}).items():
        got = (config.get("services") or {}).get(name) or {}
        pairs = [(f"{name}.environment.{k}", v, (got.get("environment") or {}).get(k))
                 for k, v in (service.get("environment") or {}).items()]
        for key in ("image", "container_name"):
            pairs.append((f"{name}.{key}", service.get(key), got.get(key)))
        for i, volume in enumerate(service.get("volumes") or []):
            source = volume.split(":", 1)[0] if isinstance(volume, str) else None
            printed = ((got.get("volumes") or [{}])[i] or {}).get("source", "") if i < len(got.get("volumes") or []) else ""
            try:
                want = literal(source)
            except Interpolated:
                problems.append(f"{name}.volumes[{i}]: {source!r} holds a '$' Compose interpolates")
                continue
            # relative sources are made absolute by Compose: compare the tail
            if want is not None and not str(printed).endswith(want.lstrip(".")):
                problems.append(f"{name}.volumes[{i}]: expected a source ending in {want!r}, Compose says {printed!r}")
            checked += 1
        for path, text, printed in pairs:
            try:
                want = literal(text)
            except Interpolated:
                problems.append(f"{path}: {text!r} holds a '$' Compose interpolates")
                continue
            if want is None:
                continue
            checked += 1
            if printed != want:
                problems.append(f"{path}: the file says {want!r}, Compose interpolates it to {printed!r}")
    for line in problems:
        print(line)
    if not problems:
        print(f"{checked} literal values read back through interpolation")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
