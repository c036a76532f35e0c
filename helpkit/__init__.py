"""helpkit's shared kernel: the content model, the typed config and the errors.

Stages (``site_builder``, ``search_index``, ``translations``, ``deflection``) import
from here; nothing here imports a stage.
"""

__version__ = "0.1.0"
