"""The ``litmap`` command line: parse options, call one library function, render.

This is the only module that imports Click, configures logging and draws
progress bars.  Library errors (:class:`~litmap.errors.LitmapError`) become a
one-line message and exit status 1; usage errors exit with 2.  Heavy
libraries are imported inside the commands that need them so ``litmap
--help`` starts instantly.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from contextlib import contextmanager
from typing import Any, Iterator, Optional

import click

from litmap import __version__
from litmap.batch.choose_executor import EXECUTORS
from litmap.errors import LitmapError
from litmap.read.settings import ENGINES, OCR_MODES

# C0/C1 controls and bidi overrides: a file name or PDF title must not forge or
# reorder terminal lines.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _safe(text: object) -> str:
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", str(text))


_UNSAFE_IN_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _safe_lines(text: object) -> str:
    """:func:`_safe` for multi-line output (text renderings, indented JSON): line breaks and tabs stay."""
    return _UNSAFE_IN_LINES.sub(lambda m: f"\\u{ord(m.group()):04x}", str(text))


def _echo_json(value: Any) -> None:
    """JSON on stdout, indented, with the terminal escaping of :func:`_to_terminal`."""
    click.echo(_to_terminal(json.dumps(value, indent=2, ensure_ascii=False, default=str)))


def _echo_listing(command: str, items: list[Any], **extra: Any) -> None:
    """The one shape of every listing's --json: {"command", "count", "items", ...extra}."""
    _echo_json({"command": command, "count": len(items), "items": items, **extra})


def _to_terminal(text: str) -> str:
    """JSON or data for stdout: json.dumps already escapes C0 controls; C1 controls and
    bidi overrides are escaped too when a terminal shows it (a pipe gets it unchanged)."""
    return _safe_lines(text) if sys.stdout.isatty() else text


def _escape_log_record(record: logging.LogRecord) -> bool:
    """Logging filter: a log line shows file names and extracted strings, so its
    control characters are escaped (an ESC must not clear the screen, a newline
    must not forge a "FAILED …:" line).  Tracebacks keep their line breaks."""
    try:
        record.msg, record.args = _safe(record.getMessage()), None
    except Exception:  # a malformed call is logging's to report (handleError), not a crash here
        return True
    if record.exc_info and not record.exc_text:
        record.exc_text = _safe_lines(logging.Formatter().formatException(record.exc_info))
    if record.stack_info:
        record.stack_info = _safe_lines(record.stack_info)
    return True


DB_HELP = "SQLite store to use (default: $LITMAP_DB, else the store in litmap.toml, else ./litmap.db)."


def _db_option(f: Any) -> Any:
    return click.option(
        "--db", "db", envvar="LITMAP_DB", default="litmap.db", show_default="litmap.db",
        type=click.Path(dir_okay=False), help=DB_HELP,
    )(f)


def _project_defaults(group: click.Group, project: Any) -> dict[str, Any]:
    """Click's default_map from a project file: each command gets the settings it has an option for."""
    out: dict[str, Any] = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            out[name] = _project_defaults(command, project)
        else:
            out[name] = project.option_defaults(name, [p.name for p in command.params if p.name])
    return out


def _load_project(ctx: click.Context) -> None:
    """Find litmap.toml here or in a parent folder and make its settings the commands' defaults."""
    from litmap.project import find_project, load_project

    path = find_project()
    if path is None:
        return
    with _errors():
        project = load_project(path)
    ctx.meta["litmap.project"] = project
    ctx.default_map = _project_defaults(cli, project)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn litmap's own errors into a clean message and exit status 1."""
    try:
        yield
    except LitmapError as exc:
        raise click.ClickException(_safe(exc)) from None
    except OSError as exc:
        message = _os_error_message(exc)
        if message is None:
            raise
        raise click.ClickException(_safe(message)) from None
    except KeyboardInterrupt:
        click.echo("interrupted: everything finished so far is saved; run the command again to resume", err=True)
        sys.exit(130)


def _os_error_message(exc: OSError) -> Optional[str]:
    """One line, naming the file and the fix, for a full disk or a place litmap may
    not write that escaped the library (its own errors say more); None for other errors."""
    import errno

    name = _safe(exc.filename) if exc.filename is not None else "a file"
    if exc.filename2 is not None:
        name += f" (to {_safe(exc.filename2)})"
    if exc.errno == errno.ENOSPC:
        return f"no space left on device while writing {name}; free some space or write to another disk"
    if exc.errno == errno.EDQUOT:
        return f"disk quota exceeded while writing {name}; free some space or write to another disk"
    if exc.errno == errno.EROFS:
        return f"cannot write {name}: read-only file system; choose a writable place"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"cannot access {name}: permission denied; check its permissions or choose another place"
    return None


def _console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


