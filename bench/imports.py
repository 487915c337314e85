#!/usr/bin/env python3
"""Which module of src/ refers to which: every `crate::` and `super::` path
(in `use` items and inline), resolved to the file that defines the module.

    python3 bench/imports.py            # one line per module: its imports
    python3 bench/imports.py --cycles   # the import circles (strongly connected sets)

Test code (`#[cfg(test)] mod tests { … }`, and files declared
`#[cfg(test)] mod name;`) is left out: it may use anything.
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")


def modules():
    """Module path (tuple) -> file."""
    out = {}
    for dirpath, _, files in os.walk(ROOT):
        for f in files:
            if not f.endswith(".rs"):
                continue
            rel = os.path.relpath(os.path.join(dirpath, f), ROOT)[:-3].split(os.sep)
            if rel in (["lib"], ["main"]):
                continue
            if rel[-1] == "mod":
                rel = rel[:-1]
            out[tuple(rel)] = os.path.join(dirpath, f)
    return {m: p for m, p in out.items() if not test_only(out, m)}


def test_only(mods, mod):
    """Whether the parent declares the file `#[cfg(test)] mod name;`."""
    parent = mods.get(mod[:-1]) if len(mod) > 1 else os.path.join(ROOT, "lib.rs")
    if not parent:
        return False
    text = re.sub(r"//[^\n]*", "", open(parent, encoding="utf-8").read())
    pattern = r"#\[cfg\(test\)\]\s*(pub(\([^)]*\))?\s+)?mod\s+" + mod[-1] + r"\s*;"
    return re.search(pattern, text) is not None


def strip_tests(text):
    """Drops `#[cfg(test)] mod … { … }` blocks and comments."""
    text = re.sub(r"//[^\n]*", "", text)
    out, i = [], 0
    for m in re.finditer(r"#\[cfg\(test\)\]\s*(pub(\([^)]*\))?\s+)?mod\s+\w+\s*\{", text):
        if m.start() < i:
            continue
        out.append(text[i : m.start()])
        depth, j = 1, m.end()
        while depth and j < len(text):
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        i = j
    out.append(text[i:])
    return "".join(out)


def paths(text):
    """Every `crate::a::b` or `super::…` path, with `use` groups expanded."""
    found = []
    for m in re.finditer(r"\b(crate|super(?:::super)*)::([\w:]*)(\{[^;]*?\})?", text):
        head, body, group = m.group(1), m.group(2), m.group(3)
        if group:
            for part in re.split(r",", group.strip("{}")):
                part = part.strip()
                if part:
                    found.append((head, (body + part).split("::")[0:-0 or None]))
        else:
            found.append((head, body.split("::")))
    return found


def resolve(mods, me, head, segs):
    if head == "crate":
        base = ()
    else:
        ups = head.count("super")
        # a file `a/b.rs` is module (a, b); `super` is (a,)
        base = me[: len(me) - ups]
    segs = [s for s in segs if s and s != "self" and re.match(r"^\w+$", s)]
    full = base + tuple(segs)
    for n in range(len(full), 0, -1):
        if full[:n] in mods:
            return full[:n]
    return None


def graph():
    mods = modules()
    g = {}
    for mod, path in sorted(mods.items()):
        text = strip_tests(open(path, encoding="utf-8").read())
        deps = set()
        for head, segs in paths(text):
            target = resolve(mods, mod, head, segs)
            if target and target != mod and not mod[: len(target)] == target:
                deps.add(target)
        g[mod] = deps
    return g


def sccs(g):
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in g.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(g):
        if v not in index:
            visit(v)
    return out


def name(m):
    return "::".join(m)


def main():
    g = graph()
    if "--cycles" in sys.argv:
        for comp in sccs(g):
            print("circle: " + ", ".join(name(m) for m in comp))
        top = {}
        for m, deps in g.items():
            top.setdefault(m[:1], set()).update(d[:1] for d in deps if d[:1] != m[:1])
        for comp in sccs(top):
            print("top-level circle: " + ", ".join(name(m) for m in comp))
        return
    for m in sorted(g):
        print(f"{name(m)}: {', '.join(sorted(name(d) for d in g[m]))}")


main()
