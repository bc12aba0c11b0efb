"""Settings are checked against one definition of each choice, and a bad value
is a SettingsError (a LitmapError the CLI shows as one line, and a ValueError)
whose message says what to use instead."""

from __future__ import annotations

import re

import click
import pytest

from litmap.batch.choose_executor import EXECUTORS, make_executor
from litmap.batch.ingest import IngestSettings
from litmap.cli import cli
from litmap.corpus.works import WorkInput, WorkSettings
from litmap.errors import InputError, LitmapError, SettingsError
from litmap.parse.linking import LinkSettings
from litmap.parse.references.parser import parse_reference
from litmap.read.ocr import OcrSettings
from litmap.read.repairs.hyphenation import HyphenSettings
from litmap.read.repairs.ligatures import LigatureSettings
from litmap.read.settings import ENGINES, OCR_MODES, ReadSettings

BAD = [
    (lambda: ReadSettings(engine="nope"), "choose one of pdfium, pdfplumber"),
    (lambda: ReadSettings(ocr="sometimes"), "choose one of auto, never, always"),
    (lambda: IngestSettings(engine="nope"), "choose one of pdfium, pdfplumber"),
    (lambda: IngestSettings(ocr="sometimes"), "choose one of auto, never, always"),
    (lambda: IngestSettings(executor="cloud"), "choose one of local, dask, inline"),
    (lambda: make_executor(1, 10.0, kind="cloud"), "choose one of local, dask, inline"),
    (lambda: OcrSettings(dpi=10), "use 200 (the default)"),
    (lambda: OcrSettings(lang="en g"), "use codes like 'eng'"),
    (lambda: LigatureSettings(min_strong=0), "use 2 (the default)"),
    (lambda: HyphenSettings(min_doc_word=0), "use 2 (the default)"),
    (lambda: LinkSettings(min_surname=0), "use 0.82 (the default)"),
    (lambda: LinkSettings(min_margin=1), "use 0.15 (the default)"),
    (lambda: WorkSettings(min_title=0), "use 88 (the default)"),
    (lambda: WorkSettings(min_surname=2), "use 0.85 (the default)"),
    (lambda: WorkInput("w", "nowhere", "d"), "choose one of reference, citation, paper"),
    (lambda: parse_reference("Smith, J. (2001) A title.", method="magic"), "use hybrid, rules or crf"),
]


@pytest.mark.parametrize("make, fix", BAD)
def test_bad_setting_is_a_settings_error_saying_what_to_use(make, fix):
    with pytest.raises(SettingsError, match=re.escape(fix)) as err:
        make()
    assert isinstance(err.value, InputError) and isinstance(err.value, LitmapError)
    assert isinstance(err.value, ValueError)  # what these records raised before


@pytest.mark.parametrize("engine", ENGINES + ("plumber",))
def test_every_engine_name_is_accepted_everywhere(engine):
    assert ReadSettings(engine=engine).engine == engine
    assert IngestSettings(engine=engine).engine == engine


def _choices(command: click.Command, option: str) -> tuple[str, ...]:
    param = next(p for p in command.params if p.name == option)
    assert isinstance(param.type, click.Choice)
    return tuple(param.type.choices)


@pytest.mark.parametrize("command", ["ingest", "run", "watch", "extract"])
def test_cli_offers_the_library_choices(command):
    cmd = cli.commands[command]
    assert _choices(cmd, "ocr") == OCR_MODES
    if command != "extract":
        assert _choices(cmd, "executor") == EXECUTORS
    if command in ("ingest", "extract"):
        assert _choices(cmd, "engine") == ENGINES