class _Group(click.Group):
    """Ctrl-C anywhere in a command, also while it is still importing what it
    needs (before its own handler), ends with the same message and status 130
    rather than Click's "Aborted!" and status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("interrupted: everything finished so far is saved; run the command again to resume", err=True)
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="litmap")
@click.option("-v", "--verbose", count=True, help="More detail, and other libraries' messages (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors: no progress, no notes.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """Map a literature from a folder of scholarly PDFs.

    \b
    Typical use:
      litmap run papers/ -o outputs/review   read, analyse, report; writes litmap.toml here
      litmap status                          what is stored, and what failed and why
      litmap debates                         the debates in the corpus
      litmap config                          the settings in use and where each came from

    Commands find litmap.toml in this folder or a parent and take their
    defaults from it; options given on the command line win.
    """
    ctx.meta["litmap.verbose"], ctx.meta["litmap.quiet"] = verbose, quiet
    _load_project(ctx)
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:  # forked workers inherit it
        handler.addFilter(_escape_log_record)
    # Per-file problems are shown in the summary; avoid duplicating them as log lines.
    if verbose == 0:
        logging.getLogger("litmap.batch.ingest").setLevel(logging.ERROR)
    if verbose == 0:
        os.environ.setdefault("TQDM_DISABLE", "1")  # BERTopic's own progress bars
        # Only litmap's own messages by default (-v shows the rest): transformers' model "LOAD REPORT"
        # tables and hub progress bars, and third-party deprecation chatter.
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        import warnings

        warnings.filterwarnings("ignore", module=r"(?!litmap\b)")
    # BERTopic resets its own logger's level when a model is built, so drop its
    # chatter with a filter (filters survive level changes).
    logging.getLogger("BERTopic").addFilter(lambda record: record.levelno >= logging.ERROR or verbose > 0)
    for noisy in ("pdfminer", "PIL", "pypdfium2", "BERTopic"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@_db_option
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes (default: one per core; 0: in-process).")
@click.option("--timeout", type=float, default=300.0, show_default=True, help="Per-file time limit in seconds.")
@click.option("--engine", type=click.Choice(ENGINES), default="pdfium", show_default=True,
              help="PDF character engine (see README: PDF engine).")
@click.option("--ocr", type=click.Choice(OCR_MODES), default="auto", show_default=True,
              help="OCR pages without a text layer (auto), never, or every page.")
@click.option("--memory-mb", type=int, default=4096, show_default=True, help="Memory cap per worker.")
@click.option("--max-file-mb", type=int, default=2048, show_default=True,
              help="Largest input file read; larger ones are reported, not read.")
@click.option("--follow-links", is_flag=True,
              help="Also follow links whose target lies outside PATHS (skipped with a note by default).")
@click.option("--retry-failed", is_flag=True, help="Try files that failed before again.")
@click.option("--reprocess", is_flag=True,
              help="Read stored files again (e.g. after upgrading litmap); documents keep their ids.")
@click.option("--executor", type=click.Choice(EXECUTORS), default="local", show_default=True,
              help="Where per-file work runs: a local process pool, a Dask cluster, or in-process.")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Address of a Dask scheduler (implies --executor dask).")
@click.option("--wait", type=float, default=0.0, help="Seconds to wait if another litmap is writing the store.")
@click.option("--init-empty", is_flag=True, help="Let --db name an empty file and make it a new store.")
@click.option("--library", "library", multiple=True, type=click.Path(),
              help="Your library as the source of truth for titles, authors, years, venues, DOIs: a BibTeX "
                   "file (Zotero/JabRef, with file fields), a CSL-JSON file or a Zotero data folder; repeatable.")
def ingest(paths: tuple[str, ...], db: str, jobs: Optional[int], timeout: float, engine: str, ocr: str,
           memory_mb: int, max_file_mb: int, follow_links: bool, retry_failed: bool, reprocess: bool,
           executor: str, scheduler: Optional[str], wait: float, init_empty: bool,
           library: tuple[str, ...] = ()) -> None:
    """Read PDFs and text files under PATHS into the store.

    Folders are walked recursively.  A file already stored (same bytes) is
    never processed again; changed files replace their old version; files
    that disappeared are marked removed.  Only regular files are read, and
    links only when they lead to a place inside PATHS (see --follow-links);
    skipped entries are listed but are not failures.  Exit status 1 if any
    file failed.
    """
    from litmap.batch.ingest import IngestSettings
    from litmap.batch.ingest import ingest as run_ingest
    from litmap.store import Store

    from litmap.batch.discover import check_paths

    if not paths:
        raise click.UsageError("no PATHS given and no litmap.toml here or in a parent folder to take them from")
    with _errors():
        check_paths(paths)  # before the store: a mistyped path leaves no store or lock behind
        settings = IngestSettings(jobs=jobs, timeout=timeout, engine=engine, ocr=ocr, memory_mb=memory_mb,
                                  retry_failed=retry_failed, reprocess=reprocess, max_file_mb=max_file_mb,
                                  follow_links=follow_links, executor="dask" if scheduler else executor,
                                  scheduler=scheduler)
        with Store(db, write=True, timeout=wait, init_empty=init_empty) as store, \
                _progress_bar("Ingesting") as progress:
            run_id = store.start_run("ingest", {"paths": list(paths), **settings.__dict__})
            try:
                summary = run_ingest(list(paths), store, settings, progress)
                lib = None
                if library:
                    from litmap.batch.library import apply_libraries

                    lib = apply_libraries(store, library)
            except BaseException:
                store.finish_run(run_id, "interrupted", {})
                raise
            store.finish_run(run_id, "ok" if summary.ok else "failed", summary.counts())
        _render_ingest(summary, db)
        if lib is not None:
            click.echo(f"library: {lib.entries} entries, {lib.matched} papers given library metadata, "
                       f"{lib.unmatched} entries matching no paper")
            for w in lib.warnings:
                click.echo(f"warning: {_safe(w)}", err=True)
        if not summary.ok:
            sys.exit(1)


def _render_ingest(summary: Any, db: str) -> None:
    c = summary.counts()
    click.echo(
        f"{c['found']} files: {c['added']} added, {c['replaced']} replaced, {c['unchanged']} unchanged, "
        f"{c['moved']} moved, {c['duplicates']} duplicates, {c['removed']} removed, {c['failed']} failed, "
        f"{c['skipped']} skipped "
        f"({c['pages']} pages read) → {_safe(db)}"
    )
    for path, original in summary.duplicates:
        click.echo(f"  duplicate: {_safe(path)} (same bytes as {_safe(original)})")
    for path in summary.removed:
        click.echo(f"  removed: {_safe(path)}")
    for path, reason in summary.skipped:  # notes: links out of the corpus, loops, FIFOs; not failures
        click.echo(f"  skipped {_safe(path)}: {_safe(reason.removeprefix('skipped: '))}", err=True)
    for path, reason in summary.failed:
        click.echo(f"  FAILED {_safe(path)}: {_safe(reason)}", err=True)


@contextmanager
def _progress_bar(label: str) -> Iterator[Any]:
    """Progress for a command (litmap.display): named stages on a terminal, timestamped lines in a
    log, nothing with -q.  ``label`` is kept for the callers; the stages name themselves."""
    from litmap.display import progress_display

    ctx = click.get_current_context(silent=True)
    quiet = bool(ctx and ctx.find_root().meta.get("litmap.quiet"))
    with progress_display(quiet) as callback:
        yield callback


_max_items_option = click.option(
    "--max-items", "max_items", type=click.IntRange(min=0), default=1000, show_default=True,
    help="At most N works in the co-citation map, the most cited after the threshold (VOSviewer's default "
         "1000); 0: no cap.")


def _map_options(f: Any) -> Any:
    """Which cited works enter the maps (litmap.analyse.networks.selection), for `network`, `report` and `run`."""
    options = [
        click.option("--min-citations", "min_citations", type=int, default=None,
                     help="Keep works cited by at least N corpus papers (concepts: occurring N times). "
                          "Default by corpus size: 1 below 10 papers, else max(2, round(log10 papers)); "
                          "1 keeps every work."),
        click.option("--selection", type=click.Choice(["threshold", "top", "g-index"]), default="threshold",
                     show_default=True, help="CiteSpace node selection: the minimum only, or also the top N / "
                                             "g-index core of each time slice."),
        click.option("--top-per-slice", type=int, default=50, show_default=True, help="N for --selection top."),
        click.option("--g-k", type=float, default=25.0, show_default=True, help="Scale k for --selection g-index."),
        click.option("--slice-years", type=int, default=1, show_default=True, help="Years per time slice."),
        _max_items_option,
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _run_options(f: Any) -> Any:
    """Options shared by `run` and `watch`."""
    options = [
        click.argument("paths", nargs=-1, type=click.Path()),
        click.option("--db", "db", default=None, type=click.Path(dir_okay=False),
                     help="SQLite store (default: OUT.db beside the report folder)."),
        click.option("-o", "--out", "out", default="outputs/report", show_default=True,
                     type=click.Path(file_okay=False), help="Report folder (index.html, report.md, figures/, data/)."),
        click.option("--jobs", "-j", type=int, default=None, help="Worker processes (default: one per core)."),
        click.option("--timeout", type=float, default=300.0, show_default=True, help="Per-file time limit in seconds."),
        click.option("--max-file-mb", type=int, default=2048, show_default=True,
                     help="Largest input file read; larger ones are reported, not read."),
        click.option("--follow-links", is_flag=True,
                     help="Also follow links whose target lies outside PATHS (skipped with a note by default)."),
        click.option("--ocr", type=click.Choice(OCR_MODES), default="auto", show_default=True),
        click.option("--executor", type=click.Choice(EXECUTORS), default="local", show_default=True,
                     help="Where per-file work runs."),
        click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
                     help="Address of a Dask scheduler (implies --executor dask)."),
        click.option("--model", default="minilm-static", show_default=True, help="Embedding model for topics."),
        click.option("--refit", is_flag=True, help="Refit topics (keeping the ids that still hold)."),
        click.option("--topics", "nr_topics", type=int, default=None,
                     help="Number of topics (default: chosen from corpus size and coherence x diversity); "
                          "a new number refits the stored topics."),
        click.option("--no-topics", is_flag=True, help="Skip topic modelling."),
        click.option("--title", default="Literature map", show_default=True, help="Report title."),
        click.option("--concepts", "concept_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
                     help="Your own concept lexicon(s), merged with the default."),
        click.option("--thesaurus", type=click.Path(exists=True, dir_okay=False), default=None,
                     help="Your corrections, applied on every run: a TSV 'kind<TAB>label<TAB>replace by' "
                          "(kind author or work; an empty replacement drops it), as VOSviewer's thesaurus."),
        click.option("--library", "library", multiple=True, type=click.Path(),
                     help="Your library as the source of truth for titles, authors, years, venues, DOIs: a BibTeX "
                          "file (Zotero/JabRef, with file fields), a CSL-JSON file or a Zotero data folder; repeatable."),
        click.option("--wait", type=float, default=0.0, help="Seconds to wait if another litmap is writing the store."),
        click.option("--init-empty", is_flag=True, help="Let --db name an empty file and make it a new store."),
    ]
    for option in reversed(options):
        f = option(f)
    return _map_options(f)


def _run_once(opts: dict[str, Any]) -> Any:
    from litmap.batch.ingest import IngestSettings
    from litmap.pipeline import RunSettings, run_pipeline
    from litmap.report.build import check_report_folder
    from litmap.store import Store

    from litmap.batch.discover import check_paths

    # Before the store is opened: a refused -o (/, the corpus, home) or a mistyped path leaves no
    # .db, .lock or folder.
    check_paths(opts["paths"])
    check_report_folder(opts["out"], sources=opts["paths"], db=opts["db"])
    ingest_settings = IngestSettings(jobs=opts["jobs"], timeout=opts["timeout"], ocr=opts["ocr"],
                                     reprocess=opts.get("reprocess", False), max_file_mb=opts["max_file_mb"],
                                     follow_links=opts["follow_links"],
                                     executor="dask" if opts["scheduler"] else opts["executor"],
                                     scheduler=opts["scheduler"])
    settings = RunSettings(ingest=ingest_settings, topic_model=opts["model"], refit_topics=opts["refit"],
                           topics=not opts["no_topics"], nr_topics=opts["nr_topics"], report_title=opts["title"],
                           concept_files=tuple(opts["concept_files"]), min_citations=opts["min_citations"],
                           selection=opts["selection"], top_per_slice=opts["top_per_slice"], g_k=opts["g_k"],
                           slice_years=opts["slice_years"], max_items=opts["max_items"] or None,
                           thesaurus=opts.get("thesaurus"),
                           libraries=tuple(opts.get("library") or ()))
    with Store(opts["db"], write=True, timeout=opts["wait"], init_empty=opts.get("init_empty", False)) as store, \
            _progress_bar("Working") as progress:
        summary = run_pipeline(list(opts["paths"]), store, opts["out"], settings, progress)
    _render_ingest(summary.ingest, opts["db"])
    if summary.topics is not None:
        click.echo(f"topics: {summary.topics} ({summary.topic_mode})")
    for note in summary.notes:
        click.echo(f"note: {_safe(note)}")
    if summary.library is not None:
        lib = summary.library
        click.echo(f"library: {lib['entries']} entries, {lib['matched']} papers given library metadata, "
                   f"{lib['unmatched']} entries matching no paper")
    if summary.report:
        click.echo(f"report: {_safe(summary.report)}")
    if summary.stages:
        from litmap.progress import format_stages

        click.echo(_safe(f"time: {format_stages(summary.stages)}"))
    return summary


@cli.command()
@_run_options
@click.option("--reprocess", is_flag=True,
              help="Read stored files again (e.g. after upgrading litmap); documents keep their ids.")
@click.pass_context
def run(ctx: click.Context, **opts: Any) -> None:
    """Everything in one go: ingest PATHS, resolve works, topics, report.

    Incremental: on an existing store only new and changed files are read,
    new passages join the stored topics, and the report says what changed.
    The first run writes litmap.toml here (corpus, store, report folder), so
    later commands (`litmap run`, `status`, `debates` ...) need no paths.
    """
    _store_beside_report(ctx, opts)
    with _errors():
        summary = _run_once(opts)
        _write_project_after_run(ctx, opts)
    if not summary.ingest.ok:
        sys.exit(1)


def _store_beside_report(ctx: click.Context, opts: dict[str, Any]) -> None:
    """PATHS from the project file when none are given; the store beside, not inside, the report
    folder (the report is swapped in whole), unless --db or the project file names one."""
    from click.core import ParameterSource

    if not opts["paths"]:
        raise click.UsageError("no PATHS given and no litmap.toml here or in a parent folder to take them "
                               "from: name the folders of papers (litmap run papers/ -o outputs/review)")
    db_from_file = ctx.get_parameter_source("db") == ParameterSource.DEFAULT_MAP
    out_given = ctx.get_parameter_source("out") == ParameterSource.COMMANDLINE
    if not opts["db"] or (db_from_file and out_given):
        opts["db"] = os.path.normpath(opts["out"]) + ".db"


def _write_project_after_run(ctx: click.Context, opts: dict[str, Any]) -> None:
    """The first run here writes litmap.toml; an existing one (here or above) is left as it is."""
    from click.core import ParameterSource

    from litmap.project import FILE_NAME, project_for_run, write_project

    if "litmap.project" in ctx.find_root().meta:
        return
    # Only for a report made in this folder or below it: a run from elsewhere (-o /tmp/x) makes no project here.
    if os.path.relpath(os.path.abspath(opts["out"]), os.getcwd()).startswith(os.pardir):
        return
    given = {name: opts[name] for name in ("timeout", "max_file_mb", "ocr", "jobs")
             if ctx.get_parameter_source(name) == ParameterSource.COMMANDLINE}
    if ctx.get_parameter_source("model") == ParameterSource.COMMANDLINE:
        given["topic_model"] = opts["model"]
    if ctx.get_parameter_source("nr_topics") == ParameterSource.COMMANDLINE:
        given["nr_topics"] = opts["nr_topics"]
    if opts["no_topics"]:
        given["topics"] = False
    if ctx.get_parameter_source("title") == ParameterSource.COMMANDLINE:
        given["title"] = opts["title"]
    if opts.get("thesaurus"):
        given["thesaurus"] = opts["thesaurus"]
    project = project_for_run(os.getcwd(), opts["paths"], opts["db"], opts["out"],
                              lexicon=tuple(opts["concept_files"]), **given)
    write_project(project, FILE_NAME)
    if not ctx.find_root().meta.get("litmap.quiet"):
        click.echo(f"project: wrote {FILE_NAME}: commands run here now use {_safe(opts['db'])} "
                   "(`litmap config` shows every setting)", err=True)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--out", "out", default="outputs/report", show_default=True, type=click.Path(file_okay=False),
              help="Report folder.")
@click.option("--db", "db", default=None, type=click.Path(dir_okay=False),
              help="SQLite store (default: OUT.db beside the report folder).")
@click.option("--concepts", "concept_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Your own concept lexicon(s), merged with the default.")
@click.option("--force", is_flag=True, help="Replace a litmap.toml already in this folder.")
def init(paths: tuple[str, ...], out: str, db: Optional[str], concept_files: tuple[str, ...], force: bool) -> None:
    """Write litmap.toml in this folder: the corpus PATHS, store and report folder.

    Edit it to set thresholds and topic settings; `litmap config` shows
    what every command will use.
    """
    from litmap.project import FILE_NAME, find_project, project_for_run, write_project

    if os.path.exists(FILE_NAME) and not force:
        raise click.ClickException(f"{FILE_NAME} already exists here: edit it, or pass --force to replace it")
    above = find_project()
    with _errors():
        for p in paths:
            if not os.path.lexists(p):
                raise click.ClickException(f"{_safe(p)}: no such file or folder; check the path")
        project = project_for_run(os.getcwd(), paths, db or os.path.normpath(out) + ".db", out,
                                  lexicon=concept_files)
        write_project(project, FILE_NAME)
    if above and os.path.dirname(above) != os.getcwd():
        click.echo(f"note: this folder now has its own project; {_safe(above)} no longer applies here", err=True)
    click.echo(f"wrote {FILE_NAME}")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def config(ctx: click.Context, as_json: bool) -> None:
    """The settings commands use here, and where each came from (litmap.toml, $LITMAP_DB or default)."""
    from litmap.project import OPTION_KEYS, describe

    project = ctx.find_root().meta.get("litmap.project")
    defaults: dict[str, Any] = {}
    for name, (param, commands) in OPTION_KEYS.items():
        command = cli.commands.get((commands or ("status",))[0])
        spec = next((p for p in command.params if p.name == param), None) if command else None
        value = getattr(spec, "default", None)
        if value is not None and not callable(value) and "UNSET" not in repr(value):  # Click >= 8.2: a sentinel
            defaults[name] = value
    defaults["topics"] = True
    defaults["store"] = "OUT.db (for run), litmap.db (other commands)" if project is None else None
    overrides = {"store": (os.environ["LITMAP_DB"], "$LITMAP_DB")} if os.environ.get("LITMAP_DB") else {}
    settings = describe(project, overrides, defaults)
    where = project.path if project is not None else None
    if as_json:
        _echo_listing("config", [s.__dict__ for s in settings], project_file=where)
        return
    click.echo(f"project file: {_safe(where) if where else 'none (litmap run or litmap init writes litmap.toml)'}")
    for s in settings:
        value = "(not set)" if s.value in (None, [], "") else s.value
        click.echo(_safe(f"  {s.key:<22} {value!s:<36} {s.source}"))


@cli.command()
@_run_options
@click.option("--interval", type=float, default=5.0, show_default=True, help="Seconds between looks at the folder.")
@click.option("--settle", type=float, default=2.0, show_default=True,
              help="Seconds a file must stay unchanged before it is read (files still being written wait).")
@click.pass_context
def watch(ctx: click.Context, interval: float, settle: float, **opts: Any) -> None:
    """Watch PATHS and refresh the store and report whenever files settle.

    Runs once at start, then after every change; Ctrl-C stops it.
    """
    from litmap.errors import LitmapError as _Err
    from litmap.batch.watch import watch as watch_folders
    from litmap.report.build import check_report_folder

    _store_beside_report(ctx, opts)

    def refresh() -> None:
        try:
            _run_once(opts)
        except _Err as exc:  # one failed refresh must not end the watch
            click.echo(f"refresh failed: {_safe(exc)}", err=True)

    with _errors():  # a refused -o ends the watch at once, not at every refresh
        check_report_folder(opts["out"], sources=opts["paths"], db=opts["db"])
    click.echo(f"watching {_safe(', '.join(opts['paths']))} every {interval:g} s (Ctrl-C to stop)", err=True)
    with _errors():
        try:
            watch_folders(list(opts["paths"]), refresh, interval=interval, settle=settle, initial=True)
        except KeyboardInterrupt:
            click.echo("stopped", err=True)


@cli.command()
@_db_option
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--compare", nargs=2, type=int, default=None, metavar="A B", help="Compare two runs by id.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def runs(db: str, limit: int, compare: Optional[tuple[int, int]], as_json: bool) -> None:
    """List recorded runs (time, command, status, counts), or compare two."""
    import dataclasses

    from litmap.store import Store
    from litmap.store.runlog import compare_runs, list_runs

    with _errors(), Store(db) as store:
        if compare:
            result: Any = compare_runs(store, *compare)
        else:
            result = list_runs(store, limit)
    if as_json:
        if isinstance(result, list):
            _echo_listing("runs", [dataclasses.asdict(r) for r in result])
        else:
            _echo_json({"command": "runs", "comparison": dataclasses.asdict(result)})
        return
    if compare:
        click.echo(_safe(f"run {result.a.id} ({result.a.started}) → run {result.b.id} ({result.b.started})"))
        for name, a, b in result.counts:
            click.echo(_safe(f"  {name}: {a} → {b}"))
        for doc_id, path in result.added:
            click.echo(f"  + [{doc_id}] {_safe(path)}")
        for doc_id, path in result.removed:
            click.echo(f"  - [{doc_id}] {_safe(path)}")
        return
    for r in result:
        counts = ", ".join(f"{k} {v}" for k, v in (r.counts or {}).items() if isinstance(v, (int, float)) and v)
        click.echo(_safe(f"{r.id:>4}  {r.started}  {r.command:<7} {r.status:<11} {counts}"))
        stages = [s for s in (r.counts or {}).get("stages") or [] if isinstance(s, dict)]
        if stages:
            total = sum(float(s.get("seconds") or 0) for s in stages)
            click.echo(_safe("      stages: " + ", ".join(
                f"{s.get('stage')} {float(s.get('seconds') or 0):.1f} s ({float(s.get('peak_mb') or 0):.0f} MB)"
                for s in stages) + f"; {total:.1f} s in all"))
            for s in stages:
                steps = [t for t in s.get("steps") or [] if isinstance(t, dict)]
                if steps:
                    click.echo(_safe(f"        {s.get('stage')}: " + ", ".join(
                        f"{t.get('step')} {float(t.get('seconds') or 0):.1f} s" for t in steps)))


@cli.command()
@_db_option
@click.option("-o", "--out", "out", default="outputs/report", show_default=True, type=click.Path(file_okay=False))
@click.option("--title", default="Literature map", show_default=True)
@click.option("--top-nodes", type=int, default=150, show_default=True,
              help="Nodes per interactive network (full graphs go to data/).")
@click.option("--no-figures", is_flag=True, help="Skip the static PNG figures.")
@click.option("--concepts", "concept_files", multiple=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--thesaurus", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Your corrections (TSV 'kind<TAB>label<TAB>replace by', as VOSviewer's thesaurus).")
@_map_options
def report(db: str, out: str, title: str, top_nodes: int, no_figures: bool, concept_files: tuple[str, ...],
           min_citations: Optional[int], selection: str, top_per_slice: int, g_k: float, slice_years: int,
           max_items: int = 1000, thesaurus: Optional[str] = None) -> None:
    """Write the HTML report (index.html) and Markdown summary (report.md)."""
    from litmap.report import ReportSettings, build_report
    from litmap.store import Store

    with _errors(), Store(db) as store, _progress_bar("Report") as progress:
        settings = ReportSettings(title=title, top_nodes=top_nodes, figures=not no_figures,
                                  extra_concepts=concept_files, min_cocitations=min_citations, selection=selection,
                                  top_per_slice=top_per_slice, g_k=g_k, slice_years=slice_years,
                                  max_items=max_items or None, thesaurus=thesaurus)
        summary = build_report(store, out, settings, progress)
    click.echo(f"report: {_safe(summary.index)} ({summary.papers} papers, {summary.works} works, {summary.seconds} s)")
    click.echo(f"summary: {_safe(summary.markdown)}")


@cli.command()
@_db_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def status(db: str, as_json: bool) -> None:
    """Counts in the store, and every failed file with its reason."""
    from litmap.store import Store

    with _errors(), Store(db) as store:
        st = store.status()
    if as_json:
        click.echo(json.dumps(st.__dict__, indent=2, default=list))
        return
    click.echo(f"store: {_safe(db)} (schema v{st.schema_version})")
    click.echo(f"documents: {st.documents} ({st.pages} pages, {st.ocr} OCR'd), failed: {st.failed}, "
               f"removed: {st.removed}" + (f", not read in the last run: {len(st.unread)}" if st.unread else ""))
    click.echo(f"references: {st.references}, in-text citations: {st.citations}, works: {st.works}, "
               f"PDFs with no reference list found: {st.no_references}")
    for path, reason in st.failures:
        click.echo(f"  FAILED {_safe(path)}: {_safe(reason)}")
    for path, reason in st.unread:  # no document holds these: the last run's record does
        click.echo(f"  NOT READ {_safe(path)}: {_safe(reason)} (last run)")
    if st.untitled:
        click.echo(f"papers with no title found: {len(st.untitled)} (not in the text: the report names them by their "
                   "authors, journal or opening words)")
        for path in st.untitled:
            click.echo(f"  NO TITLE {_safe(path)}")
    for line in st.guessed:
        click.echo(f"  GUESSED {_safe(line)}")  # each field says where its guess came from
    for line in st.garbled:
        click.echo(f"  GARBLED {_safe(line)}")


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
@click.option("--engine", type=click.Choice(ENGINES), default="pdfium", show_default=True)
@click.option("--ocr", type=click.Choice(OCR_MODES), default="auto", show_default=True)
def extract(file: str, fmt: str, engine: str, ocr: str) -> None:
    """Print one file's extraction without touching a store."""
    from litmap.batch.extract import extract_file, render_json, render_text

    with _errors():
        doc = extract_file(file, engine=engine, ocr=ocr)
    click.echo(_to_terminal(render_json(doc)) if fmt == "json" else _safe_lines(render_text(doc)))


