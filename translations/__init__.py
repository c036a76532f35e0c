"""translations: machine-translated locales with a translation memory.

Public entry points:

- :func:`localize` (``localize(center, config, "es")`` → :class:`Localization`): the help center in one
  target locale, the locale's translation memory (``locales/es.po``) updated on disk;
- :func:`translate_locales`: ``helpkit translate``: update the memories of several locales;
- :func:`coverage`: ``helpkit translations status``: per-locale counts from the memories;
- :mod:`translations.argos`: ``helpkit models install|list``.

See ``translations/README.md`` for the PO status scheme and the review workflow.
"""

from translations.localize import Localization, LocalizationStats, choose_backend, localize
from translations.status import LocaleCoverage, coverage, translate_locales

__all__ = ["Localization", "LocalizationStats", "LocaleCoverage", "choose_backend", "coverage", "localize",
           "translate_locales"]
