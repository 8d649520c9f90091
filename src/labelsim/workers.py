"""Worker models: who answers what, how fast, and how they go wrong.

A worker answers from a confusion matrix over the classes (row = true class, column = the
answer), optionally pushed towards a random guess by an item's ambiguity (``sloppiness``) or
by the number of labels already done in the session (``fatigue``). Speeds are lognormal.
The numbers in the default pools are illustrative, not measurements of any platform.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from ._validate import check_int, check_probability, check_real, rng

KINDS = ("uniform", "reliable", "sloppy", "spammer", "adversarial", "fatigued")
SPAM_MODES = ("constant", "random")
DEFAULT_SHARES = {"reliable": 0.6, "sloppy": 0.15, "spammer": 0.1, "adversarial": 0.05,
                  "fatigued": 0.1}


@dataclass(frozen=True)
class Worker:
    """One simulated worker.

    ``accuracy`` is the chance of a right answer on a clear item at the start of a session
    (NaN for a spammer, whose answers ignore the item). Wrong answers are spread evenly over
    the other classes, except for an ``adversarial`` worker, who always gives the same wrong
    answer for a class (the class ``favourite`` steps further on, cyclically). A ``spammer``
    answers ``favourite`` (modulo the number of classes) to everything if ``spam`` is
    "constant", a uniform random class if "random". ``sloppiness`` s: on an item of ambiguity
    a, a share s * a of answers are random guesses. ``fatigue`` f: after j labels, a share
    min(1, f * j / 100) are.

    >>> Worker("w000", accuracy=0.9).confusion(2).round(3).tolist()
    [[0.9, 0.1], [0.1, 0.9]]
    """

    id: str
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
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {self.kind!r}")
        if self.kind == "spammer":
            if self.spam not in SPAM_MODES:
                raise ValueError(f"spam must be one of {SPAM_MODES} for a spammer, got {self.spam!r}")
            object.__setattr__(self, "accuracy", math.nan)  # a spammer's answers ignore the item
        else:
            if self.spam is not None:
                raise ValueError(f"spam must be None unless kind is 'spammer', got {self.spam!r}")
            check_probability("accuracy", self.accuracy)
        check_real("median_seconds", self.median_seconds, 0.0, math.inf, low_open=True)
        check_real("speed_sigma", self.speed_sigma, 0.0, 5.0)
        check_probability("sloppiness", self.sloppiness)
        check_real("fatigue", self.fatigue, 0.0, 100.0)
        check_int("favourite", self.favourite, low=0)

    def confusion(self, n_classes: int) -> np.ndarray:
        """The (n_classes x n_classes) matrix P(answer | true class) on a clear, fresh item."""
        k = check_int("n_classes", n_classes, 2)
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
        if not self.workers or not all(isinstance(w, Worker) for w in self.workers):
            raise TypeError("workers must be a non-empty sequence of Worker objects")
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

    def worker(self, worker_id: str) -> Worker:
        for w in self.workers:
            if w.id == worker_id:
                return w
        raise ValueError(f"worker {worker_id!r} is not in the pool")

    def confusion(self, worker: str, classes) -> pd.DataFrame:
        """The true confusion matrix of ``worker`` (rows: true class, columns: answer).

        >>> pool = WorkerPool.uniform(n_workers=2, accuracy=0.8, seed=0)
        >>> pool.confusion("w000", ["cat", "dog"]).loc["cat", "dog"].round(3)
        np.float64(0.2)
        """
        classes = list(classes)
        if len(set(classes)) != len(classes) or len(classes) < 2:
            raise ValueError(f"classes must be at least 2 distinct labels, got {classes!r}")
        matrix = self.worker(worker).confusion(len(classes))
        return pd.DataFrame(matrix, index=pd.Index(classes, name="true"),
                            columns=pd.Index(classes, name="answer"))

    @classmethod
    def from_workers(cls, workers) -> "WorkerPool":
        """A pool of hand-made workers, e.g. for a lab's what-if."""
        return cls(tuple(workers))

    @classmethod
    def uniform(cls, n_workers: int = 40, accuracy: float = 0.7, seed: int = 0,
                median_seconds: float = 10.0) -> "WorkerPool":
        """The textbook labeler (Sheng, Provost & Ipeirotis 2008): right with probability
        ``accuracy``, independently; errors uniform over the other classes.

        Only the speeds are random: each worker's median is lognormal around ``median_seconds``.
        """
        n_workers = check_int("n_workers", n_workers)
        accuracy = check_probability("accuracy", accuracy)
        median_seconds = check_real("median_seconds", median_seconds, 0.0, math.inf, low_open=True)
        medians = median_seconds * np.exp(rng(seed).normal(0.0, 0.3, n_workers))
        return cls(tuple(Worker(_worker_id(i), "uniform", accuracy, float(m))
                         for i, m in enumerate(medians)))

    @classmethod
    def mixed(cls, n_workers: int = 40, seed: int = 0, shares: dict | None = None) -> "WorkerPool":
        """A pool of reliable, sloppy, spammer, adversarial and fatigued workers.

        ``shares`` maps kinds to proportions summing to 1 (default ``DEFAULT_SHARES``);
        counts are rounded so they add up to ``n_workers``.

        >>> WorkerPool.mixed(20, seed=0).table.kind.value_counts().sort_index().to_dict()
        {'adversarial': 1, 'fatigued': 2, 'reliable': 12, 'sloppy': 3, 'spammer': 2}
        """
        n_workers = check_int("n_workers", n_workers)
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
        return Worker(worker_id, kind, u(0.85, 0.97), u(6, 12), sloppiness=u(0.2, 0.5))
    if kind == "sloppy":
        return Worker(worker_id, kind, u(0.7, 0.85), u(3, 6), sloppiness=u(0.8, 1.0))
    if kind == "spammer":
        return Worker(worker_id, kind, median_seconds=u(1.5, 3), speed_sigma=0.2,
                      spam=SPAM_MODES[int(g.integers(2))], favourite=int(g.integers(100)))
    if kind == "adversarial":
        return Worker(worker_id, kind, u(0.1, 0.3), u(5, 10), favourite=int(g.integers(100)))
    return Worker(worker_id, "fatigued", u(0.85, 0.97), u(6, 12), sloppiness=u(0.2, 0.5),
                  fatigue=u(0.2, 0.6))


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