@cli.command()
@_db_option
@click.option("--model", default="minilm-static", show_default=True,
              help="Embedding model: minilm-static (offline, fast), all-MiniLM-L6-v2 (offline, bundled), "
                   "or any sentence-transformers name or local path.")
@click.option("--min-topic-size", type=int, default=15, show_default=True)
@click.option("--topics", "--nr-topics", "nr_topics", type=int, default=None,
              help="Number of topics (default: chosen from corpus size and coherence x diversity).")
@click.option("--clusters", type=int, default=None, help="Fixed number of clusters (small-corpus KMeans).")
@click.option("--labels", "labels", type=click.Path(dir_okay=False), default=None,
              help="Labels file renaming/merging topics by id (default: topics.yaml beside the store).")
@click.option("--stop-word", "stop_words", multiple=True, help="Extra stop word (repeatable).")
@click.option("--seed", type=int, default=42, show_default=True)
@click.option("--refresh", is_flag=True, help="Assign new passages to the stored topics instead of refitting.")
@click.option("--refit", is_flag=True, help="Refit, keeping ids and labels of topics that still hold.")
@click.option("--wait", type=float, default=0.0, help="Seconds to wait if another litmap is writing the store.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def topics(db: str, model: str, min_topic_size: int, nr_topics: Optional[int], clusters: Optional[int],
           labels: Optional[str], stop_words: tuple[str, ...], seed: int, refresh: bool, refit: bool,
           wait: float, as_json: bool) -> None:
    """Topic-model the corpus's body passages (offline by default): phrase labels, top words, and a
    count chosen from corpus size and coherence (--topics N fixes it); rename or merge in topics.yaml."""
    from litmap.analyse.topics.job import run_topics, topics_settings
    from litmap.store import Store

    with _errors():
        settings = topics_settings(model=model, min_topic_size=min_topic_size, nr_topics=nr_topics,
                                   n_clusters=clusters, extra_stop_words=stop_words,
                                   seed=seed)
        with Store(db, write=True, timeout=wait) as store, _progress_bar("Topics") as progress:
            result = run_topics(store, settings, mode="refit" if refit else "refresh" if refresh else "fit",
                                progress=progress, labels=labels)
    q = result.quality
    if as_json:
        _echo_listing("topics", [{"id": t.id, "label": t.label, "size": t.size, "emerging": t.emerging,
                                  "keywords": [w for w, _ in t.keywords]} for t in result.topics],
                      passages=len(result.assignments), model=result.model, quality=dict(q),
                      refit_reason=result.refit_reason, fallback=result.fallback)
        return
    click.echo(f"{len(result.topics)} topics over {len(result.assignments)} passages "
               f"({result.n_embedded} embedded now; model {_safe(result.model)}); NPMI {q.get('npmi')}, "
               f"diversity {q.get('diversity')}, outliers {q.get('outlier_share')}")
    if result.refit_reason:
        click.echo(f"note: refitted because {_safe(result.refit_reason)}")
    elif refresh:
        d = result.drift()
        click.echo(f"drift since the last fit: corpus grew {d['growth']:.0%}, {d['unfit']:.0%} of passages "
                   "fit no stored topic (a refresh refits on its own past the thresholds in docs/topics.md)")
    if result.fallback:
        click.echo(f"note: {_safe(result.fallback)}")
    for t in result.topics:
        flag = " [emerging]" if t.emerging else ""
        words = ", ".join(w for w, _ in t.keywords[:6])
        click.echo(f"  {t.id:>3}  {t.size:>5}  {_safe(t.label)}{flag}  ({_safe(words)})")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@cli.command()
