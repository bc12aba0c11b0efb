"""The project file ``litmap.toml``: where a literature map's corpus, store and report live.

``litmap run`` (or ``litmap init``) writes it in the current folder; every
command then finds it by looking in the current folder and its parents, as
git finds ``.git``.  Its settings are defaults: an option given on the command
line wins, and ``$LITMAP_DB`` wins over the file's ``store``.  Paths in the
file are relative to the folder that holds it, so the commands work from any
subfolder.

The file is small and flat::

    [project]
    corpus = ["papers"]          # PATHS for run / ingest / watch
    store = "outputs/review.db"  # --db
    report = "outputs/review"    # -o / --out of run, watch, report
    title = "Literature map"

    [files]
    lexicon = []                 # --concepts: your own concept lexicons
    thesaurus = ""               # --thesaurus, for commands that take one
    library = ""                 # --library, for commands that take one

    [ingest]   timeout, max_file_mb, ocr, jobs
    [topics]   enabled, model, min_topic_size, nr_topics, seed
    [network]  min_weight, min_count

This module only reads, validates and writes the file; ``litmap.cli`` turns
:meth:`Project.option_defaults` into Click's per-command defaults.
"""

from __future__ import annotations

import json
import math
import os
import sys
from dataclasses import dataclass, field, fields, replace
from typing import Any, Iterator, Optional, Sequence

from litmap.errors import SettingsError

__all__ = ["FILE_NAME", "Project", "Setting", "find_project", "load_project", "write_project",
           "project_for_run", "describe", "OPTION_KEYS"]

FILE_NAME = "litmap.toml"

# (table, key) -> the field of Project holding it
_LAYOUT: dict[str, tuple[str, ...]] = {
    "project": ("corpus", "store", "report", "title"),
    "files": ("lexicon", "thesaurus", "library"),
    "ingest": ("timeout", "max_file_mb", "ocr", "jobs"),
    "topics": ("topics", "topic_model", "min_topic_size", "nr_topics", "topic_seed"),
    "network": ("min_weight", "min_count"),
}
# Project fields whose name in the file differs (topics.enabled, topics.model, topics.seed)
_FILE_KEY = {"topics": "enabled", "topic_model": "model", "topic_seed": "seed"}
_PATH_FIELDS = ("corpus", "store", "report", "lexicon", "thesaurus", "library")

#: Project field -> (Click parameter name, commands it applies to; None: every command with that parameter)
OPTION_KEYS: dict[str, tuple[str, Optional[tuple[str, ...]]]] = {
    "corpus": ("paths", ("run", "watch", "ingest")),
    "store": ("db", None),
    "report": ("out", ("run", "watch", "report")),
    "title": ("title", ("run", "watch", "report")),
    "lexicon": ("concept_files", None),
    "thesaurus": ("thesaurus", None),
    "library": ("library", None),
    "timeout": ("timeout", ("run", "watch", "ingest")),
    "max_file_mb": ("max_file_mb", ("run", "watch", "ingest")),
    "ocr": ("ocr", ("run", "watch", "ingest")),
    "jobs": ("jobs", ("run", "watch", "ingest")),
    "topics": ("no_topics", ("run", "watch")),  # stored inverted: enabled = not --no-topics
    "topic_model": ("model", ("run", "watch", "topics")),
    "min_topic_size": ("min_topic_size", ("topics",)),
    "nr_topics": ("nr_topics", ("run", "watch", "topics")),
    "topic_seed": ("seed", ("topics",)),
    "min_weight": ("min_weight", ("network",)),
    "min_count": ("min_count", ("network",)),
}

_OCR = ("auto", "never", "always")