def sample_labels(pool: WorkerPool, worker_index: np.ndarray, true_index: np.ndarray,
                  n_classes: int, seed, ambiguity: np.ndarray | None = None,
                  session_index: np.ndarray | None = None) -> np.ndarray:
    """Vectorised answers (class indices) of ``pool.workers[worker_index]`` to items whose
    true class index is ``true_index``; ``ambiguity`` and ``session_index`` (the label's
    position in the worker's session) switch on sloppiness and fatigue.

    >>> pool = WorkerPool.uniform(n_workers=2, accuracy=1.0, seed=0)
    >>> sample_labels(pool, np.array([0, 1]), np.array([2, 0]), n_classes=3, seed=0).tolist()
    [2, 0]
    """
    g = rng(seed)
    n = len(worker_index)
    cumulative = np.cumsum(np.stack([w.confusion(n_classes) for w in pool.workers]), axis=2)
    rows = cumulative[worker_index, true_index]
    labels = (g.random(n)[:, None] > rows[:, :-1]).sum(axis=1)
    guess_share = np.zeros(n)
    if ambiguity is not None:
        sloppiness = np.array([w.sloppiness for w in pool.workers])[worker_index]
        guess_share = sloppiness * np.asarray(ambiguity, dtype=float)
    if session_index is not None:
        fatigue = np.array([w.fatigue for w in pool.workers])[worker_index]
        tired = np.minimum(1.0, fatigue * np.asarray(session_index) / 100.0)
        guess_share = 1 - (1 - guess_share) * (1 - tired)
    guess = g.random(n) < guess_share
    labels[guess] = g.integers(0, n_classes, int(guess.sum()))
    return labels


def sample_seconds(pool: WorkerPool, worker_index: np.ndarray, seed) -> np.ndarray:
    """Seconds per label, lognormal around each worker's median."""
    median = np.array([w.median_seconds for w in pool.workers])[worker_index]
    sigma = np.array([w.speed_sigma for w in pool.workers])[worker_index]
    return median * np.exp(sigma * rng(seed).standard_normal(len(worker_index)))