@click.argument("query", required=False)
@_db_option
@click.option("--concepts", "concept_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Your own lexicon file(s), merged with the default (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def concepts(ctx: click.Context, query: Optional[str], db: str, concept_files: tuple[str, ...],
             as_json: bool) -> None:
    """List the lexicon's concepts, or those matching QUERY (id, label, variant, gloss or debate),
    with their mentions in this corpus when a store is found."""
    from dataclasses import asdict

    from litmap.analyse.debates.concept_listing import close_names, concept_mentions, concept_rows, search_concepts
    from litmap.analyse.concepts import load_lexicon

    with _errors():
        lexicon = load_lexicon(None, concept_files)
        found = search_concepts(lexicon, query)
        counts = None
        source = ctx.get_parameter_source("db")
        explicit = source not in (click.core.ParameterSource.DEFAULT, None)
        if found and (explicit or os.path.exists(db)):  # the default store only when there is one
            from litmap.store import Store
            from litmap.store.papers import list_papers

            with Store(db) as store:
                counts = concept_mentions(store.conn, lexicon, [p.id for p in list_papers(store)])
    rows = concept_rows(found, counts)
    if not rows and query:
        close = close_names(lexicon, query)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        click.echo(f"no concept matches {_safe(query)!r}{_safe(hint)}", err=True)
    if as_json:
        _echo_listing("concepts", [asdict(r) for r in rows], debates={k: d.label for k, d in lexicon.debates.items()},
                      store=db if counts is not None else None)
        return
    for r in rows:
        seen = "" if r.mentions is None else f"  {_count(r.mentions, 'mention')} in {_count(r.papers or 0, 'paper')}"
        click.echo(f"{_safe(r.id)}  “{_safe(r.label)}”  [{_safe(', '.join(r.debates)) or 'no debate'}]{seen}")
        if r.variants:
            click.echo(f"    variants: {_safe('; '.join(r.variants))}")
    if rows:
        where = f" (mentions in {_safe(db)})" if counts is not None else " (no store found: no mentions counted)"
        click.echo(f"{len(rows)} of {len(lexicon.concepts)} concepts{where}", err=True)


