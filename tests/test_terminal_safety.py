"""Nothing a file name or a PDF holds reaches the terminal raw (issue 25.9).

An ESC sequence could clear the screen or recolour it, and a newline could
forge a ``FAILED …:`` line; log lines (written by the ingest code, also in
workers), summaries, errors and listings escape them as ``\\u001b``.
"""

from __future__ import annotations

import io
import logging
import subprocess

from fuzz_corpus import _one_page, hand_pdf
from support import run_litmap

from litmap.cli import _escape_log_record

HOSTILE = "\x1b[2J\nFAILED x: forged"


def _litmap(*args: str, cwd: str) -> subprocess.CompletedProcess:
    return run_litmap(*args, cwd=cwd, timeout=300)


def _assert_clean(output: str) -> None:
    assert "\x1b" not in output and "\x9b" not in output
    assert not any(line.startswith("FAILED x: forged") for line in output.splitlines()), output


def test_hostile_file_names_are_escaped_in_log_and_failure_lines(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    # Not UTF-8: the text reader logs a warning naming the file (from a worker process).
    text = "Café society and the city region, state rescaling and metropolitan governance. " * 30
    (folder / (HOSTILE + ".txt")).write_bytes(text.encode("cp1252"))
    # Not a PDF: a FAILED line naming the file.
    (folder / (HOSTILE + ".pdf")).write_bytes(b"<!DOCTYPE html><html><body>Sign in</body></html>")
    for verbose in ([], ["-v"]):
        db = tmp_path / f"t{len(verbose)}.db"
        proc = _litmap(*verbose, "ingest", str(folder), "--db", str(db), "--jobs", "1", "--ocr", "never",
                       cwd=str(tmp_path))
        assert proc.returncode == 1, proc.stderr
        _assert_clean(proc.stdout + proc.stderr)
        assert "\\u001b[2J\\u000aFAILED x: forged" in proc.stderr
        status = _litmap("status", "--db", str(db), cwd=str(tmp_path))
        _assert_clean(status.stdout + status.stderr)
    # An error message naming a hostile path (ClickException) is escaped too.
    missing = _litmap("status", "--db", str(tmp_path / (HOSTILE + ".db")), cwd=str(tmp_path))
    assert missing.returncode == 1
    _assert_clean(missing.stdout + missing.stderr)


def test_a_title_with_escape_sequences_is_escaped_in_listings(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    content = (b"BT /F1 16 Tf 72 720 Td (Rescaling \x1b[2J the city region and the state) Tj ET "
               b"BT /F1 10 Tf 72 600 Td (Body text about state rescaling and the city region in Europe.) Tj ET")
    pdf = folder / "paper.pdf"
    pdf.write_bytes(hand_pdf(_one_page(content)))
    db = str(tmp_path / "t.db")
    assert _litmap("ingest", str(folder), "--db", db, "--jobs", "0", "--ocr", "never", cwd=str(tmp_path)).returncode == 0
    papers = _litmap("papers", "--db", db, cwd=str(tmp_path))
    assert papers.returncode == 0
    _assert_clean(papers.stdout)
    assert "Rescaling \\u001b[2J the city region" in papers.stdout
    for fmt in ("text", "json"):
        extract = _litmap("extract", "--format", fmt, "--ocr", "never", str(pdf), cwd=str(tmp_path))
        assert extract.returncode == 0, extract.stderr
        _assert_clean(extract.stdout)
        assert "\\u001b[2J" in extract.stdout


def test_log_filter_escapes_message_arguments_and_tracebacks():
    buf = io.StringIO()
    handler = logging.StreamHandler(buf)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_escape_log_record)
    logger = logging.getLogger("litmap.test_terminal_safety")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("%s: not valid UTF-8 (%d%%)", "/p/" + HOSTILE + "\x9b31m\u202e.txt", 5)
        try:
            raise ValueError("bad \x1b]0;title\x07 value")
        except ValueError:
            logger.error("failed on %s", HOSTILE, exc_info=True)
        logger.warning("%s %s", "one argument")  # a malformed call stays logging's problem, not a crash
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    out = buf.getvalue()
    _assert_clean(out)
    assert "\u202e" not in out
    assert "WARNING litmap.test_terminal_safety: /p/\\u001b[2J\\u000aFAILED x: forged\\u009b31m\\u202e.txt: " \
           "not valid UTF-8 (5%)" in out
    assert "Traceback (most recent call last):\n" in out  # tracebacks keep their line breaks
    assert "ValueError: bad \\u001b]0;title\\u0007 value" in out
