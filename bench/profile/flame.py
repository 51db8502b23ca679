#!/usr/bin/env python3
"""Collapsed stacks (async-profiler's `collapsed` output: "a;b;c 42" per line) -> a flame graph SVG.
   flame.py <in.collapsed> <out.svg> [title]
Each frame is a box as wide as its share of samples; hover shows the frame and its share."""
import gzip, html, sys

def build(path):
    root = {"n": 0, "c": {}}
    for line in (gzip.open(path, "rt", encoding="utf-8", errors="replace") if path.endswith(".gz") else open(path, encoding="utf-8", errors="replace")):
        line = line.rstrip("\n")
        if not line or " " not in line:
            continue
        stack, count = line.rsplit(" ", 1)
        count = int(count)
        root["n"] += count
        node = root
        for frame in stack.split(";"):
            node = node["c"].setdefault(frame, {"n": 0, "c": {}})
            node["n"] += count
    return root

def color(name):
    if name.startswith(("java/", "jdk/", "sun/")) or "java." in name[:6]:
        return "rgb(80,160,220)"
    if "keybridge" in name:
        return "rgb(230,120,40)"
    if name.endswith("_[k]") or name.startswith("[") :
        return "rgb(200,200,90)"
    if ".so" in name or "::" in name or name[:1].islower() and "/" not in name and "." not in name:
        return "rgb(220,90,90)"
    return "rgb(120,190,110)"

def main():
    src, out = sys.argv[1], sys.argv[2]
    title = sys.argv[3] if len(sys.argv) > 3 else src
    root = build(src)
    total = max(root["n"], 1)
    width, row, depth_max = 1600, 16, [0]
    rects = []

    def walk(node, x, depth):
        depth_max[0] = max(depth_max[0], depth)
        for name, child in sorted(node["c"].items()):
            w = child["n"] / total * width
            if w >= 0.3:
                rects.append((x, depth, w, name, child["n"]))
                walk(child, x, depth + 1)
            x += w

    walk(root, 0.0, 0)
    height = (depth_max[0] + 3) * row + 30
    with open(out, "w", encoding="utf-8") as f:
        f.write(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="monospace" font-size="11">\n')
        f.write(f'<rect width="100%" height="100%" fill="#fff"/><text x="8" y="18" font-size="14">{html.escape(title)} — {total} samples</text>\n')
        for x, depth, w, name, n in rects:
            y = height - (depth + 2) * row
            label = html.escape(name)
            f.write(f'<g><title>{label} ({n} samples, {100.0 * n / total:.2f}%)</title>'
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row - 1}" fill="{color(name)}" rx="2"/>')
            chars = int(w / 7)
            if chars >= 3:
                text = name if len(name) <= chars else name[: chars - 2] + ".."
                f.write(f'<text x="{x + 2:.1f}" y="{y + row - 4}">{html.escape(text)}</text>')
            f.write("</g>\n")
        f.write("</svg>\n")

if __name__ == "__main__":
    main()