@cli.command()
@_db_option
@click.option("--concept", "--debate", "names", multiple=True, metavar="NAME",
              help="A debate or concept, by id or label, any case (repeatable; default: every debate). "
                   "Prefix with concept: or debate: where a name means both.")
@click.option("--concepts", "concept_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Your own lexicon file(s), merged with the default (repeatable).")
@click.option("--scope", type=click.Choice(["paragraph", "sentence"]), default="paragraph", show_default=True,
              help="Which citations belong to a debate: those in a paragraph or sentence naming its concepts.")
@click.option("--top", type=int, default=15, show_default=True, help="Anchor works listed per debate.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def debates(db: str, names: tuple[str, ...], concept_files: tuple[str, ...], scope: str, top: int,
            as_json: bool) -> None:
    """Map debates: engaging papers, timeline, anchors, camps, contested and bridging works."""
    from litmap.analyse.concepts import load_lexicon, resolve_name
    from litmap.analyse.debates.data import debate_maps
    from litmap.analyse.debates.maps import DebateSettings, render_debates_text, to_json
    from litmap.store import Store
    from litmap.store.corpusdata import load_papers

    with _errors():  # labels and any case accepted; a typo gets "did you mean" before the store opens
        lexicon = load_lexicon(None, concept_files)
        wanted = [resolve_name(lexicon, n) for n in names]
    with _errors(), Store(db) as store:
        settings = DebateSettings(scope=scope, top_works=top)
        maps = debate_maps(store.conn, lexicon, settings, wanted or None)
        labels = {pid: p.label for pid, p in load_papers(store.conn).items()}
    if as_json:
        _echo_listing("debates", to_json(maps))
        return
    click.echo(_safe_lines(render_debates_text(maps, labels=labels)), nl=False)


