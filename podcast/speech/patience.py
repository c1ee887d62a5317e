"""When to stop asking an online voice: give up on the service, not on one unlucky part.

Every online engine sends its requests through one ``Circuit``. Each part is
retried with exponential backoff and jitter for as long as the service makes
progress; the circuit gives up on the service as a whole, for the rest of the
build, when it has given no good answer for ``give_up_s``, when more than
``failure_share`` of its last ``failure_window`` answers failed, or when the
pool has spent ``max_wait_s`` in all with nothing in flight, waiting to retry.
A ``Retry-After`` pauses every worker, not only the one that got it (at most
``max_pause_s``); a rate limit halves the requests allowed in flight, and each
success of a request sent since then grows the allowance back by one
request per full round.
"""

from __future__ import annotations

import email.utils
import math
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NoReturn, TypeVar

from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    wait_exponential,
    wait_random,
)

from podcast.config import Speech
from podcast.errors import SpeechError

T = TypeVar("T")

BACKOFF_DOUBLINGS = 4
DEFAULTS = Speech()
"""The [speech] defaults, written once in the settings record."""
"""A retry waits at most ``backoff_s`` doubled this many times, plus jitter."""


class GaveUp(SpeechError):
    """An engine stopped trying: ``cause`` says what happened, ``advice`` what to do next."""

    def __init__(self, cause: str, advice: str = "", detail: str = "") -> None:
        super().__init__("; ".join(part for part in (cause, detail, advice) if part))
        self.cause = cause
        self.advice = advice
        self.detail = detail


