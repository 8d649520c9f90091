"""Run a labeling job: who labels what, gold items, pay, rejections and unpaid time.

Each item goes to ``redundancy`` distinct workers, with the load spread evenly (workers get
the same number of labels, give or take one). A share of items are *gold* (the requester
knows the answer); a worker whose answers to gold items fall below ``gold_threshold`` is
rejected and, as on Amazon Mechanical Turk, not paid for any of their work.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._validate import check_int, check_probability, check_real, rng
from .datasets import BOX_COLUMNS, Scenes
from .ledger import Ledger
from .workers import WorkerPool, sample_labels, sample_seconds


@dataclass(frozen=True)
class Job:
    """The outcome of a labeling job and the parameters that produced it.

    ``annotations``: one row per label (task, worker, label, seconds, pay, is_gold, rejected,
    paid, session_index = the label's position in the worker's session). ``gold``: the gold
    task ids; ``rejected``: the rejected worker ids; ``gold_scores``: per worker, gold labels
    answered, right, accuracy and rejected.
    """

    annotations: pd.DataFrame
    ledger: Ledger
    gold: tuple[int, ...]
    rejected: tuple[str, ...]
    gold_scores: pd.DataFrame
    redundancy: int
    pay_per_label: float
    gold_fraction: float
    gold_threshold: float
    seed: int


def run_job(data, pool: WorkerPool, redundancy: int = 3, pay_per_label: float = 0.02,
            gold_fraction: float = 0.1, seed: int = 0, gold_threshold: float = 0.6,
            search_seconds: float = 300.0, instructions_seconds: float = 120.0,
            qualification_seconds: float = 0.0) -> Job:
    """Simulate a classification job on ``data`` (e.g. ``datasets.shapes``) with ``pool``.

    Pay is per label (currency units); seconds per label come from each worker's speed. Every
    worker who gets work also spends unpaid time: ``search_seconds`` finding the job,
    ``instructions_seconds`` reading it, ``qualification_seconds`` on a test (0 = none).
    These defaults are illustrative. Labels are the ``trainer`` role, gold answers
    ``verifier``.

    >>> from labelsim import datasets, workers
    >>> data = datasets.shapes(n_items=50, seed=0)
    >>> job = run_job(data, workers.WorkerPool.uniform(10, 0.8, seed=1), redundancy=3, seed=2)
    >>> len(job.annotations), job.annotations.groupby("task").worker.nunique().eq(3).all()
    (150, np.True_)
    """
    truth, classes, ambiguity = _check_data(data)
    pool = _check_pool(pool)
    redundancy = _check_redundancy(redundancy, pool)
    pay_per_label = check_real("pay_per_label", pay_per_label)
    gold_fraction = check_probability("gold_fraction", gold_fraction)
    gold_threshold = check_probability("gold_threshold", gold_threshold)
    unpaid = {"search": check_real("search_seconds", search_seconds),
              "instructions": check_real("instructions_seconds", instructions_seconds),
              "qualification": check_real("qualification_seconds", qualification_seconds)}
    g = rng(seed)
    n_items, n_workers = len(truth), len(pool)

    workers, session = _assign(n_items, n_workers, redundancy, g)
    task = np.repeat(np.arange(n_items), redundancy)
    gold = np.sort(g.choice(n_items, round(gold_fraction * n_items), replace=False))
    is_gold = np.zeros(n_items, dtype=bool)
    is_gold[gold] = True
    is_gold = is_gold[task]
    true_index = truth[task]
    labels = sample_labels(pool, workers, true_index, len(classes), _child_seed(g),
                           None if ambiguity is None else ambiguity[task], session)
    seconds = sample_seconds(pool, workers, _child_seed(g))

    answered = np.bincount(workers[is_gold], minlength=n_workers)
    right = np.bincount(workers[is_gold], weights=labels[is_gold] == true_index[is_gold],
                        minlength=n_workers)
    with np.errstate(invalid="ignore", divide="ignore"):
        gold_accuracy = np.where(answered > 0, right / answered, np.nan)
    rejected_worker = (answered > 0) & (gold_accuracy < gold_threshold)
    rejected = rejected_worker[workers]
    ids = np.array(pool.ids)
    annotations = pd.DataFrame({
        "task": task,
        "worker": _strings(pool.ids, workers),
        "label": _strings(classes, labels),
        "seconds": seconds,
        "pay": np.where(rejected, 0.0, pay_per_label),
        "is_gold": is_gold,
        "rejected": rejected,
        "paid": ~rejected,
        "session_index": session,
    })
    gold_scores = pd.DataFrame({"gold_answered": answered, "gold_right": right.astype(int),
                                "gold_accuracy": gold_accuracy, "rejected": rejected_worker},
                               index=pd.Index(ids, name="worker"))
    active = ids[np.bincount(workers, minlength=n_workers) > 0]
    ledger = _labeling_ledger(annotations, active, unpaid)
    return Job(annotations, ledger, tuple(int(t) for t in gold),
               tuple(ids[rejected_worker].tolist()), gold_scores, redundancy, pay_per_label,
               gold_fraction, gold_threshold, seed)


def run_box_job(scenes: Scenes, pool: WorkerPool, redundancy: int = 3, pay_per_box: float = 0.03,
                seed: int = 0) -> Job:
    """Simulate a bounding-box job: each scene goes to ``redundancy`` distinct workers, who
    draw every object's box; a worker's box corners are off by a Gaussian error whose spread
    grows as accuracy falls (a spammer draws as if accuracy were 0). No gold, no rejection.

    >>> from labelsim import datasets, workers
    >>> s = datasets.scenes(n_items=20, seed=0)
    >>> job = run_box_job(s, workers.WorkerPool.uniform(5, 0.9, seed=1), redundancy=2, seed=3)
    >>> len(job.annotations) == 2 * len(s.boxes)
    True
    """
    if not isinstance(scenes, Scenes):
        raise TypeError(f"scenes must be a datasets.Scenes, got {type(scenes).__name__}")
    pool = _check_pool(pool)
    redundancy = _check_redundancy(redundancy, pool)
    pay_per_box = check_real("pay_per_box", pay_per_box)
    g = rng(seed)
    n_scenes = len(scenes)
    workers, _ = _assign(n_scenes, len(pool), redundancy, g)
    boxes = scenes.boxes
    # one row per (object, worker): the scene's assignment repeated for each of its objects
    per_scene = workers.reshape(n_scenes, redundancy)
    object_workers = per_scene[boxes["task"].to_numpy()].reshape(-1)
    rows = np.repeat(np.arange(len(boxes)), redundancy)
    truth = boxes[list(BOX_COLUMNS)].to_numpy()[rows]
    accuracy = np.nan_to_num(np.array([w.accuracy for w in pool.workers]), nan=0.0)[object_workers]
    side = np.maximum(truth[:, 2] - truth[:, 0], truth[:, 3] - truth[:, 1])
    spread = 0.3 + 0.5 * (1 - accuracy) * side
    drawn = truth + g.standard_normal(truth.shape) * spread[:, None]
    drawn = np.clip(drawn, 0, scenes.images.shape[-1])
    x0, x1 = np.sort(drawn[:, [0, 2]], axis=1).T
    y0, y1 = np.sort(drawn[:, [1, 3]], axis=1).T
    seconds = sample_seconds(pool, object_workers, _child_seed(g))
    annotations = pd.DataFrame({
        "task": boxes["task"].to_numpy()[rows],
        "object": boxes["object"].to_numpy()[rows],
        "worker": _strings(pool.ids, object_workers),
        "label": boxes["label"].to_numpy()[rows],
        "x0": x0, "y0": y0, "x1": x1, "y1": y1,
        "seconds": seconds,
        "pay": pay_per_box,
        "is_gold": False,
        "rejected": False,
        "paid": True,
    })
    ledger = Ledger.from_records(annotations["worker"], "trainer", "box", seconds, pay_per_box,
                                 True, task=annotations["task"])
    return Job(annotations, ledger, (), (), pd.DataFrame(), redundancy, pay_per_box, 0.0, 0.0, seed)


def _assign(n_items: int, n_workers: int, redundancy: int, g: np.random.Generator):
    """Workers for each item (flat, ``redundancy`` per item, items in task order) and each
    label's position in its worker's session.

    Items are taken in a random order, in blocks of ``n_workers``; in a block, item i gets the
    workers at positions i*r .. i*r+r-1 (mod n_workers) of a fresh random permutation, so an
    item's workers are distinct and each worker gets r labels per full block.
    """
    order = g.permutation(n_items)
    position = np.arange(n_items)
    n_blocks = -(-n_items // n_workers)
    permutations = np.argsort(g.random((n_blocks, n_workers)), axis=1)
    slots = (position % n_workers)[:, None] * redundancy + np.arange(redundancy)
    workers = permutations[(position // n_workers)[:, None], slots % n_workers]
    # labels happen in position order: a worker's session index counts their earlier labels
    flat = workers.reshape(-1)
    by_worker = np.argsort(flat, kind="stable")
    counts = np.bincount(flat, minlength=n_workers)
    session = np.empty(flat.size, dtype=np.int64)
    session[by_worker] = np.arange(flat.size) - np.repeat(np.cumsum(counts) - counts, counts)
    in_task_order = np.argsort(order)  # row of each task in position order
    return (workers[in_task_order].reshape(-1),
            session.reshape(n_items, redundancy)[in_task_order].reshape(-1))


def _labeling_ledger(annotations: pd.DataFrame, active: np.ndarray, unpaid: dict) -> Ledger:
    gold = annotations["is_gold"].to_numpy().astype(np.int64)
    labels = Ledger.from_records(
        annotations["worker"], _strings(("trainer", "verifier"), gold),
        _strings(("label", "gold"), gold), annotations["seconds"], annotations["pay"],
        annotations["paid"].to_numpy(), task=annotations["task"])
    activities = [a for a, s in unpaid.items() if s > 0]
    if not activities or active.size == 0:
        return labels
    overhead = Ledger.from_records(np.tile(active, len(activities)), "trainer",
                                   np.repeat(activities, active.size),
                                   np.repeat([unpaid[a] for a in activities], active.size),
                                   0.0, False)
    return labels + overhead


def _check_data(data):
    """(true class index per task, classes, ambiguity per task or None) of a dataset."""
    if not (hasattr(data, "truth") and hasattr(data, "classes")):
        raise TypeError("data must be a dataset with .truth and .classes, e.g. "
                        f"datasets.shapes(...); got {type(data).__name__}")
    truth, classes = data.truth, tuple(data.classes)
    if not isinstance(truth, pd.Series) or len(truth) == 0:
        raise ValueError("data.truth must be a non-empty pandas Series of labels")
    if not truth.index.equals(pd.RangeIndex(len(truth))):
        raise ValueError("data.truth must be indexed by task ids 0..n_items-1")
    codes = pd.Index(classes).get_indexer(truth)
    if (codes < 0).any():
        raise ValueError(f"data.truth has labels outside data.classes {classes}")
    items = getattr(data, "items", None)
    ambiguity = None
    if isinstance(items, pd.DataFrame) and "ambiguity" in items.columns:
        ambiguity = items["ambiguity"].to_numpy(dtype=float)
    return codes.astype(np.int64), classes, ambiguity


def _check_pool(pool) -> WorkerPool:
    if not isinstance(pool, WorkerPool):
        raise TypeError(f"pool must be a workers.WorkerPool, got {type(pool).__name__}")
    return pool


def _check_redundancy(redundancy, pool: WorkerPool) -> int:
    redundancy = check_int("redundancy", redundancy)
    if redundancy > len(pool):
        raise ValueError(f"redundancy must be at most the pool size ({len(pool)} workers), "
                         f"got {redundancy}: each item needs distinct workers")
    return redundancy


def _strings(values, index: np.ndarray) -> pd.Index:
    """``values[index]`` as a pandas string column (much faster than numpy's unicode arrays)."""
    return pd.Index(list(values), dtype="str").take(index)


def _child_seed(g: np.random.Generator) -> int:
    """A seed for a sub-step, drawn from the job's generator."""
    return int(g.integers(2**63))