@cli.command()
@_db_option
@click.option("--kind", type=click.Choice(["cocitation", "coupling", "citation", "author-cocitation", "coauthor",
                                           "concepts", "concept-works"]), default="cocitation", show_default=True)
@click.option("--proximity", type=click.Choice(["paper", "paragraph", "sentence"]), default="paper",
              show_default=True, help="Count co-citation (and concept co-occurrence) within this unit.")
@click.option("--normalise", type=click.Choice(["raw", "association", "cosine", "jaccard", "inclusion"]),
              default="association", show_default=True, help="Edge weights (association strength as VOSviewer).")
@click.option("--min-weight", type=int, default=1, show_default=True, help="Drop edges with a raw weight below N.")
@click.option("--min-count", "--min-citations", "min_count", type=int, default=None,
              help="Keep nodes occurring (works: cited by corpus papers) at least N times. Default for co-citation, "
                   "author co-citation and concepts by corpus size: 1 below 10 papers, else max(2, round(log10 "
                   "papers)); 1 keeps all.")
@click.option("--selection", type=click.Choice(["threshold", "top", "g-index"]), default="threshold",
              show_default=True, help="CiteSpace node selection for co-citation: the minimum only, or also the top N "
                                      "/ g-index core of each time slice.")
@click.option("--top-per-slice", type=int, default=50, show_default=True, help="N for --selection top.")
@click.option("--g-k", type=float, default=25.0, show_default=True, help="Scale k for --selection g-index.")
@click.option("--slice-years", type=int, default=1, show_default=True, help="Years per time slice.")
@click.option("--top", type=int, default=None, help="Keep the N most-occurring nodes.")
@_max_items_option
@click.option("--cluster-method", type=click.Choice(["leiden", "louvain"]), default="leiden", show_default=True)
@click.option("--resolution", type=float, default=1.0, show_default=True)
@click.option("--seed", type=int, default=42, show_default=True)
@click.option("--concepts", "concept_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra concept lexicon(s) for concept networks.")
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "pajek", "vosviewer", "csv"]),
              default="graphml", show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Output file, or - for stdout (graphml, gexf, pajek); vosviewer/csv write <stem>_map/_network "
                   "or _nodes/_edges beside it, pajek also <stem>.clu and <stem>_year.vec.")
