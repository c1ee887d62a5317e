"""The soak, short: a minute of `podcast serve --watch` following two outlets that publish an
article every 3 s and fail at random, one of them down for 20 s (benchmarks/soak.py runs it
for 30 minutes and prints the slopes)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.soak import soak


def test_a_minute_of_serving_loses_nothing_and_builds_each_article_once(tmp_path: Path) -> None:
    report = soak(
        1.0,
        tmp_path,
        publish_every_s=3,
        interval_s=3,
        sample_every_s=3,
        outage_every_s=60,
        outage_s=20,
        settle_s=90,
        seed=5,
        say=lambda line: None,
    )
    assert report.published == 20
    assert (report.lost, report.duplicated, report.built_twice_in_log) == ([], [], [])
    assert report.built == 20
    assert report.invalid == []
    assert report.valid_polls == report.polls >= 20
    assert report.half_written == []
    assert report.bad_log_lines == []
    assert report.exit_code == 0
    # The outlet that stayed up was not held up by the other's outage (20 s).
    assert max(report.latencies["kabar during an outage"]) < 20
