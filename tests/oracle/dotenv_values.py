"""Oracle for the dialect tests: python-dotenv's own answer for each file.

Usage: dotenv_values.py FILE...  → one JSON object per line:
{"file": F, "values": {key: value-or-null}} or {"file": F, "error": "UnicodeDecodeError"}.
The caller runs it with a controlled environment (interpolation reads os.environ).
"""
import json
import logging
import sys

import dotenv
from dotenv import dotenv_values

logging.disable(logging.CRITICAL)  # "could not parse statement" warnings are expected

if dotenv.__version__ if hasattr(dotenv, "__version__") else None:
    pass

for path in sys.argv[1:]:
    try:
        values = dotenv_values(path)
        out = {"file": path, "values": values, "order": list(values.keys())}
    except UnicodeDecodeError:
        out = {"file": path, "error": "UnicodeDecodeError"}
    sys.stdout.write(json.dumps(out) + "\n")