@click.option("--align-to", type=click.Path(exists=True, dir_okay=False), default=None,
              help="A previous export of this network (GraphML, or the CSV _nodes.csv): clusters that persist "
                   "keep their ids from it.")
@click.option("--thesaurus", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Your corrections, applied on every run: a TSV 'kind<TAB>label<TAB>replace by' "
                   "(kind author or work; an empty replacement drops it), as VOSviewer's thesaurus.")
@click.option("--json", "as_json", is_flag=True,
              help="The summary and its clusters (id, size, label terms) as JSON on stdout; not with -o -.")
def network(db: str, kind: str, proximity: str, normalise: str, min_weight: int, min_count: Optional[int],
            selection: str, top_per_slice: int, g_k: float, slice_years: int, top: Optional[int],
            max_items: int, cluster_method: str, resolution: float, seed: int,
            concept_files: tuple[str, ...], fmt: str, output: str, align_to: Optional[str],
            thesaurus: Optional[str] = None, as_json: bool = False) -> None:
    """Build a citation or concept network, cluster it, and export it."""
    from litmap.analyse.networks.job import NetworkSettings, analysed_network
    from litmap.export.graphs import EXTENSIONS, check_stdout_format, graph_text, write_graph
    from litmap.store import Store
    from litmap.store.corpusdata import load_corpus_data
    from litmap.util.files import check_extension, output_errors

    if as_json and output == "-":
        raise click.UsageError("--json and -o - both write to standard output: give -o a file name")
    with _errors():  # before the work: a wrong name or a two-file format for stdout
        if output == "-":
            check_stdout_format(fmt)
        else:
            check_extension(output, fmt, dict(EXTENSIONS))
    with _errors(), Store(db) as store:
        settings = NetworkSettings(kind=kind, proximity=proximity, normalise=normalise, min_weight=min_weight,
                                   min_count=min_count, top=top, cluster_method=cluster_method, selection=selection,
                                   top_per_slice=top_per_slice, g_k=g_k, slice_years=slice_years,
                                   max_items=max_items or None, resolution=resolution, seed=seed,
                                   concept_files=concept_files)
        data = load_corpus_data(store.conn, paragraphs=settings.reads_paragraphs)
        if thesaurus:
            from pathlib import Path as _Path

            from litmap.analyse.thesaurus import apply_thesaurus, read_thesaurus
            data = apply_thesaurus(data, read_thesaurus(_Path(thesaurus)))
        result = analysed_network(data, settings)
        if align_to:
            _align_network(result, align_to)
        clusters = {n: d["cluster"] for n, d in result.graph.nodes(data=True) if "cluster" in d}
        if output == "-":
            paths = []
            text = graph_text(result.graph, fmt)
        else:
            with output_errors(output, target="file"):
                paths = write_graph(result.graph, output, fmt, clusters=clusters or None, kind=kind)
    if output == "-":  # the file is the output; the summary goes to stderr
        click.echo(text, nl=False)
    s = result.summary()
    if as_json:
        _echo_listing("network", [{"id": c, "size": n, "terms": result.cluster_labels.get(c, [])}
                                  for c, n in sorted(result.cluster_sizes.items())],
                      kind=kind, **{k: v for k, v in s.items() if k != "clusters"}, files=[str(p) for p in paths])
        return
    mod = f", modularity {s['modularity']:.3f}" if s["modularity"] is not None else ""
    sil = f", silhouette {s['silhouette']:.3f}" if s["silhouette"] is not None else ""
    to_err = output == "-"
    click.echo(f"{kind}: {s['nodes']} nodes, {s['edges']} edges, {s['clusters']} clusters{mod}{sil}", err=to_err)
    if result.kept:
        click.echo(_safe(result.kept), err=to_err)
    for c, terms in sorted(result.cluster_labels.items())[:12]:
        click.echo(f"  cluster {c} ({result.cluster_sizes.get(c, 0)}): {_safe(', '.join(terms[:5]))}", err=to_err)
    for p in paths:
        click.echo(f"wrote {_safe(p)}", err=True)


