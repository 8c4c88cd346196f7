"""Update the translation catalogs after a change to the Korean pages.

``make translations`` runs this; ``--help`` lists the options. The work is
done by ``docs/_ext/translation_catalogs.py`` (next to the site's other build
code, where mypy and the tests import it).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "docs" / "_ext"))

from translation_catalogs import main

if __name__ == "__main__":
    sys.exit(main())
