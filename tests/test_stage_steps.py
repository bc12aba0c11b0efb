"""Per-step timing inside a run's stages (litmap.progress.StageClock, format_stages) and its output."""

from __future__ import annotations

from litmap.progress import ProgressEvent, StageClock, StageTime, format_stages, is_step_start, merge_stages


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _clock() -> tuple[StageClock, FakeTime, list[ProgressEvent]]:
    seen: list[ProgressEvent] = []
    clock = StageClock(seen.append, sample_every=60)
    fake = FakeTime()
    clock._time = fake  # type: ignore[method-assign]
    return clock, fake, seen


def test_named_steps_are_timed_until_the_next_step_or_the_stage_end():
    clock, t, seen = _clock()
    clock(ProgressEvent("cluster", 0, 4, message="reducing and clustering"))
    t.now = 6.0
    clock(ProgressEvent("cluster", 1, 4, message="vocabulary and keywords"))
    t.now = 7.5
    clock(ProgressEvent("cluster", 2, 4, message="labels"))
    t.now = 9.5
    clock(ProgressEvent("cluster", 1, 1, message="11 topics"))  # a result, not a step: closes "labels"
    t.now = 10.0
    clock(ProgressEvent("report", 0, 7, message="reading the store"))
    t.now = 11.0
    clock(ProgressEvent("report", 5, 7, message="networks"))  # a stage of its own
    t.now = 11.5
    clock(ProgressEvent("report", 6, 7, message="figures and pages"))
    t.now = 14.0
    clock(ProgressEvent("report", 7, 7, message="done"))
    stages = clock.finish()
    assert len(seen) == 8
    assert [(s.stage, s.seconds) for s in stages] == [("topics", 10.0), ("report", 3.5), ("networks", 0.5)]
    topics, report, networks = stages
    assert topics.steps == (("reducing and clustering", 6.0), ("vocabulary and keywords", 1.5), ("labels", 2.0))
    assert report.steps == (("reading the store", 1.0), ("figures and pages", 2.5))
    assert networks.steps == ()


def test_a_single_step_is_not_kept_and_counts_are_not_steps():
    clock, t, _ = _clock()
    clock(ProgressEvent("embed", 0, 100, message="minilm-static"))
    t.now = 2.0
    clock(ProgressEvent("embed", 100, 100, message="minilm-static"))
    clock(ProgressEvent("ingest", 0, 3))
    t.now = 3.0
    clock(ProgressEvent("ingest", 3, 3, item="a.pdf"))
    stages = clock.finish()
    assert [(s.stage, s.seconds, s.steps) for s in stages] == [("embedding", 2.0, ()), ("reading", 1.0, ())]
    assert is_step_start(ProgressEvent("report", 6, 7, message="figures and pages"))
    assert not is_step_start(ProgressEvent("cluster", 1, 1, message="11 topics"))
    assert not is_step_start(ProgressEvent("ingest", 1, 3))


def test_a_stage_that_comes_back_adds_its_steps():
    merged = merge_stages([StageTime("report", 2.0, 5, (("a", 1.0), ("b", 1.0))), StageTime("networks", 1, 4),
                           StageTime("report", 3.0, 9, (("c", 2.0), ("a", 0.5)))])
    assert merged == [StageTime("report", 5.0, 9, (("a", 1.5), ("b", 1.0), ("c", 2.0))), StageTime("networks", 1, 4)]


def test_format_stages_shows_the_steps_that_matter():
    text = format_stages([StageTime("reading", 13.4, 44), StageTime("topics", 12.04, 500, (("labels", 2.0), ("x", 0.2)))])
    assert text == "reading 13.4 s, topics 12.0 s (labels 2.0 s); 25.4 s in all"