def _align_network(result: Any, path: str) -> None:
    """Renumber ``result``'s clusters after those of a previous GraphML or CSV nodes export."""
    import csv

    import networkx as nx

    from litmap.analyse.networks.clusters import align_clusters
    from litmap.errors import InputError

    try:
        if path.lower().endswith(".graphml"):
            old = {str(n): int(d["cluster"]) for n, d in nx.read_graphml(path).nodes(data=True)
                   if d.get("cluster") is not None}
        else:
            with open(path, encoding="utf-8", newline="") as f:
                # write_csv prefixes formula-like cells with an apostrophe; undo that for ids
                old = {(r["id"][1:] if r["id"][:2] in {"'" + c for c in "=+-@"} else r["id"]): int(r["cluster"])
                       for r in csv.DictReader(f) if r.get("cluster") not in (None, "")}
    except (OSError, ValueError, KeyError, nx.NetworkXError) as exc:
        raise InputError(f"could not read clusters from {path} ({exc}): pass a GraphML file or the _nodes.csv "
                         "written by an earlier `litmap network`") from exc
    old = {k: c for k, c in old.items() if c > 0}  # clusters are numbered from 1; 0 is "in no cluster"
    if not old:
        raise InputError(f"{path} holds no node clusters: pass a GraphML file or the _nodes.csv written by an "
                         "earlier `litmap network`")
    G = result.graph
    current = {str(n): int(c) for n, c in G.nodes(data="cluster") if c is not None}
    new = align_clusters(old, current)
    rename = {current[k]: v for k, v in new.items()}
    for n, d in G.nodes(data=True):
        if d.get("cluster") is not None:
            d["cluster"] = new[str(n)]
    result.cluster_labels = {rename.get(c, c): v for c, v in result.cluster_labels.items()}
    result.cluster_sizes = {rename.get(c, c): v for c, v in result.cluster_sizes.items()}


@cli.group()
def export() -> None:
    """Export the corpus to other tools' formats."""


@export.command("references")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["bibtex", "ris", "csl-json"]), default="bibtex",
              show_default=True)
@click.option("--paper", type=int, default=None, help="Only this paper's reference list (id from `litmap papers`).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="-", help="File to write (default: stdout).")
def export_references(db: str, fmt: str, paper: Optional[int], output: str) -> None:
    """All cited works (best entry of each), or one paper's references."""
    from litmap.export.store_exports import BIB_EXTENSIONS, export_bibliography
    from litmap.store import Store
    from litmap.util.files import check_extension

    with _errors():
        if output != "-":
            check_extension(output, fmt, dict(BIB_EXTENSIONS))
    with _errors(), Store(db) as store:
        text = export_bibliography(store, fmt, paper)
    _write_output(text, output)


@export.command("wos")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["plaintext", "bibtex"]), default="plaintext", show_default=True,
              help="WoS tagged plain text, or WoS's BibTeX export (bibliometrix/pybibx 'wos bibtex').")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="-", help="File to write (default: stdout).")
def export_wos(db: str, fmt: str, output: str) -> None:
    """Web of Science export of the corpus (for CiteSpace, VOSviewer, bibliometrix, pybibx)."""
    from litmap.store.corpusdata import load_corpus_data
    from litmap.export.wos import format_wos
    from litmap.export.wos_bibtex import format_wos_bibtex
    from litmap.store import Store
    from litmap.util.files import check_extension

    with _errors():
        if output != "-":
            check_extension(output, fmt, {"plaintext": (".txt",), "bibtex": (".bib",)})
    with _errors(), Store(db) as store:
        data = load_corpus_data(store.conn)
        text = format_wos_bibtex(data) if fmt == "bibtex" else format_wos(data)
    _write_output(text, output)


def _write_output(text: str, output: str) -> None:
    """Write atomically (temp file + rename), or to stdout for '-'."""
    if output == "-":
        click.echo(_to_terminal(text))
        return
    from litmap.util.files import atomic_write_text, output_errors

    with _errors(), output_errors(output, target="file"):
        atomic_write_text(output, text)
    click.echo(f"wrote {_safe(output)}", err=True)


@cli.command()
@_db_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def papers(db: str, as_json: bool) -> None:
    """List the papers in the store with their ids."""
    from dataclasses import asdict

    from litmap.store import Store
    from litmap.store.papers import list_papers

    with _errors(), Store(db) as store:
        rows = list_papers(store)
    if as_json:
        _echo_listing("papers", [asdict(r) for r in rows])
        return
    for r in rows:
        # a paper whose text prints no title says so; its file name is only there to find it
        shown = r.title or f"(no title found) {os.path.basename(r.path)}"
        click.echo(f"{r.id:>5}  {r.year or '----'}  {_safe(shown)[:80]}  [{r.refs} refs, {r.citations} citations]")


def main() -> None:
    cli(prog_name="litmap")


if __name__ == "__main__":  # pragma: no cover
    main()