class TryAgain(Exception):
    """One attempt failed in a way that a later attempt may not.

    ``reason`` completes "<service> ...", e.g. ``answered 500 (server error)``.
    ``retry_after_s`` is the service's own ``Retry-After``: the whole pool pauses
    that long. ``slow_down`` halves the requests allowed in flight.
    """

    def __init__(
        self, reason: str, retry_after_s: float | None = None, slow_down: bool = False
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after_s = retry_after_s
        self.slow_down = slow_down


class Refused(Exception):
    """The service refused in a way that trying again will not change; ``reason`` as TryAgain's."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Patience:
    """How long an online voice is given to recover before the build gives up on it."""

    give_up_s: float = DEFAULTS.give_up_s  # no good answer for this long: the service is down
    failure_window: int = DEFAULTS.failure_window  # the latest answers failure_share looks at
    failure_share: float = DEFAULTS.failure_share  # more than this share failed: it is failing
    max_wait_s: float = DEFAULTS.max_wait_s  # per build, nothing in flight, parts waiting
    max_pause_s: float = DEFAULTS.max_pause_s  # the longest Retry-After honoured
    backoff_s: float = DEFAULTS.backoff_s  # the first wait before a retry; doubles, plus jitter
    tries: int = DEFAULTS.tries  # per part at most; 0: no limit, only the service gives up


def retry_after(header: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: a number of seconds or an HTTP date.

    >>> retry_after("7"), retry_after("soon"), retry_after(None)
    (7.0, None, None)
    >>> retry_after("Tue, 01 Dec 2026 03:00:09 GMT", datetime(2026, 12, 1, 3, 0, 0, tzinfo=UTC))
    9.0
    """
    if not header:
        return None
    value = header.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class Circuit:
    """One service's shared state: requests in flight, pauses, recent answers, time waited."""

    def __init__(self, patience: Patience, concurrency: int, service: str, advice: str) -> None:
        self.patience = patience
        self.service = service
        self.advice = advice
        self.most = max(1, concurrency)
        self.allowed = float(self.most)
        self.in_flight = 0
        self._waiting = 0
        self._paused_until = 0.0
        self._failing_since: float | None = None
        self._succeeded = 0.0
        self._answers: deque[bool] = deque(maxlen=max(1, patience.failure_window))
        self._last = ""
        self._waited_s = 0.0
        self._idle_since: float | None = None
        self._cause = ""
        self._slowed = 0.0
        self._sent = threading.local()
        self._condition = threading.Condition()

    def call(self, attempt: Callable[[], T]) -> T:
        """Run ``attempt`` until it succeeds; raise GaveUp once the service is given up on.

        ``attempt`` raises TryAgain for a failure worth retrying and Refused for
        one that is not; it holds ``slot()`` only while its request is out.
        """
        backoff = self.patience.backoff_s
        retrying = Retrying(
            stop=self._judge,
            wait=wait_exponential(multiplier=backoff, max=backoff * 2**BACKOFF_DOUBLINGS)
            + wait_random(0, backoff),
            sleep=self._sleep,
            retry=retry_if_exception_type(TryAgain),
            reraise=True,
        )
        try:
            result: T = retrying(self._checked, attempt)
        except Refused as refusal:
            with self._condition:
                self._give_up(f"{self.service} {refusal.reason}")
        with self._condition:
            self._answers.append(True)
            self._failing_since = None
            self._succeeded = time.monotonic()
            if self._sent_at(time.monotonic()) >= self._slowed:  # sent since the last slow-down
                self.allowed = min(float(self.most), self.allowed + 1 / int(self.allowed))
            self._condition.notify_all()
        return result

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Wait out any pause and for room in flight, then hold one place while the block runs."""
        with self._condition:
            while True:
                self._raise_if_given_up()
                now = time.monotonic()
                if now < self._paused_until:
                    self._wait_until(self._paused_until)
                elif self.in_flight < int(self.allowed):
                    break
                else:
                    self._condition.wait()
            self._count(in_flight=1)
            self._sent.at = time.monotonic()
        try:
            yield
        finally:
            with self._condition:
                self._count(in_flight=-1)
                self._condition.notify_all()

    @property
    def waited_s(self) -> float:
        """Seconds so far with nothing in flight while a part waited to be retried."""
        with self._condition:
            return self._waited(time.monotonic())

    def _checked(self, attempt: Callable[[], T]) -> T:
        with self._condition:
            self._raise_if_given_up()
        self._sent.at = None  # set by slot() when this attempt's request goes out
        return attempt()

    def _sent_at(self, now: float) -> float:
        """When this thread's latest attempt sent its request (``now`` if it sent none)."""
        sent: float | None = getattr(self._sent, "at", None)
        return now if sent is None else sent

    def _judge(self, state: RetryCallState) -> bool:
        """Tenacity's stop: record the failure, then give up on the service or go on."""
        failure = state.outcome.exception() if state.outcome else None
        if not isinstance(failure, TryAgain):
            return True
        with self._condition:
            now = time.monotonic()
            self._answers.append(False)
            self._last = failure.reason
            if self._failing_since is None:  # from when it went out, or the last success
                self._failing_since = max(self._sent_at(now), self._succeeded)
            if failure.slow_down:
                self.allowed = max(1.0, self.allowed / 2)
                self._slowed = now
            if failure.retry_after_s is not None:
                pause = min(failure.retry_after_s, self.patience.max_pause_s)
                self._paused_until = max(self._paused_until, now + pause)
                self._slowed = now
            self._condition.notify_all()
            self._raise_if_given_up()
            tries = self.patience.tries
            if tries and state.attempt_number >= tries:
                after = f" after {tries} tries" if tries > 1 else ""
                raise GaveUp(f"{self.service} {failure.reason}{after}", self.advice)
            self._judge_service(now)
        return False

    def _sleep(self, seconds: float) -> None:
        """Tenacity's sleep: wait the backoff, longer while the pool is paused."""
        with self._condition:
            self._wait_until(time.monotonic() + seconds)

    def _wait_until(self, deadline: float) -> None:
        """Wait until ``deadline`` and any pause are over, judging the service meanwhile."""
        self._count(waiting=1)
        try:
            while True:
                self._raise_if_given_up()
                now = time.monotonic()
                self._judge_service(now)
                end = max(deadline, self._paused_until)
                if now >= end:
                    return
                self._condition.wait(min(end, self._next_judgement(now)) - now)
        finally:
            self._count(waiting=-1)

    def _judge_service(self, now: float) -> None:
        """Give up on the service when one of the patience rules says so."""
        rules, answers, last = self.patience, self._answers, f"; last it {self._last}"
        if self._failing_since is not None and now - self._failing_since >= rules.give_up_s:
            self._give_up(f"{self.service} gave no good answer in {rules.give_up_s:g} s{last}")
        failed = answers.count(False)
        if len(answers) == answers.maxlen and failed > rules.failure_share * len(answers):
            self._give_up(
                f"{self.service} failed {failed} of the last {len(answers)} requests{last}"
            )
        if self._waited(now) >= rules.max_wait_s:
            waited = f"kept the build waiting {rules.max_wait_s:g} s in all"
            self._give_up(f"{self.service} {waited}{last}")

    def _next_judgement(self, now: float) -> float:
        """The next moment a rule could give up on the service with nothing else happening."""
        moments = [math.inf]
        if self._failing_since is not None:
            moments.append(self._failing_since + self.patience.give_up_s)
        if self._idle_since is not None:
            moments.append(now + self.patience.max_wait_s - self._waited(now))
        return max(now, min(moments))

    def _give_up(self, cause: str) -> NoReturn:
        """Give up on the service for the rest of the build; wake every worker to stop."""
        if not self._cause:
            self._cause = cause
        self._condition.notify_all()
        raise GaveUp(self._cause, self.advice)

    def _raise_if_given_up(self) -> None:
        if self._cause:
            raise GaveUp(self._cause, self.advice)

    def _count(self, in_flight: int = 0, waiting: int = 0) -> None:
        """Change the counts, adding up the time with nothing in flight and a part waiting."""
        now = time.monotonic()
        self._waited_s = self._waited(now)
        self.in_flight += in_flight
        self._waiting += waiting
        self._idle_since = now if self.in_flight == 0 and self._waiting > 0 else None

    def _waited(self, now: float) -> float:
        return self._waited_s + (now - self._idle_since if self._idle_since is not None else 0.0)
