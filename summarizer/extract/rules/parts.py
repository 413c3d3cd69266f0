"""Old name of ``summarizer.extract.rules.part_classifier`` (renamed so as not to be taken for the
statutory parts table, ``summarizer.parts``); kept for one release. Import the new name."""

import sys

from summarizer.extract.rules import part_classifier

sys.modules[__name__] = part_classifier  # the same module object: attributes, patches and all
