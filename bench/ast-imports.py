# Reference for bench/scan.bench.ts: every import statement CPython's own parser finds under a
# folder (site-packages skipped), as {path: ["module:line", ...]} with leading dots for relative ones.
import ast
import json
import os
import sys

out = {}
for folder, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [d for d in dirs if d not in ("site-packages", "dist-packages", "__pycache__")]
    for name in files:
        if not name.endswith(".py"):
            continue
        path = os.path.join(folder, name)
        try:
            with open(path, "rb") as fh:
                tree = ast.parse(fh.read())
        except (SyntaxError, ValueError, OSError):
            continue  # test data with deliberate syntax errors, unreadable files
        found = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [f"{a.name}:{node.lineno}" for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                found.append(f"{'.' * node.level}{node.module or ''}:{node.lineno}")
        out[path] = sorted(found)
json.dump(out, sys.stdout)
