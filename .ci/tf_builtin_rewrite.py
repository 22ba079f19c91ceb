#!/usr/bin/env python3
"""Rewrite a Terraform JSON folder so that `terraform validate` runs with no provider.

usage: tf_builtin_rewrite.py SRC_DIR DST_DIR

The Cloudflare provider cannot be downloaded here, so `init`/`validate` cannot run on the
real configuration. This keeps every expression but moves each `resource` and `data` body
into the built-in `terraform_data` resource (served by the provider built into Terraform, which
`terraform init` sets up offline):

    resource.T.N {body}   ->  resource.terraform_data["T__N"] {"input": body, ...meta-args}
    data.T.N {body}       ->  resource.terraform_data["data__T__N"] {"input": body, ...}
    ${T.N...}             ->  ${local.tfd__T__N...}   with, in an extra file tfd_locals.tf.json,
                              tfd__T__N = terraform_data.T__N.output                  (single)
                                        = [for i in terraform_data.T__N : i.output]     (count)
                                        = {for k, i in terraform_data.T__N : k => i.output} (for_each)
                              so `.attr`, `[0].attr`, `[*].attr`, `for r in T.N`, `length(T.N)`
                              all keep their meaning
    ${data.T.N...}        ->  ${local.tfd__data__T__N...}
    depends_on ["T.N"]    ->  ["terraform_data.T__N"]

Only references to DECLARED resources/data sources are rewritten, so a reference to an
undeclared resource, variable or local still fails `terraform validate`, as do unclosed
`${`, bad function calls and sensitive values in non-sensitive outputs.
`variable`, `output`, `locals` and `check` blocks are kept (their strings rewritten);
`provider` blocks, `terraform.required_providers`, `backend`/`cloud` and state-only blocks
(`moved`, `import`, `removed`) are dropped. Existing `terraform_data` resources stay as they are.
Attribute names/types of the real provider are NOT checked here (the Swift side checks them
against tf-schema.json).
"""
import json
import os
import re
import sys

IDENT = r"[A-Za-z_][A-Za-z0-9_-]*"
# A reference starts where no identifier character or dot precedes it.
REF_RE = re.compile(
    r"(?<![A-Za-z0-9_.\-])(data\.)?(" + IDENT + r")\.(" + IDENT + r")((?:\[[^\[\]]*\])?)"
)
KEEP_META = ("count", "for_each")
DROP_META = ("provider", "provisioner", "connection", "//")


def load(path):
    with open(path, encoding="utf-8") as f:
        try:
            return json.load(f)
        except json.JSONDecodeError as e:
            sys.exit(f"{path}: invalid JSON: {e}")


