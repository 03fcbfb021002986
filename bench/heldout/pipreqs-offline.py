"""Runs pipreqs offline on one folder and prints the distributions it would write, one per line.

pipreqs asks PyPI for each name its import mapping yields and keeps the names PyPI knows; PyPI cannot be
reached here, so that question is answered from the index name list the corpus check uses (argv[2]).
pipreqs' own code is not changed: this drives its get_all_imports and get_pkg_names, as its init() does.
Notebooks are scanned (pipreqs --scan-notebooks); nbconvert is not installed here, so their code cells are
given to pipreqs as nbconvert's PythonExporter would (IPython magics and shell lines become comments).

    python3 pipreqs-offline.py PROJECT_DIR INDEX_NAMES_TSV   (PIPREQS_SRC: folder holding pipreqs, docopt, yarg)
"""
import json
import os
import re
import sys

src = os.environ.get("PIPREQS_SRC", "/var/cache/ds-containers/pipreqs")
for sub in ("bndr+pipreqs", "docopt+docopt", "kura+yarg"):
    sys.path.insert(0, os.path.join(src, sub))
from pipreqs import pipreqs  # noqa: E402


def notebook_to_py(file_name, encoding="utf-8"):
    with open(file_name, encoding=encoding) as f:
        nb = json.load(f)
    out = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        src_ = cell.get("source", "")
        text = "".join(src_) if isinstance(src_, list) else src_
        out.extend("# " + line if re.match(r"\s*[%!?]", line) else line for line in text.split("\n"))
        out.append("")
    return "\n".join(out).encode(encoding)


pipreqs.scan_noteboooks = True
pipreqs.ipynb_2_py = notebook_to_py


def norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


index = set()
with open(sys.argv[2], encoding="utf-8") as f:
    for line in f:
        index.add(norm(line.split("\t", 1)[0].strip()))
imports = pipreqs.get_all_imports(sys.argv[1], ignore_errors=True)
for name in pipreqs.get_pkg_names(imports):
    if norm(name) in index:
        print(name)
