"""The cache: earlier results, and earlier parses, in one SQLite file in the user's cache folder.

A result is kept under the hash of the document's text and of everything that shapes its
analysis (cramptext's and spaCy's versions, the model and its version, the rule set's hash and
the run's settings): an unchanged corpus is read back without loading the model. A parse is
kept under the hash of the text parsed and of the model alone, so a changed rule file re-checks
documents without parsing them again. SQLite in WAL mode lets worker processes and parallel
runs share the file. The cache is a convenience: a folder it cannot use means no cache, not a
failed run.
"""
from __future__ import annotations

import hashlib
import pickle
import sqlite3
import zlib
from dataclasses import replace
from pathlib import Path

from ..fingerprints import code_version, package_version, ruleset_version
from ..io.cachedir import cache_folder
from ..io.documents import Document
from ..results import DocumentResult
from .options import RunOptions
from .spec import EngineSpec

CACHE_FILE = "cache.sqlite"
CACHE_FORMAT = "1"  # bump when what is stored changes shape
BUSY_TIMEOUT = 30.0


def model_key(model: str | None) -> str:
    """What a parse depends on: spaCy and the model, by name and version."""
    from ..nlp.model import model_identity

    return "\0".join(("parse", CACHE_FORMAT, package_version("spacy"), *model_identity(model)))


def fingerprint(spec: EngineSpec) -> str:
    """What a result depends on besides the text."""
    return "\0".join(("result", model_key(spec.model), code_version(), ruleset_version(spec.rule_dirs),
                      repr(spec)))


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


class Cache:
    """Results and parses. Every method swallows SQLite and file errors (a full disk, a locked
    or damaged file): the run goes on as if nothing were cached."""

    def __init__(self, path: Path):
        self.path = path
        self.db: sqlite3.Connection | None = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = NORMAL")  # a cache may lose its last writes, never its sense
        self.db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        self.db.execute("CREATE TABLE IF NOT EXISTS parses (key TEXT PRIMARY KEY, value BLOB NOT NULL)")

    def _get(self, table: str, key: str) -> bytes | None:
        if self.db is None:
            return None
        try:
            row = self.db.execute(f"SELECT value FROM {table} WHERE key = ?", (key,)).fetchone()
            return zlib.decompress(row[0]) if row else None
        except (sqlite3.Error, zlib.error):
            return None

    def _put(self, table: str, key: str, value: bytes) -> None:
        if self.db is None:
            return
        try:
            self.db.execute(f"INSERT OR REPLACE INTO {table} (key, value) VALUES (?, ?)", (key, zlib.compress(value, 1)))
        except sqlite3.Error:
            self.close()  # stop trying for this run

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


class ResultCache(Cache):
    def __init__(self, path: Path, fingerprint: str):
        super().__init__(path)
        self.fingerprint = fingerprint

    def get(self, document: Document) -> DocumentResult | None:
        data = self._get("results", _digest(self.fingerprint, document.text))
        if data is None:
            return None
        try:
            stored = pickle.loads(data)
        except Exception:  # noqa: BLE001 - a damaged entry is a miss
            return None
        return stored.for_document(document)

    def put(self, result: DocumentResult) -> None:
        document = result.document
        stored = replace(result, document=Document(document.source, ""))  # the text is the key
        self._put("results", _digest(self.fingerprint, document.text), pickle.dumps(stored, protocol=5))


class ParseCache(Cache):
    """Serialised parses (``Doc.to_bytes``) of the pieces the engine parsed, by text and model."""

    def __init__(self, path: Path, model_key: str):
        super().__init__(path)
        self.model_key = model_key

    def get(self, text: str) -> bytes | None:
        return self._get("parses", _digest(self.model_key, text))

    def put(self, text: str, data: bytes) -> None:
        self._put("parses", _digest(self.model_key, text), data)


def _open(kind, path: Path, key: str):
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return kind(path, key)
    except (OSError, sqlite3.Error):
        return None


def open_cache(spec: EngineSpec, options: RunOptions) -> ResultCache | None:
    """The run's result cache, or None when its folder cannot be used."""
    return _open(ResultCache, cache_folder(options.cache_dir) / CACHE_FILE, fingerprint(spec))


def open_parse_cache(spec: EngineSpec, options: RunOptions) -> ParseCache | None:
    return _open(ParseCache, cache_folder(options.cache_dir) / CACHE_FILE, model_key(spec.model))
