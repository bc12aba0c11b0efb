"""Self-contained interactive HTML report and Markdown review summary.

``build_report(store_or_conn, out_dir, settings, progress) -> ReportSummary``
writes ``index.html`` (one offline page), ``report.md``, ``figures/*.png``
and ``data/*`` (CSV, GraphML and JSON exports).  Importing this package is
cheap: Jinja2, matplotlib and the analyses load inside ``build_report``.
"""

from __future__ import annotations

from litmap.report.build import build_report
from litmap.report.settings import ReportSettings, ReportSummary

__all__ = ["build_report", "ReportSettings", "ReportSummary"]