def new_name(kind, rtype, rname):
    return (f"data__{rtype}__{rname}" if kind == "data" else f"{rtype}__{rname}")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, dst = sys.argv[1], sys.argv[2]
    files = sorted(f for f in os.listdir(src) if f.endswith(".tf.json"))
    hcl = sorted(f for f in os.listdir(src) if f.endswith(".tf"))
    if hcl:
        sys.exit(f"{src}: HCL files {hcl} cannot be rewritten (only .tf.json supported)")
    if not files:
        sys.exit(f"{src}: no .tf.json files")
    docs = {f: load(os.path.join(src, f)) for f in files}

    # 1. every declared resource / data source -> its terraform_data name
    managed, datas, modes = {}, {}, {}
    for f, doc in docs.items():
        for kind, table in (("resource", managed), ("data", datas)):
            for rtype, by_name in (doc.get(kind) or {}).items():
                if rtype == "//" or not isinstance(by_name, dict):
                    continue
                if kind == "resource" and rtype == "terraform_data":
                    continue
                for rname, body in by_name.items():
                    if rname == "//":
                        continue
                    target = new_name(kind, rtype, rname)
                    table[(rtype, rname)] = target
                    b = body[0] if isinstance(body, list) and body else body
                    b = b if isinstance(b, dict) else {}
                    modes[target] = ("for_each" if "for_each" in b else
                                     "count" if "count" in b else "single")
    taken = set(managed.values()) | set(datas.values())
    if len(taken) != len(managed) + len(datas):
        sys.exit("name collision while mapping resources to terraform_data")
    for doc in docs.values():
        existing = (doc.get("resource") or {}).get("terraform_data") or {}
        clash = taken & set(existing)
        if clash:
            sys.exit(f"terraform_data names already used: {sorted(clash)}")
        clash = {f"tfd__{t}" for t in taken} & set(doc.get("locals") or {})
        if clash:
            sys.exit(f"local names already used: {sorted(clash)}")

    def rewrite_str(s):
        def sub(m):
            is_data, rtype, rname, index = m.group(1), m.group(2), m.group(3), m.group(4)
            table = datas if is_data else managed
            target = table.get((rtype, rname))
            if target is None:
                return m.group(0)  # undeclared: leave it so validate reports it
            return f"local.tfd__{target}{index}"
        return REF_RE.sub(sub, s)

    def rewrite(v):
        if isinstance(v, str):
            return rewrite_str(v)
        if isinstance(v, list):
            return [rewrite(x) for x in v]
        if isinstance(v, dict):
            return {k: ([rewrite_address(a) for a in x] if k == "depends_on" and isinstance(x, list)
                        else rewrite(x)) for k, x in v.items()}
        return v

    def rewrite_address(a):
        """depends_on / replace_triggered_by entries: bare addresses."""
        if not isinstance(a, str):
            return a
        m = re.fullmatch(r"(data\.)?(" + IDENT + r")\.(" + IDENT + r")(\[[^\[\]]*\])?(\..*)?", a.strip())
        if m:
            table = datas if m.group(1) else managed
            target = table.get((m.group(2), m.group(3)))
            if target is not None:
                attr = f".output{m.group(5)}" if m.group(5) else ""
                return f"terraform_data.{target}{m.group(4) or ''}{attr}"
        return a

    def convert_body(body):
        body = dict(body)
        out = {}
        for k in KEEP_META:
            if k in body:
                out[k] = rewrite(body.pop(k))
        if "depends_on" in body:
            out["depends_on"] = [rewrite_address(a) for a in body.pop("depends_on")]
        if "lifecycle" in body:
            lc = body.pop("lifecycle")
            lcs = lc if isinstance(lc, list) else [lc]
            new = []
            for one in lcs:
                one = dict(one)
                one.pop("ignore_changes", None)  # names the real resource's attributes
                if "replace_triggered_by" in one:
                    one["replace_triggered_by"] = [rewrite_address(a) for a in one["replace_triggered_by"]]
                new.append(rewrite(one))
            out["lifecycle"] = new if isinstance(lc, list) else new[0]
        for k in DROP_META:
            body.pop(k, None)
        out["input"] = rewrite(body)
        return out

    os.makedirs(dst, exist_ok=True)
    for f, doc in docs.items():
        new = {}
        for key, val in doc.items():
            if key in ("provider", "moved", "import", "removed", "module", "//"):
                # module: sources cannot be installed offline; state-only blocks reference
                # the original addresses.
                continue
            if key == "terraform":
                tb = dict(val)
                for drop in ("required_providers", "backend", "cloud", "provider_meta"):
                    tb.pop(drop, None)
                if tb:
                    new["terraform"] = tb
                continue
            if key in ("resource", "data"):
                res = new.setdefault("resource", {})
                for rtype, by_name in val.items():
                    if rtype == "//" or not isinstance(by_name, dict):
                        continue
                    for rname, body in by_name.items():
                        if rname == "//":
                            continue
                        bodies = body if isinstance(body, list) else [body]
                        for b in bodies:
                            if key == "resource" and rtype == "terraform_data":
                                res.setdefault("terraform_data", {})[rname] = rewrite(b)
                            else:
                                res.setdefault("terraform_data", {})[new_name(key, rtype, rname)] = convert_body(b)
                continue
            new[key] = rewrite(val)  # variable, output, locals, check
        with open(os.path.join(dst, f), "w", encoding="utf-8") as fh:
            json.dump(new, fh, indent=2)
            fh.write("\n")
    if modes:
        exprs = {
            "single": "${{terraform_data.{t}.output}}",
            "count": "${{[for i in terraform_data.{t} : i.output]}}",
            "for_each": "${{{{for k, i in terraform_data.{t} : k => i.output}}}}",
        }
        loc = {f"tfd__{t}": exprs[m].format(t=t) for t, m in sorted(modes.items())}
        if "tfd_locals.tf.json" in docs:
            sys.exit("tfd_locals.tf.json already exists in the source folder")
        with open(os.path.join(dst, "tfd_locals.tf.json"), "w", encoding="utf-8") as fh:
            json.dump({"locals": loc}, fh, indent=2)
            fh.write("\n")
    print(f"rewrote {len(managed)} resources and {len(datas)} data sources in {len(files)} file(s)")


if __name__ == "__main__":
    main()