@dataclass(frozen=True)
class Project:
    """A project file's settings; ``None``/empty means "not set: the command's own default".

    ``path`` is the file it came from (None for one not yet written); relative
    paths inside are resolved against its folder by :meth:`resolved`.
    """

    corpus: tuple[str, ...] = ()
    store: Optional[str] = None
    report: Optional[str] = None
    title: Optional[str] = None
    lexicon: tuple[str, ...] = ()
    thesaurus: Optional[str] = None
    library: Optional[str] = None
    timeout: Optional[float] = None
    max_file_mb: Optional[int] = None
    ocr: Optional[str] = None
    jobs: Optional[int] = None
    topics: Optional[bool] = None
    topic_model: Optional[str] = None
    min_topic_size: Optional[int] = None
    nr_topics: Optional[int] = None
    topic_seed: Optional[int] = None
    min_weight: Optional[int] = None
    min_count: Optional[int] = None
    path: Optional[str] = field(default=None, compare=False)

    def __post_init__(self) -> None:
        where = self.path or FILE_NAME
        if self.timeout is not None and not self.timeout > 0:
            raise SettingsError(f"{where}: [ingest] timeout must be a positive number of seconds")
        for name in ("max_file_mb", "min_topic_size", "nr_topics"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise SettingsError(f"{where}: {_file_name(name)} must be 1 or more")
        for name in ("jobs", "min_weight", "min_count"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise SettingsError(f"{where}: {_file_name(name)} must be 0 or more")
        if self.ocr is not None and self.ocr not in _OCR:
            raise SettingsError(f"{where}: [ingest] ocr must be one of {', '.join(_OCR)}, not {self.ocr!r}")

    @property
    def folder(self) -> str:
        return os.path.dirname(os.path.abspath(self.path)) if self.path else os.getcwd()

    def resolved(self, cwd: Optional[str] = None) -> "Project":
        """Paths made relative to ``cwd`` (the current folder), wherever the file lies."""
        cwd = cwd or os.getcwd()

        def fix(p: str) -> str:
            p = os.path.join(self.folder, os.path.expanduser(p))
            try:
                return os.path.relpath(p, cwd)
            except ValueError:  # another drive (Windows)
                return os.path.abspath(p)

        changes: dict[str, Any] = {}
        for name in _PATH_FIELDS:
            value = getattr(self, name)
            if isinstance(value, tuple):
                changes[name] = tuple(fix(v) for v in value)
            elif value:
                changes[name] = fix(value)
        return replace(self, **changes)

    def values(self) -> Iterator[tuple[str, Any]]:
        """(field, value) for every field the file sets."""
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name != "path" and value not in (None, (), ""):
                yield f.name, value

    def option_defaults(self, command: str, params: Sequence[str]) -> dict[str, Any]:
        """Click parameter defaults for ``command`` (whose parameters are ``params``), paths resolved."""
        out: dict[str, Any] = {}
        for name, value in self.resolved().values():
            param, commands = OPTION_KEYS[name]
            if param in params and (commands is None or command in commands):
                out[param] = (not value) if name == "topics" else (value,) if name == "library" else value
        return out


@dataclass(frozen=True)
class Setting:
    """One effective setting for ``litmap config``: its value and where it came from."""

    key: str  # as written in the file, e.g. "project.store"
    value: Any
    source: str  # "litmap.toml (PATH)", "$LITMAP_DB", "option", "default"


def _file_name(name: str) -> str:
    table = next(t for t, names in _LAYOUT.items() if name in names)
    return f"[{table}] {_FILE_KEY.get(name, name)}"


def find_project(start: Optional[str] = None) -> Optional[str]:
    """The nearest ``litmap.toml`` in ``start`` (default: the current folder) or a parent; None if none."""
    folder = os.path.abspath(start or os.getcwd())
    while True:
        candidate = os.path.join(folder, FILE_NAME)
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _toml() -> Any:
    import importlib

    # tomllib from Python 3.11; tomli (declared for 3.10 in pyproject.toml) before it
    return importlib.import_module("tomllib" if sys.version_info >= (3, 11) else "tomli")


def load_project(path: str) -> Project:
    """Read and validate a project file; :class:`SettingsError` says what is wrong and where."""
    tomllib = _toml()
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path} is not valid TOML ({exc}); fix it or delete it and run `litmap init`") from None
    except OSError as exc:
        raise SettingsError(f"cannot read {path}: {exc.strerror}") from None
    values: dict[str, Any] = {}
    for table, content in data.items():
        if table not in _LAYOUT or not isinstance(content, dict):
            raise SettingsError(f"{path}: unknown table [{table}]; litmap.toml has "
                                + ", ".join(f"[{t}]" for t in _LAYOUT))
        by_key = {_FILE_KEY.get(n, n): n for n in _LAYOUT[table]}
        for key, value in content.items():
            if key not in by_key:
                raise SettingsError(f"{path}: unknown key {key!r} in [{table}]; it takes "
                                    + ", ".join(sorted(by_key)))
            values[by_key[key]] = _check_type(path, table, key, by_key[key], value)
    return Project(**values, path=os.path.abspath(path))


def _check_type(path: str, table: str, key: str, name: str, value: Any) -> Any:
    kinds = {f.name: str(f.type) for f in fields(Project)}
    kind = kinds[name]
    where = f"{path}: [{table}] {key}"
    if "tuple" in kind:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise SettingsError(f"{where} must be a list of paths, e.g. [\"papers\"]")
        return tuple(value)
    if "bool" in kind:
        if not isinstance(value, bool):
            raise SettingsError(f"{where} must be true or false")
        return value
    if "float" in kind:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise SettingsError(f"{where} must be a number")
        return float(value)
    if "int" in kind:
        if isinstance(value, bool) or not isinstance(value, int):
            raise SettingsError(f"{where} must be a whole number")
        return value
    if not isinstance(value, str):
        raise SettingsError(f"{where} must be a string in quotes")
    return value or None


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    # A JSON string is a TOML basic string once DEL is escaped too.
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


def write_project(project: Project, path: str) -> str:
    """Write ``project`` as TOML to ``path`` (paths as given: relative to its folder); returns the path."""
    from litmap.util.files import atomic_write_text

    lines = ["# litmap project file: the commands run in this folder (or below it) read their defaults",
             "# from here; options on the command line win. See `litmap config` and README.md.", ""]
    for table, names in _LAYOUT.items():
        body = [f"{_FILE_KEY.get(n, n)} = {_toml_value(getattr(project, n))}" for n in names
                if getattr(project, n) not in (None, ())]
        if body or table in ("project", "files"):
            lines += [f"[{table}]", *body, ""]
    atomic_write_text(path, "\n".join(lines))
    return path


def project_for_run(folder: str, paths: Sequence[str], store: str, report: str, **settings: Any) -> Project:
    """The project file ``litmap run`` writes into ``folder``: paths relative to it where they lie below it."""
    def rel(p: str) -> str:
        full = os.path.abspath(os.path.expanduser(p))
        inside = os.path.relpath(full, folder)
        return full if inside.startswith(os.pardir) else inside

    extra: dict[str, Any] = {k: (tuple(rel(p) for p in v) if k == "lexicon" else rel(v) if k == "thesaurus" else v)
                             for k, v in settings.items()}
    return Project(corpus=tuple(rel(p) for p in paths), store=rel(store), report=rel(report), **extra)


def describe(project: Optional[Project], overrides: dict[str, tuple[Any, str]],
             defaults: dict[str, Any]) -> list[Setting]:
    """Every project setting with its effective value and source: ``overrides`` (field -> (value,
    source)) win, then the file, then ``defaults`` (field -> the commands' own default)."""
    out = []
    resolved = project.resolved() if project is not None else None
    for f in fields(Project):
        if f.name == "path":
            continue
        key = f"{next(t for t, ns in _LAYOUT.items() if f.name in ns)}.{_FILE_KEY.get(f.name, f.name)}"
        if f.name in overrides:
            value, source = overrides[f.name]
        elif resolved is not None and getattr(resolved, f.name) not in (None, ()):
            value, source = getattr(resolved, f.name), f"{FILE_NAME} ({project.path if project else ''})"
        else:
            value, source = defaults.get(f.name), "default"
        out.append(Setting(key, list(value) if isinstance(value, tuple) else value, source))
    return out
