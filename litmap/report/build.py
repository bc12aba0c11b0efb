"""Build a report folder atomically: gather, draw, render, export, rename.

Everything is written into a temporary folder next to ``out_dir`` and then
swapped in with renames, so a crash leaves the old report or the new one,
never a mix.  The previous report's ``data/snapshot.json`` feeds "What
changed".

Because the swap replaces the folder whole, ``out_dir`` must be litmap's to
replace (:func:`check_report_folder`): a folder that does not exist yet, an
empty one, or an earlier report, recognised by the ``.litmap-report`` marker
listing the files litmap wrote (reports from before the marker: exactly the
report layout), holding nothing else.  Anything else is refused before
anything is created or deleted.  Temporary folders carry the builder's pid;
those of dead builders (kill -9) are removed by the next build.
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import logging
import os
import re
import secrets
import shutil
import tempfile
import time
from pathlib import Path
from typing import AbstractSet, Any, Callable, Iterable, Optional, Union

from litmap import __version__
from litmap.errors import InputError
from litmap.progress import Progress, ProgressEvent, resolve
from litmap.store.report_read import report_connection, stored_artifact
from litmap.util.files import REPORT_MARKER, output_errors

from litmap.report.settings import ReportSettings, ReportSummary

__all__ = ["build_report", "check_report_folder", "MARKER"]

log = logging.getLogger(__name__)

MARKER = REPORT_MARKER  # JSON: litmap version, created, files (every file litmap wrote, relative)
# A report written before the marker existed: these files, and only files of these names.
_LEGACY_REQUIRED = ("index.html", "report.md", "data/snapshot.json")
_LEGACY_FILE = re.compile(
    r"index\.html|report\.md|figures/[\w-]+\.png|data/(?:(?:papers|works|contexts|paper_topics|topics"
    r"|concepts_by_year|concepts_by_paper)\.csv|network_[\w-]+\.(?:csv|graphml)|debates\.json|snapshot\.json)")
_LAYOUT_FOLDERS = frozenset({"figures", "data"})  # litmap's even when empty (no figures drawn)
_STALE_AGE = 3600.0  # seconds: temporary folders without a pid (older litmap) are stale after this


#: The last report's snapshot, kept in the store too (by a writing store: ``litmap run``), so a report built
#: into a new folder still says what changed since the last one.
SNAPSHOT_ARTIFACT = "report_snapshot"


def _previous_snapshot(out_dir: Path, store_or_conn: Any = None) -> Optional[dict[str, Any]]:
    """The snapshot of the last report in ``out_dir``; where the folder holds none, the one the store kept."""
    path = out_dir / "data" / "snapshot.json"
    try:
        raw: Optional[bytes] = path.read_bytes()
    except OSError:
        raw = None
    if raw is None and store_or_conn is not None:
        raw = stored_artifact(report_connection(store_or_conn), SNAPSHOT_ARTIFACT)
    try:
        value = json.loads(raw) if raw else None
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _keep_snapshot(store_or_conn: Any, snapshot: dict[str, Any]) -> None:
    """Keep the snapshot in the store when it is opened for writing (a read-only store keeps the folder's only)."""
    if getattr(store_or_conn, "write", False) and hasattr(store_or_conn, "put_artifact"):
        store_or_conn.put_artifact(SNAPSHOT_ARTIFACT, json.dumps(snapshot, sort_keys=True).encode("utf-8"))


def build_report(
    store_or_conn: Any, out_dir: Union[str, os.PathLike[str]], settings: Optional[ReportSettings] = None,
    progress: Optional[Progress] = None,
) -> ReportSummary:
    """Write ``index.html``, ``report.md``, ``figures/*.png`` and ``data/*`` into ``out_dir``."""
    from litmap.report.data import gather_report_data
    from litmap.report.html import render_html
    from litmap.report.markdown import render_markdown

    t0 = time.perf_counter()
    s = settings or ReportSettings()
    report = resolve(progress)
    out = check_report_folder(out_dir, db=getattr(store_or_conn, "path", None))
    conn = report_connection(store_or_conn)
    data = gather_report_data(conn, s, _previous_snapshot(out, store_or_conn), progress, store=store_or_conn)
    with output_errors(out):
        out.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(out)
        tmp = _make_tmp(out)
    # Errors about files elsewhere (a font, a lexicon) are not about the output: left as they are.
    with output_errors(out, within=(tmp, out), shown=(tmp, out)):
        try:
            tmp.chmod(0o755)  # mkdtemp makes it private; a report is meant to be shared
            report(ProgressEvent("report", 6, 7, message="figures and pages"))
            figures = _figures(data, tmp, s)
            exports = _exports(data, tmp, s)
            (tmp / "report.md").write_text(render_markdown(data, figures), encoding="utf-8")
            (tmp / "index.html").write_text(render_html(data, figures, timestamp=s.timestamp, stages=s.run_stages), encoding="utf-8")
            _write_marker(tmp, s.timestamp)
            _refuse_foreign(out)  # again: files may have been added while the report was built
            _swap(tmp, out)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    _keep_snapshot(store_or_conn, data.snapshot)
    report(ProgressEvent("report", 7, 7, message="done"))
    summary = ReportSummary(
        out_dir=str(out), index=str(out / "index.html"), markdown=str(out / "report.md"),
        figures=tuple(sorted(str(out / f) for f in figures.values())),
        exports=tuple(sorted(str(out / e) for e in exports)), papers=len(data.papers), works=len(data.works),
        sections=data.sections, seconds=round(time.perf_counter() - t0, 2),
    )
    log.info("report with %d papers written to %s in %.1fs", summary.papers, out, summary.seconds)
    return summary


def _figures(data: Any, tmp: Path, s: ReportSettings) -> dict[str, str]:
    if not s.figures:
        return {}
    from litmap.report.figures import write_figures

    return write_figures(data, tmp / "figures")


def _make_tmp(out: Path) -> Path:
    """The temporary folder beside ``out``, named with this process's pid (see :func:`_remove_stale`)."""
    try:
        return Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-{os.getpid()}-", dir=out.parent))
    except OSError as exc:  # name the folder the user chose, not the hidden one
        raise OSError(exc.errno, exc.strerror, str(out.parent)) from exc


def _swap(tmp: Path, out: Path) -> None:
    """Replace ``out`` by ``tmp`` with two renames (the old folder is removed last, and put back
    if the second rename fails)."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}-{secrets.token_hex(4)}")
        os.replace(out, old)
    try:
        os.replace(tmp, out)
    except BaseException:
        if old is not None:
            os.replace(old, out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _write_marker(folder: Path, timestamp: bool) -> None:
    entries = sorted(folder.rglob("*"))
    files = [p.relative_to(folder).as_posix() for p in entries if p.is_file()]
    folders = [p.relative_to(folder).as_posix() for p in entries if p.is_dir()]
    created = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds") if timestamp else None
    marker = {"litmap": __version__, "created": created, "files": files, "folders": folders}
    (folder / MARKER).write_text(json.dumps(marker, indent=1) + "\n", encoding="utf-8")


def check_report_folder(
    out_dir: Union[str, os.PathLike[str]], *, sources: Iterable[Union[str, os.PathLike[str]]] = (),
    db: Optional[Union[str, os.PathLike[str]]] = None,
) -> Path:
    """The resolved report folder, or :class:`InputError` if litmap must not replace it.

    Refused: the file system root, the home folder or a folder above it, a
    folder that is or contains one of ``sources`` (the corpus) or the store
    ``db``, a mount point (a finished report cannot be renamed onto it), and
    any folder that is not new, empty, or an earlier litmap report holding
    only what litmap wrote.  Reads only: nothing is created or deleted, so
    callers run it before opening a store.
    """
    out = Path(out_dir).resolve()
    _refuse_dangerous(out, sources, db)
    _refuse_foreign(out)
    return out


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _refuse_dangerous(out: Path, sources: Iterable[Union[str, os.PathLike[str]]],
                      db: Optional[Union[str, os.PathLike[str]]]) -> None:
    why, instead = None, "outputs/report"
    try:
        home: Optional[Path] = Path.home().resolve()
    except (RuntimeError, KeyError, OSError):
        home = None
    if out.parent == out:
        why = "it is the root of the file system"
    elif home is not None and _inside(home, out):
        why = "it is your home folder" if home == out else f"it contains your home folder {home}"
    else:
        for source in sources:
            src = Path(source).resolve()
            if _inside(src, out):
                folder = src if src.is_dir() else src.parent
                why = f"it is the corpus folder {src}" if src == out else f"it contains the corpus {src}"
                instead = str(folder.with_name(folder.name + "-report"))
                break
        if why is None and db is not None and not str(db).startswith((":memory:", "file:")) \
                and _inside(Path(db).resolve(), out):
            why = f"it contains the store {Path(db).resolve()}"
    if why:
        raise InputError(f"refusing -o {out}: {why}, and a report folder is replaced whole; "
                         f"choose a new or empty folder for the report, e.g. -o {instead}")


def _refuse_foreign(out: Path) -> None:
    if not out.exists():
        return
    if not out.is_dir():
        raise InputError(f"{out} exists and is not a folder: choose another -o folder")
    if os.path.ismount(out):
        raise InputError(f"{out} is a mount point, which a finished report cannot be renamed onto; "
                         f"use a folder inside it, e.g. -o {out / 'report'}")
    try:
        names = sorted(os.listdir(out))
    except OSError as exc:
        raise InputError(f"cannot look inside {out} ({exc.strerror}): choose another -o folder") from exc
    if not names:
        return
    foreign = _foreign_files(out, names)
    if foreign is None:
        raise InputError(f"{out} holds other files and is not a litmap report (no readable {MARKER} marker): "
                         "litmap writes only into a new or empty folder or a report it made, and replaces that "
                         "whole; choose a new or empty -o folder")
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        raise InputError(f"{out} is an earlier litmap report but also holds files litmap did not write "
                         f"({shown}), and a report folder is replaced whole; move them out of it or choose "
                         "a new or empty -o folder")


def _marker(out: Path) -> Optional[tuple[set[str], set[str]]]:
    """(files, folders) litmap wrote into ``out``, from its marker; None without a readable one."""
    path = out / MARKER
    if path.is_symlink() or not path.is_file():
        return None
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
        files, folders = value["files"], value.get("folders", [])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not all(isinstance(v, list) and all(isinstance(f, str) for f in v) for v in (files, folders)):
        return None
    folders = set(folders) | {p.as_posix() for f in files for p in Path(f).parents}
    return set(files) | {MARKER}, (folders | _LAYOUT_FOLDERS) - {"."}


def _foreign_files(out: Path, names: list[str]) -> Optional[list[str]]:
    """Entries of the report folder ``out`` that litmap did not write, or None if it is no report at all.

    Only folders litmap wrote into are walked, so a large foreign tree costs one listing."""
    marked = _marker(out)
    mine: Callable[[str], bool]
    folders: AbstractSet[str]
    if marked is not None:
        listed, folders = marked
        mine = listed.__contains__
    else:
        if not all((out / f).is_file() and not (out / f).is_symlink() for f in _LEGACY_REQUIRED):
            return None
        mine = lambda rel: _LEGACY_FILE.fullmatch(rel) is not None  # noqa: E731
        folders = _LAYOUT_FOLDERS
    foreign: list[str] = []
    pending = list(names)
    while pending:
        rel = pending.pop(0)
        path = out / rel
        if path.is_symlink():
            foreign.append(rel)
        elif path.is_dir():
            if rel in folders:
                pending.extend(f"{rel}/{n}" for n in sorted(os.listdir(path)))
            else:
                foreign.append(rel + "/")
        elif not (path.is_file() and mine(rel)):
            foreign.append(rel)
    return foreign


_STALE = re.compile(r"\.(?P<name>.+)\.(?:(?:tmp|old)-(?P<pid>\d+)-[A-Za-z0-9_]+|old-(?P<oldpid>\d+)"
                    r"|tmp-[a-z0-9_]{8})")


def _remove_stale(out: Path) -> None:
    """Remove temporary folders of earlier builds of ``out`` that died (kill -9, power loss)."""
    try:
        entries = list(os.scandir(out.parent))
    except OSError:
        return
    for entry in entries:
        m = _STALE.fullmatch(entry.name)
        if not m or m["name"] != out.name or not entry.is_dir(follow_symlinks=False):
            continue
        pid = m["pid"] or m["oldpid"]
        if pid is not None and os.name == "posix":
            if _alive(int(pid)):
                continue
        else:  # no pid (older litmap) or no way to ask: go by age
            try:
                if time.time() - entry.stat(follow_symlinks=False).st_mtime < _STALE_AGE:
                    continue
            except OSError:
                continue
        shutil.rmtree(entry.path, ignore_errors=True)
        if os.path.lexists(entry.path):
            log.warning("could not remove %s, left by an interrupted report build; remove it by hand", entry.path)
        else:
            log.warning("removed %s, left by an interrupted report build", entry.path)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except PermissionError:  # exists, another user's
        return True
    except (ProcessLookupError, OverflowError):
        return False
    return True


def _csv(path: Path, head: list[str], rows: Any) -> None:
    from litmap.export.graphs import safe_cell

    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(head)
        for r in rows:
            w.writerow([safe_cell(x) if x is not None else "" for x in r])


def _exports(data: Any, tmp: Path, s: ReportSettings) -> list[str]:
    from litmap.export.graphs import write_graph

    d = tmp / "data"
    d.mkdir()
    written: list[str] = []
    _csv(d / "papers.csv", ["id", "authors", "year", "title", "journal", "volume", "issue", "pages", "doi", "file",
                            "references", "citations", "cited_in_corpus", "top_topic"],
         ([p.id, "; ".join(p.authors), p.year, p.title, p.journal, p.volume, p.issue, p.pages, p.doi, p.file,
           len(p.refs), p.n_citations, len(p.cited_in_corpus), p.topics[0][0] if p.topics else None]
          for p in data.papers))
    _csv(d / "works.csv", ["id", "label", "first_author", "year", "title", "doi", "corpus_paper", "citing_papers",
                           "citing_sentences"],
         ([w.id, w.label, w.author, w.year, w.title, w.doi, w.paper, len(w.cited_by),
           w.n_contexts] for w in sorted(data.works.values(), key=lambda w: (-len(w.cited_by), w.id))))
    _csv(d / "contexts.csv", ["work", "paper", "page", "section", "sentence"],
         ([c.work, c.paper, c.page, c.section, c.sentence] for c in data.contexts))
    written += ["data/papers.csv", "data/works.csv", "data/contexts.csv"]
    if not data.topics.get("missing"):
        _csv(d / "paper_topics.csv", ["paper", "topic", "share"],
             ([p.id, t, share] for p in data.papers for t, share in p.topics))
        _csv(d / "topics.csv", ["id", "label", "size", "papers", "keywords"],
             ([t["id"], t["label"], t["size"], t["n_papers"], "; ".join(t["keywords"])] for t in data.topics["topics"]))
        written += ["data/paper_topics.csv", "data/topics.csv"]
    if not data.concepts.get("missing"):
        _csv(d / "concepts_by_year.csv", ["year", "concept", "mentions"], data.concepts["by_year"])
        _csv(d / "concepts_by_paper.csv", ["paper", "concept", "mentions"],
             ([pid, c, n] for pid, items in data.concepts["by_paper"].items() for c, n in items))
        written += ["data/concepts_by_year.csv", "data/concepts_by_paper.csv"]
    for name, G in data.graphs.items():
        if G.number_of_nodes() == 0:
            continue
        formats = ("csv", "graphml") if G.number_of_edges() <= s.graphml_max_edges else ("csv",)
        for fmt in formats:
            for p in write_graph(G, d / f"network_{name}.{fmt}", fmt):
                written.append(f"data/{Path(p).name}")
    if data.debates.get("maps"):
        (d / "debates.json").write_text(json.dumps(data.debates["maps"], indent=1, ensure_ascii=False), encoding="utf-8")
        written.append("data/debates.json")
    (d / "snapshot.json").write_text(json.dumps(data.snapshot, indent=1, sort_keys=True), encoding="utf-8")
    written.append("data/snapshot.json")
    return written
