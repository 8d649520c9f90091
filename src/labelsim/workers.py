"""Worker models: who answers what, how fast, and how they go wrong.

A worker answers from a confusion matrix over the classes (row = true class, column = the
answer), optionally pushed towards a random guess by an item's ambiguity (``sloppiness``) or
by the number of labels already done in the session (``fatigue``). Speeds are lognormal.
The numbers in the default pools are illustrative, not measurements of any platform.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import KW_ONLY, dataclass, fields

import numpy as np
import pandas as pd

from ._validate import (MAX_CLASSES, MAX_SECONDS, MAX_WORKERS, check_choice, check_int, check_probability, check_real,
                        check_seconds, rng)

KINDS = ("uniform", "reliable", "sloppy", "spammer", "adversarial", "fatigued")
SPAM_MODES = ("constant", "random")
DEFAULT_SHARES = {"reliable": 0.6, "sloppy": 0.15, "spammer": 0.1, "adversarial": 0.05,
                  "fatigued": 0.1}


@dataclass(frozen=True)
class Worker:
    """One simulated worker.

    ``accuracy`` is the chance of a right answer on a clear item at the start of a session
    (checked, then set to NaN for a spammer, whose answers ignore the item). Wrong answers are spread evenly over
    the other classes, except for an ``adversarial`` worker, who always gives the same wrong
    answer for a class (the class ``favourite`` steps further on, cyclically). A ``spammer``
    answers ``favourite`` (modulo the number of classes) to everything if ``spam`` is
    "constant", a uniform random class if "random". ``sloppiness`` s: on an item of ambiguity
    a, a share s * a of answers are random guesses. ``fatigue`` f: after j labels, a share
    min(1, f * j / 100) are.

    Everything after ``id`` is keyword-only.

    >>> Worker("w000", accuracy=0.9).confusion(2).round(3).tolist()
    [[0.9, 0.1], [0.1, 0.9]]
    """

    id: str
    _: KW_ONLY
    kind: str = "uniform"
    accuracy: float = 0.8
    median_seconds: float = 10.0
    speed_sigma: float = 0.4
    sloppiness: float = 0.0
    fatigue: float = 0.0
    spam: str | None = None
    favourite: int = 0

    def __post_init__(self):
        if not isinstance(self.id, str) or not self.id:
            raise TypeError(f"id must be a non-empty string, got {self.id!r}")
        check_choice("kind", self.kind, KINDS)
        if self.kind == "spammer":
            if self.spam not in SPAM_MODES:
                raise ValueError(f"spam must be one of {SPAM_MODES} for a spammer, got {self.spam!r}")
            if not (isinstance(self.accuracy, float) and math.isnan(self.accuracy)):
                check_probability("accuracy", self.accuracy)
            object.__setattr__(self, "accuracy", math.nan)  # a spammer's answers ignore the item
        else:
            if self.spam is not None:
                raise ValueError(f"spam must be None unless kind is 'spammer', got {self.spam!r}")
            check_probability("accuracy", self.accuracy)
        check_seconds("median_seconds", self.median_seconds, low_open=True)
        check_real("speed_sigma", self.speed_sigma, 0.0, 5.0)
        check_probability("sloppiness", self.sloppiness)
        check_real("fatigue", self.fatigue, 0.0, 100.0)
        check_int("favourite", self.favourite, low=0)

    def confusion(self, n_classes: int) -> np.ndarray:
        """The (n_classes x n_classes) matrix P(answer | true class) on a clear, fresh item."""
        k = check_int("n_classes", n_classes, 2, MAX_CLASSES)
        if self.kind == "spammer":
            if self.spam == "random":
                return np.full((k, k), 1.0 / k)
            matrix = np.zeros((k, k))
            matrix[:, self.favourite % k] = 1.0
            return matrix
        matrix = np.full((k, k), (1 - self.accuracy) / (k - 1))
        if self.kind == "adversarial":
            matrix[:] = 0.0
            wrong = (np.arange(k) + 1 + self.favourite % (k - 1)) % k
            matrix[np.arange(k), wrong] = 1 - self.accuracy
        np.fill_diagonal(matrix, self.accuracy)
        return matrix


@dataclass(frozen=True)
class WorkerPool:
    """An ordered, immutable group of workers with distinct ids.

    >>> pool = WorkerPool.uniform(n_workers=3, accuracy=0.7, seed=1)
    >>> list(pool.table.index), pool.table.accuracy.tolist()
    (['w000', 'w001', 'w002'], [0.7, 0.7, 0.7])
    """

    workers: tuple[Worker, ...]

    def __post_init__(self):
        if not isinstance(self.workers, tuple) or not self.workers or not all(
                isinstance(w, Worker) for w in self.workers):
            raise TypeError(f"workers must be a non-empty tuple of Worker objects, got "
                            f"{type(self.workers).__name__} {self.workers!r:.80}")
        if len(self.workers) > MAX_WORKERS:
            raise ValueError(f"workers must hold at most {MAX_WORKERS} workers, got {len(self.workers)}")
        ids = [w.id for w in self.workers]
        if len(set(ids)) != len(ids):
            raise ValueError("workers must have distinct ids")

    def __len__(self) -> int:
        return len(self.workers)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(w.id for w in self.workers)

    @property
    def table(self) -> pd.DataFrame:
        """One row per worker (index ``worker``): kind, accuracy, median_seconds, ..."""
        rows = [{f.name: getattr(w, f.name) for f in fields(Worker)} for w in self.workers]
        return pd.DataFrame(rows).rename(columns={"id": "worker"}).set_index("worker")

    def worker(self, worker: str) -> Worker:
        """The worker whose id is ``worker``."""
        for w in self.workers:
            if isinstance(worker, str) and w.id == worker:
                return w
        raise ValueError(f"worker must be the id of a worker in the pool (e.g. "
                         f"{self.workers[0].id!r}), got {worker!r}")

    def confusion(self, worker: str, classes: Iterable) -> pd.DataFrame:
        """The true confusion matrix of ``worker``: rows ``true`` (the true class), columns
        ``answer``, each row sums to 1; the same orientation and axis names as
        ``aggregate.dawid_skene(...).confusions.loc[worker]``.

        >>> pool = WorkerPool.uniform(n_workers=2, accuracy=0.8, seed=0)
        >>> pool.confusion("w000", ["cat", "dog"]).loc["cat", "dog"].round(3)
        np.float64(0.2)
        """
        if isinstance(classes, (str, bytes)) or not isinstance(classes, Iterable):
            raise TypeError(f"classes must be a list of labels, got {type(classes).__name__}")
        classes = list(classes)
        if len(set(classes)) != len(classes) or not 2 <= len(classes) <= MAX_CLASSES:
            raise ValueError(f"classes must be 2 to {MAX_CLASSES} distinct labels, got {classes!r:.80}")
        matrix = self.worker(worker).confusion(len(classes))
        return pd.DataFrame(matrix, index=pd.Index(classes, name="true"),
                            columns=pd.Index(classes, name="answer"))

    @classmethod
    def from_workers(cls, workers: Iterable[Worker]) -> "WorkerPool":
        """A pool of hand-made workers (a list or tuple of :class:`Worker`), e.g. for a what-if."""
        if isinstance(workers, (str, bytes)) or not isinstance(workers, Iterable):
            raise TypeError(f"workers must be a list or tuple of Worker objects, got "
                            f"{type(workers).__name__}")
        return cls(tuple(workers))

    @classmethod
    def uniform(cls, n_workers: int = 40, *, accuracy: float = 0.7,
                median_seconds: float = 10.0, seed: int = 0) -> "WorkerPool":
        """The textbook labeler (Sheng, Provost & Ipeirotis 2008): right with probability
        ``accuracy``, independently; errors uniform over the other classes.

        Only the speeds are random: each worker's median is lognormal around ``median_seconds``.
        ``n_workers`` is at most ``MAX_WORKERS`` (100,000).
        """
        n_workers = check_int("n_workers", n_workers, 1, MAX_WORKERS)
        accuracy = check_probability("accuracy", accuracy)
        median_seconds = check_seconds("median_seconds", median_seconds, low_open=True)
        medians = median_seconds * np.exp(rng(seed).normal(0.0, 0.3, n_workers))
        return cls(tuple(Worker(_worker_id(i), kind="uniform", accuracy=accuracy,
                                median_seconds=min(float(m), MAX_SECONDS))
                         for i, m in enumerate(medians)))

    @classmethod
    def mixed(cls, n_workers: int = 40, *, shares: dict | None = None,
              seed: int = 0) -> "WorkerPool":
        """A pool of reliable, sloppy, spammer, adversarial and fatigued workers.

        ``shares`` maps kinds to proportions summing to 1 (default ``DEFAULT_SHARES``);
        counts are rounded so they add up to ``n_workers`` (at most ``MAX_WORKERS``).

        >>> WorkerPool.mixed(20, seed=0).table.kind.value_counts().sort_index().to_dict()
        {'adversarial': 1, 'fatigued': 2, 'reliable': 12, 'sloppy': 3, 'spammer': 2}
        """
        n_workers = check_int("n_workers", n_workers, 1, MAX_WORKERS)
        shares = _check_shares(DEFAULT_SHARES if shares is None else shares)
        g = rng(seed)
        kinds = np.repeat(list(shares), _round_counts(list(shares.values()), n_workers))
        g.shuffle(kinds)
        return cls(tuple(_draw_worker(_worker_id(i), str(kind), g) for i, kind in enumerate(kinds)))


def _worker_id(i: int) -> str:
    return f"w{i:03d}"


def _draw_worker(worker_id: str, kind: str, g: np.random.Generator) -> Worker:
    """One worker of a given kind, with illustrative parameter ranges."""
    u = g.uniform
    if kind == "reliable":
        return Worker(worker_id, kind=kind, accuracy=u(0.85, 0.97), median_seconds=u(6, 12),
                      sloppiness=u(0.2, 0.5))
    if kind == "sloppy":
        return Worker(worker_id, kind=kind, accuracy=u(0.7, 0.85), median_seconds=u(3, 6),
                      sloppiness=u(0.8, 1.0))
    if kind == "spammer":
        return Worker(worker_id, kind=kind, median_seconds=u(1.5, 3), speed_sigma=0.2,
                      spam=SPAM_MODES[int(g.integers(2))], favourite=int(g.integers(100)))
    if kind == "adversarial":
        return Worker(worker_id, kind=kind, accuracy=u(0.1, 0.3), median_seconds=u(5, 10),
                      favourite=int(g.integers(100)))
    return Worker(worker_id, kind="fatigued", accuracy=u(0.85, 0.97), median_seconds=u(6, 12),
                  sloppiness=u(0.2, 0.5), fatigue=u(0.2, 0.6))


def _check_shares(shares) -> dict:
    if not isinstance(shares, dict) or not shares:
        raise TypeError(f"shares must be a non-empty dict kind -> proportion, got {shares!r}")
    allowed = tuple(DEFAULT_SHARES)
    for kind, share in shares.items():
        if kind not in allowed:
            raise ValueError(f"shares has unknown kind {kind!r}; allowed: {allowed}")
        check_probability(f"shares[{kind!r}]", share)
    total = sum(float(v) for v in shares.values())
    if abs(total - 1.0) > 1e-6:
        raise ValueError(f"shares must sum to 1, got {total:.6g}")
    return {k: float(v) for k, v in shares.items()}


def _round_counts(shares: list[float], n: int) -> np.ndarray:
    """Largest-remainder rounding: integer counts close to shares * n that add up to n."""
    exact = np.asarray(shares) * n
    counts = np.floor(exact).astype(int)
    order = np.argsort(-(exact - counts), kind="stable")
    counts[order[: n - counts.sum()]] += 1
    return counts


def _check_index(name: str, values, high: int, size: int | None = None) -> np.ndarray:
    """A 1-d array of integers in [0, high), of length ``size`` if given."""
    array = np.asarray(values)
    if array.ndim != 1 or (array.size and array.dtype.kind not in "iu"):
        raise TypeError(f"{name} must be a 1-d array of integers, got {array.dtype} with shape "
                        f"{array.shape}")
    if size is not None and array.size != size:
        raise ValueError(f"{name} must have the length of worker_index ({size}), got {array.size}")
    if array.size and (array.min() < 0 or array.max() >= high):
        raise ValueError(f"{name} must hold integers in [0, {high - 1}], got values from "
                         f"{array.min()} to {array.max()}")
    return array.astype(np.intp)


def _check_values(name: str, values, size: int, high: float) -> np.ndarray:
    """A 1-d float array of length ``size`` with finite values in [0, high]."""
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a 1-d array of numbers") from None
    if array.shape != (size,):
        raise ValueError(f"{name} must have the length of worker_index ({size}), got shape {array.shape}")
    if not np.isfinite(array).all() or (array < 0).any() or (array > high).any():
        raise ValueError(f"{name} must hold finite numbers in [0, {high:g}]")
    return array


def sample_labels(pool: WorkerPool, worker_index: np.ndarray, true_index: np.ndarray,
                  n_classes: int, *, ambiguity: np.ndarray | None = None,
                  session_index: np.ndarray | None = None, seed: int = 0) -> np.ndarray:
    """Vectorised answers (class indices) of ``pool.workers[worker_index]`` to items whose
    true class index is ``true_index``; ``ambiguity`` (in [0, 1]) and ``session_index`` (the
    label's position in the worker's session) switch on sloppiness and fatigue.

    >>> pool = WorkerPool.uniform(n_workers=2, accuracy=1.0, seed=0)
    >>> sample_labels(pool, np.array([0, 1]), np.array([2, 0]), n_classes=3, seed=0).tolist()
    [2, 0]
    """
    pool = _check_pool(pool)
    n_classes = check_int("n_classes", n_classes, 2, MAX_CLASSES)
    worker_index = _check_index("worker_index", worker_index, len(pool))
    n = len(worker_index)
    true_index = _check_index("true_index", true_index, n_classes, n)
    g = rng(seed)
    cumulative = np.cumsum(np.stack([w.confusion(n_classes) for w in pool.workers]), axis=2)
    rows = cumulative[worker_index, true_index]
    labels = (g.random(n)[:, None] > rows[:, :-1]).sum(axis=1)
    guess_share = np.zeros(n)
    if ambiguity is not None:
        sloppiness = np.array([w.sloppiness for w in pool.workers])[worker_index]
        guess_share = sloppiness * _check_values("ambiguity", ambiguity, n, 1.0)
    if session_index is not None:
        fatigue = np.array([w.fatigue for w in pool.workers])[worker_index]
        session = _check_values("session_index", session_index, n, 1e12)
        tired = np.minimum(1.0, fatigue * session / 100.0)
        guess_share = 1 - (1 - guess_share) * (1 - tired)
    guess = g.random(n) < guess_share
    labels[guess] = g.integers(0, n_classes, int(guess.sum()))
    return labels


def sample_seconds(pool: WorkerPool, worker_index: np.ndarray, *, seed: int = 0) -> np.ndarray:
    """Seconds per label, lognormal around each worker's median (capped at ``MAX_SECONDS``,
    which only a median near the cap with a huge ``speed_sigma`` can reach).

    >>> sample_seconds(WorkerPool.uniform(n_workers=2, seed=0), np.array([0, 1, 1])).shape
    (3,)
    """
    pool = _check_pool(pool)
    worker_index = _check_index("worker_index", worker_index, len(pool))
    median = np.array([w.median_seconds for w in pool.workers])[worker_index]
    sigma = np.array([w.speed_sigma for w in pool.workers])[worker_index]
    seconds = median * np.exp(sigma * rng(seed).standard_normal(len(worker_index)))
    return np.minimum(seconds, MAX_SECONDS)


def _check_pool(pool) -> WorkerPool:
    if not isinstance(pool, WorkerPool):
        raise TypeError(f"pool must be a workers.WorkerPool, got {type(pool).__name__}")
    return pool
