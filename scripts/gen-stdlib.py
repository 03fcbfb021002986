# Prints the interpreter's standard-library top-level module names (Python 3.10+), the source of
# BASE_311 in src/core/python/data/stdlib.ts.
import sys
print(sys.version)
print(' '.join(sorted(sys.stdlib_module_names)))
